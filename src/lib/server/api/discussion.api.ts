/**
 * The discussions of `/api/v1/discussions`: answer schemas (strict, for the OpenAPI document),
 * presenters over the discussions module's views, and the adapters from query and body to its
 * use cases. Who may read and write is the module's rule (decision 0026); hidden posts carry
 * no text, only the coordination's reason.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError, notFound } from '../errors';
import {
	getDiscussion,
	listDiscussions,
	replyToDiscussion,
	type DiscussionListItem,
	type PostView
} from '../discussions';

const Id = z.number().int().positive();
const Timestamp = z.iso.datetime().meta({ description: 'ISO-8601 instant in UTC' });
const Kind = z.enum(['discussion', 'question']);
const Subject = z
	.strictObject({ type: z.string(), id: Id, title: z.string() })
	.meta({ description: 'What the thread is attached to (project, product, …)' });

export const DiscussionSummarySchema = z
	.strictObject({
		id: Id,
		url: z.string().meta({ description: 'Path of the thread in the web application' }),
		kind: Kind,
		title: z.string(),
		isAnswered: z.boolean().meta({ description: 'A question with an accepted answer' }),
		replyCount: z.number().int().min(0),
		lastPostAt: Timestamp,
		domain: z.string().nullable().meta({ description: 'The category (domain), if any' })
	})
	.meta({ description: 'A discussion thread in a list' });

export const DiscussionPageSchema = z.strictObject({
	items: z.array(DiscussionSummarySchema),
	nextPage: z.number().int().positive().nullable().meta({ description: 'The next page, if any' })
});

export const DiscussionPostSchema = z
	.strictObject({
		id: Id,
		author: z.string().nullable().meta({ description: 'Display name; null for a deleted account' }),
		createdAt: Timestamp,
		editedAt: Timestamp.nullable(),
		html: z
			.string()
			.nullable()
			.meta({ description: 'Sanitised HTML of the markdown; null when the coordination hid it' }),
		hiddenReason: z.string().nullable(),
		isAccepted: z.boolean()
	})
	.meta({ description: 'A post of a thread' });

export const DiscussionSchema = z
	.strictObject({
		id: Id,
		url: z.string(),
		kind: Kind,
		title: z.string(),
		domain: z.string().nullable(),
		subject: Subject.nullable(),
		replyCount: z.number().int().min(0),
		acceptedPostId: Id.nullable(),
		opening: DiscussionPostSchema,
		replies: z
			.array(DiscussionPostSchema)
			.meta({ description: 'One page of replies, oldest first' }),
		page: z.number().int().positive(),
		pageCount: z.number().int().positive()
	})
	.meta({ description: 'A thread with its opening post and one page of replies (50 a page)' });

export const DiscussionReplyBodySchema = z
	.strictObject({ body: z.string().meta({ description: 'Markdown; @Vorname Nachname mentions' }) })
	.meta({ description: 'A reply to a thread' });

export const DiscussionListQuerySchema = z.strictObject({
	about: z
		.string()
		.optional()
		.meta({ description: 'Only threads attached to this subject, e.g. `product:12`' }),
	domain: z.coerce.number().int().positive().optional().meta({ description: 'A domain id' }),
	kind: Kind.optional(),
	page: z.coerce.number().int().positive().max(10_000).optional()
});

export const DiscussionQuerySchema = z.strictObject({
	page: z.coerce.number().int().positive().max(10_000).optional()
});

type Summary = z.infer<typeof DiscussionSummarySchema>;
type Post = z.infer<typeof DiscussionPostSchema>;

function summaryOf(item: DiscussionListItem): Summary {
	return {
		id: item.id,
		url: `/austausch/${item.id}`,
		kind: item.kind,
		title: item.title,
		isAnswered: item.isAnswered,
		replyCount: item.replyCount,
		lastPostAt: item.lastPostAt,
		domain: item.domainName
	};
}

function postOf(post: PostView): Post {
	return {
		id: post.id,
		author: post.authorName,
		createdAt: post.createdAt,
		editedAt: post.editedAt,
		html: post.html,
		hiddenReason: post.hiddenReason,
		isAccepted: post.isAccepted
	};
}

function idOf(text: string): number {
	const id = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(id)) throw notFound('discussion');
	return id;
}

export async function listDiscussionsForApi(
	ctx: Ctx,
	query: z.output<typeof DiscussionListQuerySchema>
): Promise<z.infer<typeof DiscussionPageSchema>> {
	const list = await listDiscussions(ctx, {
		bezug: query.about ?? null,
		domainId: query.domain ?? null,
		kind: query.kind ?? null,
		page: query.page ?? 1
	});
	return { items: list.items.map(summaryOf), nextPage: list.hasMore ? list.page + 1 : null };
}

export async function getDiscussionForApi(
	ctx: Ctx,
	id: string,
	query: z.output<typeof DiscussionQuerySchema>
): Promise<z.infer<typeof DiscussionSchema>> {
	const view = await getDiscussion(ctx, idOf(id), { page: query.page ?? 1 });
	return {
		id: view.id,
		url: `/austausch/${view.id}`,
		kind: view.kind,
		title: view.title,
		domain: view.domainName,
		subject: view.subject
			? { type: view.subject.type, id: view.subject.id, title: view.subject.title }
			: null,
		replyCount: view.replyCount,
		acceptedPostId: view.accepted?.id ?? null,
		opening: postOf(view.opening),
		replies: view.replies.map(postOf),
		page: view.page,
		pageCount: view.pageCount
	};
}

/** A reply through the API: a read-write token (decision 0013), the same rules and limit. */
export async function replyToDiscussionForApi(
	ctx: Ctx,
	id: string,
	body: unknown
): Promise<{ id: number; url: string }> {
	const discussionId = idOf(id);
	const parsed = DiscussionReplyBodySchema.safeParse(body);
	if (!parsed.success) throw new DomainError('INVALID', 'invalid input', { body: 'body_required' });
	const { postId, href } = await replyToDiscussion(ctx, { discussionId, body: parsed.data.body });
	return { id: postId, url: href };
}

export const DiscussionReplyCreatedSchema = z
	.strictObject({ id: Id, url: z.string().meta({ description: 'Path of the post on its page' }) })
	.meta({ description: 'The new reply' });
