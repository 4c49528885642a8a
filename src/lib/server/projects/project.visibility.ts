/**
 * The query side of project.policy.ts: restricts any select over `project` to what a scope may
 * see. Every query that lists projects, counts them or reaches them through another table
 * (products, reuse requests, exports, the API) applies this, so the rule lives in one place.
 * Deleted projects are never included.
 */
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database, ProjectVisibility } from '../db/schema';
import type { ProjectScope } from './project.policy';

/** A `where` expression over a query that has `project` in scope. */
export function projectVisibleTo(scope: ProjectScope) {
	return <TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) => {
		// The caller's query has `project` among its tables (joined or selected from).
		const e = eb as unknown as ExpressionBuilder<Database, 'project'>;
		const notDeleted = e('project.deleted_at', 'is', null);
		switch (scope.kind) {
			case 'all':
				return notDeleted;
			case 'public':
				return e.and([notDeleted, e('project.visibility', '=', 'public')]);
			case 'members': {
				const ids = [...scope.draftMunicipalityIds];
				const seen = [e('project.visibility', 'in', ['public', 'network'])];
				if (ids.length > 0) {
					seen.push(
						e.and([
							e('project.visibility', '=', 'draft'),
							e.or([
								e('project.municipality_id', 'in', ids),
								e.exists(
									e
										.selectFrom('project_partner')
										.select('project_partner.project_id')
										.whereRef('project_partner.project_id', '=', 'project.id')
										.where('project_partner.municipality_id', 'in', ids)
								)
							])
						])
					);
				}
				return e.and([notDeleted, e.or(seen)]);
			}
		}
	};
}

/**
 * The same rule as `projectVisibleTo`, cut into disjoint parts that each fix one visibility by
 * equality, so that a count can use an index per part (an OR over visibilities makes SQLite scan
 * the table). The parts' counts add up to the count under `projectVisibleTo(scope)`.
 */
export function projectVisibleParts(scope: ProjectScope) {
	type Where = ReturnType<typeof projectVisibleTo>;
	const only = (visibility: ProjectVisibility): Where => {
		return <TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) => {
			const e = eb as unknown as ExpressionBuilder<Database, 'project'>;
			return e.and([e('project.deleted_at', 'is', null), e('project.visibility', '=', visibility)]);
		};
	};
	switch (scope.kind) {
		case 'all':
			return [only('public'), only('network'), only('draft')];
		case 'public':
			return [only('public')];
		case 'members': {
			const ids = [...scope.draftMunicipalityIds];
			const parts: Where[] = [only('public'), only('network')];
			if (ids.length > 0) {
				// Own drafts, and drafts of others where one of the actor's municipalities is partner.
				parts.push(<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) => {
					const e = eb as unknown as ExpressionBuilder<Database, 'project'>;
					return e.and([
						e('project.deleted_at', 'is', null),
						e('project.visibility', '=', 'draft'),
						e('project.municipality_id', 'in', ids)
					]);
				});
				parts.push(<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) => {
					const e = eb as unknown as ExpressionBuilder<Database, 'project'>;
					return e.and([
						e('project.deleted_at', 'is', null),
						e('project.visibility', '=', 'draft'),
						e('project.municipality_id', 'not in', ids),
						e(
							'project.id',
							'in',
							e
								.selectFrom('project_partner')
								.select('project_partner.project_id')
								.where('project_partner.municipality_id', 'in', ids)
						)
					]);
				});
			}
			return parts;
		}
	}
}

/** Applies the scope to a query that selects from `project`. */
export function whereProjectVisible<O>(
	query: SelectQueryBuilder<Database, 'project', O>,
	scope: ProjectScope
): SelectQueryBuilder<Database, 'project', O> {
	return query.where(projectVisibleTo(scope));
}
