/** The search as the JSON API shows it (`/api/v1/search`, `/api/v1/similar`). */
import { z } from 'zod';
import type { Ctx } from '../context';
import { PROJECT_STATUSES } from '../db/schema';
import { findSimilarProjects, search, SEARCH_TYPES } from './search.service';

/** Strict: an unknown or broken parameter is an error with a stable code, not ignored. */
export const SearchApiQuerySchema = z
	.object({
		q: z.string().trim().min(1, 'required').max(200, 'too_long'),
		type: z.enum(SEARCH_TYPES, 'invalid').optional(),
		municipality: z
			.string()
			.regex(/^\d{8}$/, 'invalid')
			.optional(),
		status: z.enum(PROJECT_STATUSES, 'invalid').optional(),
		themenfeld: z
			.string()
			.regex(/^[a-z-]{2,40}$/, 'invalid')
			.optional(),
		page: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(50, 'invalid').default(1)
	})
	.strict();

export const SimilarApiQuerySchema = z
	.object({
		title: z.string().trim().max(300, 'too_long').default(''),
		summary: z.string().trim().max(2000, 'too_long').default(''),
		exclude: z.coerce.number('invalid').int('invalid').positive('invalid').optional(),
		limit: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(10, 'invalid').default(5)
	})
	.strict();

const MunicipalityRef = z.object({ ags: z.string(), name: z.string() });
const FacetCount = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

/** What `/api/v1/search` answers (for the OpenAPI document). */
export const SearchResultSchema = z.object({
	hits: z.array(
		z.object({
			type: z.enum(SEARCH_TYPES),
			id: z.union([z.number().int(), z.string()]),
			title: z.string(),
			url: z.string(),
			municipality: MunicipalityRef.nullable(),
			snippet: z.string(),
			highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
			status: z.enum(PROJECT_STATUSES).nullable()
		})
	),
	total: z.number().int(),
	total_is_capped: z.boolean(),
	page: z.number().int(),
	page_count: z.number().int(),
	facets: z.object({
		type: z.array(FacetCount),
		municipality: z.array(FacetCount),
		status: z.array(FacetCount),
		themenfeld: z.array(FacetCount)
	}),
	answer: z.array(
		z.object({
			municipality: MunicipalityRef,
			stage: z.string(),
			product: z.string().nullable(),
			since_year: z.number().int().nullable(),
			contact: z.string().nullable(),
			url: z.string()
		})
	)
});

/** What `/api/v1/similar` answers. */
export const SimilarPageSchema = z.object({
	items: z.array(
		z.object({
			id: z.number().int(),
			title: z.string(),
			url: z.string(),
			municipality: MunicipalityRef,
			status: z.enum(PROJECT_STATUSES),
			summary: z.string()
		})
	)
});

export async function searchForApi(ctx: Ctx, query: z.output<typeof SearchApiQuerySchema>) {
	const result = await search(ctx, query);
	return {
		hits: result.hits.map((hit) => ({
			type: hit.type,
			id: hit.id,
			title: hit.title,
			url: hit.url,
			municipality: hit.municipality,
			snippet: hit.snippet.text,
			highlights: hit.snippet.highlights,
			status: hit.status
		})),
		total: result.total,
		total_is_capped: result.isTotalCapped,
		page: result.page,
		page_count: result.pageCount,
		facets: result.facets,
		answer: result.answer.map((place) => ({
			municipality: place.municipality,
			stage: place.stage,
			product: place.product,
			since_year: place.sinceYear,
			contact: place.contact,
			url: place.url
		}))
	};
}

export async function similarForApi(ctx: Ctx, query: z.output<typeof SimilarApiQuerySchema>) {
	const items = await findSimilarProjects(ctx, {
		title: query.title,
		summary: query.summary,
		excludeId: query.exclude,
		limit: query.limit
	});
	return { items };
}
