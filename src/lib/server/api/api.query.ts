/**
 * Query parameters of the API's lists. Unlike the web pages' filters (which fall back to "no
 * filter" so an old link still shows a list), the API is strict: a malformed value answers
 * `400 INVALID` naming the parameter, so a script learns of its mistake instead of silently
 * getting everything. The OpenAPI document derives its parameter lists from these schemas.
 */
import { z } from 'zod';
import { ADOPTION_STAGES, PROJECT_STATUSES, REUSE_REQUEST_STATUSES } from '../db/schema';
import { invalid } from '../errors';

export const API_PAGE_SIZE = 20;
export const API_PAGE_SIZE_MAX = 100;

const limit = z.coerce
	.number()
	.int()
	.min(1)
	.max(API_PAGE_SIZE_MAX)
	.default(API_PAGE_SIZE)
	.meta({ description: `Items per page (1–${API_PAGE_SIZE_MAX}, default ${API_PAGE_SIZE})` });
const cursor = z
	.string()
	.max(512)
	.optional()
	.meta({ description: "The previous page's `nextCursor`" });
const id = z.coerce.number().int().positive().max(2_147_483_647);
const ags = z.string().regex(/^\d{8}$/, 'ags_format');

export const ProjectListQuerySchema = z.strictObject({
	status: z.enum(PROJECT_STATUSES).optional(),
	municipality: ags.optional().meta({ description: 'AGS of the owning municipality' }),
	themenfeld: z
		.string()
		.regex(/^[a-z0-9-]{1,60}$/)
		.optional()
		.meta({ description: 'Key of an OZG topic field, e.g. `familie-kind`' }),
	domain: id.optional().meta({ description: 'Id of a domain (Fachbereich)' }),
	product: id.optional().meta({ description: 'Id of a product the project uses' }),
	tag: z.string().trim().min(1).max(60).optional(),
	q: z.string().trim().min(1).max(100).optional().meta({ description: 'Words of the title' }),
	updatedSince: z.iso
		.datetime({ offset: true })
		.optional()
		.meta({ description: 'Only projects changed at or after this instant' }),
	limit,
	cursor
});
export type ProjectListQuery = z.output<typeof ProjectListQuerySchema>;

export const SolutionListQuerySchema = z.strictObject({
	q: z.string().trim().min(1).max(100).optional().meta({ description: 'Words of the name' }),
	category: z.string().trim().min(1).max(60).optional(),
	municipality: ags.optional().meta({ description: 'AGS of a municipality that uses it' }),
	limit,
	cursor
});
export type SolutionListQuery = z.output<typeof SolutionListQuerySchema>;

export const AdoptionListQuerySchema = z.strictObject({
	product: id.optional().meta({ description: 'Id of the product' }),
	municipality: ags.optional().meta({ description: 'AGS of the municipality' }),
	stage: z.enum(ADOPTION_STAGES).optional(),
	limit,
	cursor
});
export type AdoptionListQuery = z.output<typeof AdoptionListQuerySchema>;

export const ReuseRequestListQuerySchema = z.strictObject({
	direction: z
		.enum(['incoming', 'outgoing'])
		.optional()
		.meta({ description: "Requests to (incoming) or from (outgoing) the caller's municipalities" }),
	status: z.enum(REUSE_REQUEST_STATUSES).optional(),
	limit,
	cursor
});
export type ReuseRequestListQuery = z.output<typeof ReuseRequestListQuerySchema>;

/** Path ids: anything but a positive integer is "not found", never a validation error. */
export const PathIdSchema = id;

/**
 * Parses URL search parameters with a list schema. An unknown parameter, a repeated one or a
 * malformed value throws INVALID with the first problem per parameter.
 */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
	const entries: Record<string, string> = {};
	const fields: Record<string, string> = {};
	for (const [key, value] of params) {
		if (key in entries) fields[key] = 'repeated';
		if (value !== '') entries[key] = value;
	}
	const parsed = schema.safeParse(entries);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				for (const key of issue.keys) fields[key] ??= 'unknown_parameter';
				continue;
			}
			const key = String(issue.path[0] ?? 'query');
			fields[key] ??=
				issue.message.startsWith('Invalid') || issue.message.includes(' ')
					? 'invalid'
					: issue.message;
		}
	}
	if (Object.keys(fields).length > 0 || !parsed.success) throw invalid(fields);
	return parsed.data;
}
