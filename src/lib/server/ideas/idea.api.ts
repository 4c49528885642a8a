/**
 * The API's reads of the idea pool (`GET /api/v1/ideas`, `GET /api/v1/ideas/{id}`), with the same
 * rules as the pages: members and the coordination only (401 for visitors, 404 for people without
 * a municipality). Texts are returned as written (markdown); clients escape them.
 */
import type { Ctx } from '../context';
import { notFound } from '../errors';
import { getIdea, listIdeas } from './idea.service';
import { findIdea } from './idea.repository';

export async function listIdeasForApi(ctx: Ctx, params: URLSearchParams) {
	const { filter, ideas } = await listIdeas(ctx, {
		status: params.get('status') ?? undefined,
		sort: params.get('sort') ?? undefined
	});
	return {
		sort: filter.sort,
		items: ideas.map((idea) => ({
			id: idea.id,
			title: idea.title,
			status: idea.status,
			municipality: idea.municipalityName,
			supportCount: idea.supportCount,
			projectId: idea.projectId,
			createdAt: idea.createdAt,
			lastActivityAt: idea.lastActivityAt
		}))
	};
}

export async function ideaForApi(ctx: Ctx, idParam: string) {
	const id = /^\d{1,15}$/.test(idParam) ? Number(idParam) : Number.NaN;
	if (Number.isNaN(id)) throw notFound('idea');
	const view = await getIdea(ctx, id);
	const row = await findIdea(ctx.db, id);
	if (!row) throw notFound('idea');
	return {
		id: row.id,
		title: row.title,
		problem: row.problem,
		solution: row.solution,
		benefit: row.benefit,
		status: row.status,
		municipality: { id: row.municipalityId, name: row.municipalityName, ags: row.municipalityAgs },
		author: row.authorName,
		projectId: view.project?.id ?? null,
		createdAt: row.createdAt,
		lastActivityAt: row.lastActivityAt,
		supports: view.supports.map((s) => ({
			municipality: s.municipalityName,
			person: s.personName,
			comment: s.comment,
			contributors: s.contributors,
			createdAt: s.createdAt
		})),
		history: view.history
	};
}
