/**
 * Input schemas of discussions. Problems are message keys (`discussions_error_<code>` in the UI).
 * Form values arrive as strings; ids are coerced here.
 */
import { z } from 'zod';
import { DISCUSSION_KINDS } from '../db/schema';

export const DISCUSSION_LIMITS = {
	titleMin: 5,
	titleMax: 200,
	bodyMax: 20_000,
	reasonMax: 1000
} as const;

/** Replies shown per page of a thread. */
export const REPLIES_PER_PAGE = 50;
/** Threads shown per page of a list. */
export const DISCUSSIONS_PER_PAGE = 30;

const IdSchema = z.coerce.number('not_found').int('not_found').positive('not_found');

const BodySchema = z
	.string('body_required')
	.trim()
	.min(1, 'body_required')
	.max(DISCUSSION_LIMITS.bodyMax, 'body_too_long');

const ReasonSchema = z
	.string('reason_required')
	.trim()
	.min(1, 'reason_required')
	.max(DISCUSSION_LIMITS.reasonMax, 'reason_too_long');

const optionalId = z
	.union([z.literal(''), z.null(), z.undefined(), z.coerce.number().int().positive()])
	.transform((value) => (typeof value === 'number' ? value : null));

export const CreateDiscussionSchema = z.object({
	kind: z.string('kind_invalid').pipe(z.enum(DISCUSSION_KINDS, 'kind_invalid')),
	title: z
		.string('title_required')
		.trim()
		.min(1, 'title_required')
		.min(DISCUSSION_LIMITS.titleMin, 'title_too_short')
		.max(DISCUSSION_LIMITS.titleMax, 'title_too_long'),
	body: BodySchema,
	/** The category; required unless the thread is attached to a subject. */
	domainId: optionalId.catch(null)
});
export type CreateDiscussionInput = z.input<typeof CreateDiscussionSchema>;

export const ReplySchema = z.object({
	discussionId: IdSchema,
	body: BodySchema
});
export type ReplyInput = z.input<typeof ReplySchema>;

export const EditPostSchema = z.object({ postId: IdSchema, body: BodySchema });
export type EditPostInput = z.input<typeof EditPostSchema>;

export const AcceptAnswerSchema = z.object({ discussionId: IdSchema, postId: IdSchema });
export type AcceptAnswerInput = z.input<typeof AcceptAnswerSchema>;

export const ReportPostSchema = z.object({ postId: IdSchema, reason: ReasonSchema });
export type ReportPostInput = z.input<typeof ReportPostSchema>;

export const HidePostSchema = z.object({ reportId: IdSchema, reason: ReasonSchema });
export type HidePostInput = z.input<typeof HidePostSchema>;

export const DismissReportSchema = z.object({ reportId: IdSchema });
export type DismissReportInput = z.input<typeof DismissReportSchema>;

/** Lenient list filters from URL parameters: anything odd is ignored. */
export const DiscussionListFilterSchema = z.object({
	bezug: z.string().max(80).nullish().catch(null),
	domainId: optionalId.catch(null),
	kind: z.enum(DISCUSSION_KINDS).nullish().catch(null),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
export type DiscussionListFilterInput = Partial<z.input<typeof DiscussionListFilterSchema>>;

// One helper for every module: the first problem per field, as INVALID.
export { parseOrInvalid } from '../reuse/reuse.schema';
