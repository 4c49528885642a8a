/**
 * Use cases of the audit log: sign-ins and their failures, role and membership changes,
 * invitations, exports and deletions, with who, when and from where. Other modules record
 * events inside their own transactions; the coordination reads and filters them.
 */
import type { Actor, Ctx } from '../context';
import { inTransaction, json, type Db } from '../db';
import { forbidden, invalid } from '../errors';
import { auditActionLabel, isAuditAction, type AuditAction } from './audit.actions';
import { canPurgeAuditLog, canReadAuditLog } from './audit.policy';
import {
	deleteAuditEventsBefore,
	findAuditEvents,
	findAuditMunicipalities,
	insertAuditEvent
} from './audit.repository';
import { AUDIT_PAGE_SIZE, formatAuditCursor, type AuditFilter } from './audit.schema';
import { nextDay, startOfDay } from './day-range';

/** How long entries are kept unless the operator decides otherwise (see decision 0010). */
export const AUDIT_RETENTION_DAYS = 365;

const MAX_LABEL = 200;
const MAX_USER_AGENT = 256;
const MAX_ADDRESS = 64;

export interface AuditEventInput {
	action: AuditAction;
	actorPersonId?: number | null;
	/** Display-name snapshot, `emailActorLabel(email)` or `system:<reason>`; see auditActorOf. */
	actorLabel: string;
	subjectType?: string | null;
	subjectId?: number | null;
	municipalityId?: number | null;
	ipAddress?: string | null;
	userAgent?: string | null;
	/** Small facts about the event (old and new role, counts); never passwords or addresses. */
	details?: Record<string, unknown>;
}

/**
 * Cuts text to `max` characters (not UTF-16 halves) and removes control characters: a NUL byte
 * in a user agent would make PostgreSQL reject the row and with it the caller's transaction.
 */
function clean(value: string | null | undefined, max: number): string | null {
	if (value === null || value === undefined) return null;
	// eslint-disable-next-line no-control-regex
	const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
	return text ? Array.from(text).slice(0, max).join('') : null;
}

function detailsJson(details: Record<string, unknown>): string {
	// jsonb refuses \u0000 in strings; nothing worth keeping in a log needs it.
	return json(
		JSON.parse(JSON.stringify(details), (_key, value: unknown) =>
			typeof value === 'string' ? value.replaceAll('\u0000', '') : value
		)
	);
}

/** The actor columns for an event caused by `actor`. */
export function auditActorOf(actor: Actor): Pick<AuditEventInput, 'actorPersonId' | 'actorLabel'> {
	switch (actor.kind) {
		case 'anonymous':
			return { actorPersonId: null, actorLabel: 'anonymous' };
		case 'system':
			return { actorPersonId: null, actorLabel: `system:${actor.reason}` };
		case 'person':
			return { actorPersonId: actor.personId, actorLabel: actor.displayName };
	}
}

/**
 * Writes one event with `db`, which should be the caller's transaction: the event then exists
 * exactly when the change it describes does. Returns the event's id.
 */
export async function recordAuditEvent(
	db: Db,
	event: AuditEventInput,
	clock: { now: () => Date }
): Promise<number> {
	if (!isAuditAction(event.action)) throw new Error(`unknown audit action ${String(event.action)}`);
	const actorLabel = clean(event.actorLabel, MAX_LABEL);
	if (!actorLabel) throw new Error('an audit event needs an actor label');
	if (event.subjectId !== undefined && event.subjectId !== null && !event.subjectType) {
		throw new Error('an audit subject id needs a subject type');
	}
	return insertAuditEvent(db, {
		occurred_at: clock.now().toISOString(),
		action: event.action,
		actor_person_id: event.actorPersonId ?? null,
		actor_label: actorLabel,
		subject_type: clean(event.subjectType, MAX_LABEL),
		subject_id: event.subjectId ?? null,
		municipality_id: event.municipalityId ?? null,
		ip_address: clean(event.ipAddress, MAX_ADDRESS),
		user_agent: clean(event.userAgent, MAX_USER_AGENT),
		details_json: detailsJson(event.details ?? {})
	});
}

export interface AuditEventView {
	id: number;
	occurredAt: string;
	action: string;
	actionLabel: string;
	actor: { personId: number | null; label: string };
	subject: { type: string; id: number | null } | null;
	municipality: { id: number; ags: string; name: string } | null;
	ipAddress: string | null;
	userAgent: string | null;
	details: unknown;
}

export interface AuditEventPage {
	items: AuditEventView[];
	/** Pass as `before` for the next (older) page; null on the last page. */
	nextCursor: string | null;
	pageSize: number;
}

type Row = Awaited<ReturnType<typeof findAuditEvents>>[number];

function toView(row: Row): AuditEventView {
	return {
		id: row.id,
		occurredAt: row.occurred_at,
		action: row.action,
		actionLabel: auditActionLabel(row.action),
		actor: { personId: row.actor_person_id, label: row.actor_label },
		subject: row.subject_type === null ? null : { type: row.subject_type, id: row.subject_id },
		municipality:
			row.municipality_id !== null &&
			row.municipality_ags !== null &&
			row.municipality_name !== null
				? { id: row.municipality_id, ags: row.municipality_ags, name: row.municipality_name }
				: null,
		ipAddress: row.ip_address,
		userAgent: row.user_agent,
		details: row.details_json
	};
}

/** One page of the log, newest first, filtered. Only the coordination may read it. */
export async function listAuditEvents(ctx: Ctx, filter: AuditFilter): Promise<AuditEventPage> {
	if (!canReadAuditLog(ctx.actor)) throw forbidden('audit log');
	const actor = filter.actor;
	const rows = await findAuditEvents(ctx.db, {
		action: filter.action,
		actorPersonId: actor && 'personId' in actor ? actor.personId : undefined,
		actorLabel: actor && 'label' in actor ? actor.label : undefined,
		municipalityId: filter.municipality,
		from: filter.from ? startOfDay(filter.from) : undefined,
		until: filter.to ? startOfDay(nextDay(filter.to)) : undefined,
		before: filter.before,
		limit: AUDIT_PAGE_SIZE + 1
	});
	const items = rows.slice(0, AUDIT_PAGE_SIZE).map(toView);
	const last = items.at(-1);
	return {
		items,
		nextCursor:
			rows.length > AUDIT_PAGE_SIZE && last
				? formatAuditCursor({ occurredAt: last.occurredAt, id: last.id })
				: null,
		pageSize: AUDIT_PAGE_SIZE
	};
}

/** The municipalities the log mentions (id and name), for the view's filter. Coordination only. */
export async function listAuditMunicipalities(ctx: Ctx): Promise<{ id: number; name: string }[]> {
	if (!canReadAuditLog(ctx.actor)) throw forbidden('audit log');
	return findAuditMunicipalities(ctx.db);
}

/**
 * Deletes the events older than `olderThanDays` days and records that it did (an
 * `audit.purged` event in the same transaction). For the retention job; returns the count.
 */
export async function purgeAuditEvents(ctx: Ctx, olderThanDays: number): Promise<number> {
	if (!canPurgeAuditLog(ctx.actor)) throw forbidden('audit log');
	if (!Number.isInteger(olderThanDays) || olderThanDays < 1 || olderThanDays > 36_500) {
		throw invalid({ olderThanDays: 'whole_number_from_1' });
	}
	const now = ctx.now();
	const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const deleted = await deleteAuditEventsBefore(tx, cutoff);
		if (deleted > 0) {
			await recordAuditEvent(
				tx,
				{
					action: 'audit.purged',
					...auditActorOf(ctx.actor),
					details: { olderThanDays, cutoff, deleted }
				},
				{ now: () => now }
			);
		}
		return deleted;
	});
}
