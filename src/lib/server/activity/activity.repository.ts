/** SQL of the activity feed. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { ActivityTable } from '../db/schema';

export function findRecentActivity(db: Db, limit: number, publicOnly: boolean) {
	let q = db
		.selectFrom('activity as ac')
		.leftJoin('municipality as m', 'm.id', 'ac.municipality_id')
		.select(['ac.id', 'ac.kind', 'ac.occurred_at', 'ac.details_json', 'm.ags', 'm.name']);
	if (publicOnly) q = q.where('ac.is_public', '=', true);
	return q.orderBy('ac.occurred_at', 'desc').orderBy('ac.id', 'desc').limit(limit).execute();
}

export async function insertActivities(db: Db, rows: Insertable<ActivityTable>[]) {
	if (rows.length === 0) return;
	await db.insertInto('activity').values(rows).execute();
}
