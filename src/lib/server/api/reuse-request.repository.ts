/**
 * SQL of the API's reads of reuse requests: keyset pages (newest change first) of the requests
 * one or more municipalities take part in, and which of their projects a scope may see.
 */
import type { Db } from '../db';
import type { ReuseRequestStatus } from '../db/schema';
import type { ProjectScope } from '../projects/project.policy';
import { projectVisibleTo } from '../projects/project.visibility';

export interface ReuseRequestPageQuery {
	/** The caller's municipalities; undefined: every request (the coordination). */
	municipalityIds?: readonly number[];
	direction?: 'incoming' | 'outgoing';
	status?: ReuseRequestStatus;
	id?: number;
	after?: { updatedAt: string; id: number };
	limit: number;
}

export function findReuseRequestPage(db: Db, query: ReuseRequestPageQuery) {
	let q = db
		.selectFrom('reuse_request as r')
		.innerJoin('municipality as requester', 'requester.id', 'r.requesting_municipality_id')
		.innerJoin('municipality as owner', 'owner.id', 'r.owner_municipality_id')
		.leftJoin('project as p', 'p.id', 'r.project_id')
		.leftJoin('product as pr', 'pr.id', 'r.product_id')
		.select([
			'r.id',
			'r.project_id',
			'r.product_id',
			'p.title as project_title',
			'pr.name as product_name',
			'r.requesting_municipality_id',
			'requester.ags as requester_ags',
			'requester.name as requester_name',
			'r.owner_municipality_id',
			'owner.ags as owner_ags',
			'owner.name as owner_name',
			'r.message',
			'r.status',
			'r.result_project_id',
			'r.created_at',
			'r.updated_at',
			'r.closed_at'
		]);
	const ids = query.municipalityIds ? [...query.municipalityIds] : undefined;
	if (ids) {
		if (ids.length === 0) return Promise.resolve([]);
		if (query.direction === 'incoming') q = q.where('r.owner_municipality_id', 'in', ids);
		else if (query.direction === 'outgoing') {
			q = q.where('r.requesting_municipality_id', 'in', ids);
		} else {
			q = q.where((eb) =>
				eb.or([
					eb('r.owner_municipality_id', 'in', ids),
					eb('r.requesting_municipality_id', 'in', ids)
				])
			);
		}
	}
	if (query.status) q = q.where('r.status', '=', query.status);
	if (query.id !== undefined) q = q.where('r.id', '=', query.id);
	const after = query.after;
	if (after) {
		q = q.where((eb) =>
			eb(eb.refTuple('r.updated_at', 'r.id'), '<', eb.tuple(after.updatedAt, after.id))
		);
	}
	return q.orderBy('r.updated_at', 'desc').orderBy('r.id', 'desc').limit(query.limit).execute();
}

export type ReuseRequestRow = Awaited<ReturnType<typeof findReuseRequestPage>>[number];

/** Which of these projects the scope may see. */
export async function findVisibleProjectIds(
	db: Db,
	scope: ProjectScope,
	ids: readonly number[]
): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('project')
		.where('project.id', 'in', [...ids])
		.where(projectVisibleTo(scope))
		.select('project.id')
		.execute();
	return new Set(rows.map((row) => row.id));
}
