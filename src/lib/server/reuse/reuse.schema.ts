/**
 * Input schemas of the reuse requests. Problems are message keys (`reuse_error_<code>` in the UI).
 * Form values arrive as strings; ids are coerced here.
 */
import { z } from 'zod';
import { REUSE_REQUEST_STATUSES } from '../db/schema';
import { invalid } from '../errors';

export const MESSAGE_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 2000;

const IdSchema = z.coerce.number('not_found').int('not_found').positive('not_found');

/** What is asked for: a project, or a product at one municipality that runs it. */
export const ReuseSubjectSchema = z.union([
	z.object({ projectId: IdSchema }),
	z.object({
		productId: IdSchema,
		ownerMunicipalityId: z.coerce
			.number('owner_required')
			.int('owner_required')
			.positive('owner_required')
	})
]);
export type ReuseSubjectInput = z.input<typeof ReuseSubjectSchema>;
export type ReuseSubject = z.output<typeof ReuseSubjectSchema>;

export const RequestReuseSchema = z.object({
	requestingMunicipalityId: z.coerce
		.number('municipality_required')
		.int('municipality_required')
		.positive('municipality_required'),
	message: z
		.string('message_required')
		.trim()
		.min(1, 'message_required')
		.max(MESSAGE_MAX_LENGTH, 'message_too_long')
});
export type RequestReuseInput = z.input<typeof RequestReuseSchema>;

export const TransitionReuseSchema = z.object({
	requestId: IdSchema,
	status: z.enum(REUSE_REQUEST_STATUSES, 'status_invalid'),
	note: z
		.string()
		.trim()
		.max(NOTE_MAX_LENGTH, 'note_too_long')
		.nullish()
		.transform((value) => value || null)
});
export type TransitionReuseInput = z.input<typeof TransitionReuseSchema>;

/** After adoption: an existing project of the requesting municipality, or a new draft. */
export const LinkReuseResultSchema = z.union([
	z.object({ requestId: IdSchema, projectId: IdSchema }),
	z.object({ requestId: IdSchema, createProject: z.literal(true) })
]);
export type LinkReuseResultInput = z.input<typeof LinkReuseResultSchema>;

export const ReuseListFilterSchema = z.object({
	status: z.enum(REUSE_REQUEST_STATUSES).nullish().catch(null)
});

/** Parses or throws INVALID with the first problem per field. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fields[field] ??= issue.message;
	}
	throw invalid(fields);
}
