/**
 * The API's reads of the idea pool (`GET /api/v1/ideas`, `GET /api/v1/ideas/{id}`), with the same
 * rules as the pages: members and the coordination only (401 for visitors, 404 for people without
 * a municipality). Texts are returned as written (markdown); clients escape them.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { IDEA_STATUSES } from '../db/schema';
import { notFound } from '../errors';
import { findSimilarToDraft, getIdea, listIdeas } from './idea.service';
import { findIdea } from './idea.repository';
import { IDEA_SORTS } from './idea.schema';

const Id = z.number().int().positive();
const Timestamp = z.iso.datetime().meta({ description: 'ISO-8601 instant in UTC' });

/** The query of `GET /api/v1/ideas` as the OpenAPI document describes it (bad values are ignored). */
export const IdeaListQuerySchema = z.object({
	status: z.enum(IDEA_STATUSES).optional().meta({ description: 'Only ideas in this state' }),
	sort: z
		.enum(IDEA_SORTS)
		.optional()
		.meta({ description: 'support (default), newest, or activity (latest post or change)' })
});

export const IdeaSummarySchema = z.strictObject({
	id: Id,
	title: z.string(),
	status: z.enum(IDEA_STATUSES),
	municipality: z.string().meta({ description: 'Posted on behalf of' }),
	supportCount: z.number().int().min(0),
	projectId: Id.nullable().meta({ description: 'The joint project it became' }),
	createdAt: Timestamp,
	lastActivityAt: Timestamp
});

export const IdeaListSchema = z.strictObject({
	sort: z.enum(IDEA_SORTS),
	items: z.array(IdeaSummarySchema)
});

export const IdeaSchema = z
	.strictObject({
		id: Id,
		title: z.string(),
		problem: z.string().meta({ description: 'Markdown' }),
		solution: z.string().meta({ description: 'Markdown' }),
		benefit: z.string().meta({ description: 'Markdown' }),
		status: z.enum(IDEA_STATUSES),
		municipality: z.strictObject({ id: Id, name: z.string(), ags: z.string() }),
		author: z.string().nullable(),
		projectId: Id.nullable(),
		createdAt: Timestamp,
		lastActivityAt: Timestamp,
		supports: z.array(
			z.strictObject({
				municipality: z.string(),
				person: z.string().nullable(),
				comment: z.string(),
				contributors: z.string(),
				createdAt: Timestamp
			})
		),
		history: z.array(
			z.strictObject({
				status: z.enum(IDEA_STATUSES),
				personName: z.string().nullable(),
				reason: z.string().nullable(),
				createdAt: Timestamp
			})
		)
	})
	.meta({ description: 'An idea of the pool with its supporters ("Wir wären dabei") and history' });

export async function listIdeasForApi(
	ctx: Ctx,
	params: URLSearchParams
): Promise<z.output<typeof IdeaListSchema>> {
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

export async function ideaForApi(ctx: Ctx, idParam: string): Promise<z.output<typeof IdeaSchema>> {
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

/** The query of `GET /api/v1/ideas/similar`: a draft's title and problem. */
export const SimilarIdeasQuerySchema = z
	.object({
		title: z.string().trim().max(300, 'too_long').default(''),
		problem: z.string().trim().max(2000, 'too_long').default('')
	})
	.strict();

export const SimilarIdeasSchema = z.strictObject({
	items: z.array(
		z.strictObject({
			id: Id,
			title: z.string(),
			status: z.enum(IDEA_STATUSES),
			url: z.string().meta({ description: 'Path of the idea page' })
		})
	)
});

/** Open ideas like a draft, for the idea form while it is typed (catalogue projects: `/similar`). */
export async function similarIdeasForApi(
	ctx: Ctx,
	query: z.output<typeof SimilarIdeasQuerySchema>
): Promise<z.output<typeof SimilarIdeasSchema>> {
	const { ideas } = await findSimilarToDraft(ctx, query, { projects: false });
	return { items: ideas };
}
