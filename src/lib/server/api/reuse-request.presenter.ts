/** Reuse requests as the API shows them: a whitelist of fields, seen from the caller's side. */
import type { ReuseRequestJson } from './api.schema';
import type { ReuseRequestRow } from './reuse-request.repository';

export function presentReuseRequest(
	row: ReuseRequestRow,
	options: { callerMunicipalityIds: readonly number[]; canSeeProject: boolean }
): ReuseRequestJson {
	const ids = options.callerMunicipalityIds;
	const direction = ids.includes(row.owner_municipality_id)
		? 'incoming'
		: ids.includes(row.requesting_municipality_id)
			? 'outgoing'
			: null;
	const subject =
		row.project_id !== null
			? {
					type: 'project' as const,
					id: row.project_id,
					name: options.canSeeProject ? row.project_title : null
				}
			: { type: 'product' as const, id: row.product_id ?? 0, name: row.product_name ?? null };
	return {
		id: row.id,
		subject,
		requester: { ags: row.requester_ags, name: row.requester_name },
		owner: { ags: row.owner_ags, name: row.owner_name },
		direction,
		message: row.message,
		status: row.status,
		resultProjectId: row.result_project_id,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		closedAt: row.closed_at
	};
}
