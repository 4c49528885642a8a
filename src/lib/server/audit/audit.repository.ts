/** SQL of the audit log. Queries only; rules live in the service. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { AuditEventTable } from '../db/schema';
import type { AuditCursor } from './audit.schema';

export async function insertAuditEvent(
	db: Db,
	values: Insertable<AuditEventTable>
): Promise<number> {
	const row = await db
		.insertInto('audit_event')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export interface AuditEventQuery {
	action?: string;
	actorPersonId?: number;
	actorLabel?: string;
	municipalityId?: number;
	/** Instants (ISO): `occurred_at >= from` and `occurred_at < until`. */
	from?: string;
	until?: string;
	/** Only events older than this one in the newest-first order. */
	before?: AuditCursor;
	limit: number;
}

/** Newest first; ties in time by id, so the order is total and pages never overlap. */
export function findAuditEvents(db: Db, query: AuditEventQuery) {
	let q = db
		.selectFrom('audit_event as e')
		.leftJoin('municipality as m', 'm.id', 'e.municipality_id')
		.select([
			'e.id',
			'e.occurred_at',
			'e.action',
			'e.actor_person_id',
			'e.actor_label',
			'e.subject_type',
			'e.subject_id',
			'e.municipality_id',
			'm.ags as municipality_ags',
			'm.name as municipality_name',
			'e.ip_address',
			'e.user_agent',
			'e.details_json'
		]);
	if (query.action) q = q.where('e.action', '=', query.action);
	if (query.actorPersonId !== undefined) q = q.where('e.actor_person_id', '=', query.actorPersonId);
	if (query.actorLabel !== undefined) q = q.where('e.actor_label', '=', query.actorLabel);
	if (query.municipalityId !== undefined) {
		q = q.where('e.municipality_id', '=', query.municipalityId);
	}
	if (query.from) q = q.where('e.occurred_at', '>=', query.from);
	if (query.until) q = q.where('e.occurred_at', '<', query.until);
	const before = query.before;
	if (before) {
		q = q.where((eb) =>
			eb(eb.refTuple('e.occurred_at', 'e.id'), '<', eb.tuple(before.occurredAt, before.id))
		);
	}
	return q.orderBy('e.occurred_at', 'desc').orderBy('e.id', 'desc').limit(query.limit).execute();
}

export async function deleteAuditEventsBefore(db: Db, cutoff: string): Promise<number> {
	const result = await db
		.deleteFrom('audit_event')
		.where('occurred_at', '<', cutoff)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The municipalities the log mentions, by name: the choices of the municipality filter. */
export function findAuditMunicipalities(db: Db) {
	return db
		.selectFrom('municipality as m')
		.select(['m.id', 'm.name'])
		.where('m.id', 'in', db.selectFrom('audit_event').select('municipality_id').distinct())
		.orderBy('m.name_sort')
		.orderBy('m.id')
		.execute();
}
