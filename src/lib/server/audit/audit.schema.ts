/** Input schemas of the audit log. */
import { z } from 'zod';
import { emailPseudonym } from '../text/pseudonym';
import { AUDIT_ACTION_CODES } from './audit.actions';
import { isCalendarDate } from './day-range';

/** Events per page of the coordinator's view. */
export const AUDIT_PAGE_SIZE = 50;

/** The actor label of someone known only by an e-mail address. */
export function emailActorLabel(email: string): string {
	return `email:${emailPseudonym(email)}`;
}

/** Whom the "actor" filter means: a person by id, or a label (e-mail addresses are hashed). */
export type AuditActorQuery = { personId: number } | { label: string };

function parseActor(value: string | undefined): AuditActorQuery | undefined {
	if (!value) return undefined;
	if (/^\d{1,9}$/.test(value) && Number(value) > 0) return { personId: Number(value) };
	if (/^[^\s@]+@[^\s@]+$/.test(value)) return { label: emailActorLabel(value) };
	// Labels as the log shows them, so a row's actor can be followed by a link.
	if (/^email:[0-9a-f]{64}$/.test(value) || /^system:\S.*$/.test(value)) return { label: value };
	return undefined;
}

/** Position in the newest-first order: everything older than this event. */
export interface AuditCursor {
	occurredAt: string;
	id: number;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,15})$/;

export function formatAuditCursor(cursor: AuditCursor): string {
	return `${cursor.occurredAt}_${cursor.id}`;
}

export function parseAuditCursor(value: string | undefined): AuditCursor | undefined {
	const match = value ? CURSOR.exec(value) : null;
	if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[1]))) return undefined;
	return { occurredAt: match[1], id: Number(match[2]) };
}

const DaySchema = z.string().refine(isCalendarDate);

/**
 * Filters of the audit log, as they come from a query string. Unknown or malformed values fall
 * back to "no filter" rather than failing, as the register's filters do: an edited or outdated
 * link still shows a list. `from` and `to` are calendar days in German time, both included; given
 * the wrong way round they are swapped.
 */
export const ListAuditEventsSchema = z
	.object({
		action: z.enum(AUDIT_ACTION_CODES).optional().catch(undefined),
		actor: z.string().trim().max(254).optional().transform(parseActor).catch(undefined),
		municipality: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
		from: DaySchema.optional().catch(undefined),
		to: DaySchema.optional().catch(undefined),
		before: z.string().max(64).optional().transform(parseAuditCursor).catch(undefined)
	})
	.transform((filter) =>
		filter.from && filter.to && filter.from > filter.to
			? { ...filter, from: filter.to, to: filter.from }
			: filter
	);

export type ListAuditEventsInput = z.input<typeof ListAuditEventsSchema>;
export type AuditFilter = z.output<typeof ListAuditEventsSchema>;

const FILTER_KEYS = ['action', 'actor', 'municipality', 'from', 'to', 'before'] as const;

/** Reads the filters from URL search parameters (empty values count as absent). */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
	const entries: Record<string, string> = {};
	for (const key of FILTER_KEYS) {
		const value = params.get(key);
		if (value !== null && value !== '') entries[key] = value;
	}
	return ListAuditEventsSchema.parse(entries);
}
