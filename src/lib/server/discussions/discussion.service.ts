/**
 * Use cases of discussions ("Austausch", decision 0026): threads in a category or attached to a
 * subject, replies with quotes and @mentions, questions with an accepted answer, edits kept as
 * revisions, reports that the coordination decides. Posts are rendered once, when written.
 */
import type { Actor, Ctx, PersonActor } from '../context';
import type { Db, Tx } from '../db';
import { inTransaction } from '../db';
import type { DiscussionKind } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { auditActorOf, recordAuditEvent } from '../audit';
import { followSubject, publishEvent } from '../notifications';
import {
	consumeRateLimit,
	rateLimitRequest,
	rateLimited,
	type RateLimitPolicy
} from '../rate-limits';
import { renderMarkdown } from '../text/markdown';
import { linkMentions, mentionCandidates } from './discussion.mentions';
import {
	canAcceptAnswer,
	canEditPost,
	canModerateDiscussions,
	canPostInDiscussions,
	canReadDiscussions,
	canReportPost,
	canSeePostHistory,
	type PostFacts
} from './discussion.policy';
import { postPath, quoteBlock } from './discussion.quote';
import {
	countRepliesBefore,
	decideReports,
	findDomainName,
	findListedPeopleByName,
	findOpeningPost,
	findPost,
	findReport,
	findThread,
	hasOpenReportBy,
	hidePost,
	insertDiscussion,
	insertPost,
	insertReport,
	insertRevision,
	listOpenReports as findOpenReports,
	listReplies,
	listRevisions,
	listThreads,
	recordReply,
	setAcceptedPost,
	updatePostBody,
	type PostRow,
	type ReportRow,
	type ThreadRow
} from './discussion.repository';
import {
	AcceptAnswerSchema,
	CreateDiscussionSchema,
	DiscussionListFilterSchema,
	DISCUSSIONS_PER_PAGE,
	DismissReportSchema,
	EditPostSchema,
	HidePostSchema,
	parseOrInvalid,
	REPLIES_PER_PAGE,
	ReplySchema,
	ReportPostSchema,
	type AcceptAnswerInput,
	type CreateDiscussionInput,
	type DiscussionListFilterInput,
	type DismissReportInput,
	type EditPostInput,
	type HidePostInput,
	type ReplyInput,
	type ReportPostInput
} from './discussion.schema';
import {
	formatSubjectRef,
	loadSubject,
	parseSubjectRef,
	subjectViews,
	visibleThreadsFor,
	type SubjectRef,
	type SubjectView
} from './discussion.subjects';

/**
 * Threads, replies, edits and reports together: 30 in 10 minutes. Someone answering a round of
 * questions writes a few a minute at most; a script that floods the network stops here.
 */
export const DISCUSSION_WRITES_PER_PERSON: RateLimitPolicy = {
	scope: 'discussion:person',
	subject: 'person',
	limit: 30,
	windowSeconds: 10 * 60
};

function requireReader(actor: Actor): void {
	if (actor.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canReadDiscussions(actor)) throw forbidden('may not read discussions');
}

function requirePoster(actor: Actor): PersonActor {
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canPostInDiscussions(actor)) throw forbidden('may not post');
	return actor;
}

async function consumeWrite(ctx: Ctx, actor: PersonActor): Promise<void> {
	const decision = await consumeRateLimit(
		ctx,
		rateLimitRequest(DISCUSSION_WRITES_PER_PERSON, actor.personId)
	);
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

/** Markdown with mentions linked, sanitised; and who was mentioned. */
async function renderPost(
	db: Db | Tx,
	source: string
): Promise<{ html: string; mentionedIds: number[] }> {
	const people = await findListedPeopleByName(db, mentionCandidates(source));
	const linked = linkMentions(source, people);
	return { html: renderMarkdown(linked.source), mentionedIds: linked.mentionedIds };
}

function postFacts(post: PostRow): PostFacts {
	return {
		authorPersonId: post.authorPersonId,
		isHidden: post.hiddenAt !== null,
		isOpening: post.isOpening
	};
}

/** A thread the actor may read (its subject visible to them), or NOT_FOUND. */
async function loadReadableThread(
	ctx: Ctx,
	id: number
): Promise<{ thread: ThreadRow; subject: SubjectView | null }> {
	requireReader(ctx.actor);
	const thread = await findThread(ctx.db, id);
	if (!thread) throw notFound('discussion');
	if (thread.subjectType === null || thread.subjectId === null) return { thread, subject: null };
	const ref = parseSubjectRef(`${thread.subjectType}:${thread.subjectId}`);
	const subject = ref ? await loadSubject(ctx, ref) : undefined;
	if (!subject) throw notFound('discussion');
	return { thread, subject };
}

async function loadReadablePost(ctx: Ctx, postId: number) {
	const post = await findPost(ctx.db, postId);
	if (!post) throw notFound('post');
	const { thread, subject } = await loadReadableThread(ctx, post.discussionId);
	return { post, thread, subject };
}

async function pageOfPost(db: Db, post: PostRow): Promise<number> {
	if (post.isOpening) return 1;
	const before = await countRepliesBefore(db, post.discussionId, post.id);
	return Math.floor(before / REPLIES_PER_PAGE) + 1;
}

// -- lists --

export interface DiscussionListItem {
	id: number;
	kind: DiscussionKind;
	title: string;
	isAnswered: boolean;
	replyCount: number;
	lastPostAt: string;
	authorName: string | null;
	domainName: string | null;
	subject: { title: string; href: string } | null;
}

export interface DiscussionList {
	items: DiscussionListItem[];
	page: number;
	hasMore: boolean;
	subject: SubjectView | null;
	domainName: string | null;
	kind: DiscussionKind | null;
	canPost: boolean;
}

async function listItems(ctx: Ctx, rows: ThreadRow[]): Promise<DiscussionListItem[]> {
	const subjects = await subjectViews(ctx.db, rows);
	return rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		title: row.title,
		isAnswered: row.acceptedPostId !== null,
		replyCount: row.replyCount,
		lastPostAt: row.lastPostAt,
		authorName: row.authorName,
		domainName: row.domainName,
		subject:
			row.subjectType === null
				? null
				: (subjects.get(`${row.subjectType}:${row.subjectId}`) ?? null)
	}));
}

/**
 * Threads the actor may read, newest activity first; filtered by subject (`bezug`), category or
 * kind. An unknown or invisible subject gives NOT_FOUND.
 */
export async function listDiscussions(
	ctx: Ctx,
	input: DiscussionListFilterInput
): Promise<DiscussionList> {
	requireReader(ctx.actor);
	const filter = DiscussionListFilterSchema.parse(input);
	let subject: SubjectView | null = null;
	if (filter.bezug) {
		const ref = parseSubjectRef(filter.bezug);
		subject = ref ? ((await loadSubject(ctx, ref)) ?? null) : null;
		if (!subject) throw notFound('subject');
	}
	const domainName =
		filter.domainId === null ? null : ((await findDomainName(ctx.db, filter.domainId)) ?? null);
	const rows = await listThreads(ctx.db, {
		subject,
		domainId: domainName === null ? null : filter.domainId,
		kind: filter.kind ?? null,
		visible: visibleThreadsFor(ctx.actor),
		offset: (filter.page - 1) * DISCUSSIONS_PER_PAGE,
		limit: DISCUSSIONS_PER_PAGE + 1
	});
	return {
		items: await listItems(ctx, rows.slice(0, DISCUSSIONS_PER_PAGE)),
		page: filter.page,
		hasMore: rows.length > DISCUSSIONS_PER_PAGE,
		subject,
		domainName,
		kind: filter.kind ?? null,
		canPost: canPostInDiscussions(ctx.actor)
	};
}

export interface SubjectDiscussions {
	/** Visitors see no threads, only a hint to sign in. */
	isSignedIn: boolean;
	canPost: boolean;
	bezug: string;
	items: DiscussionListItem[];
	hasMore: boolean;
}

/** The block "Fragen und Austausch" on a subject's page (the subject is visible already). */
export async function listSubjectDiscussions(
	ctx: Ctx,
	ref: SubjectRef,
	limit = 10
): Promise<SubjectDiscussions> {
	const bezug = formatSubjectRef(ref);
	if (!canReadDiscussions(ctx.actor)) {
		return { isSignedIn: false, canPost: false, bezug, items: [], hasMore: false };
	}
	const rows = await listThreads(ctx.db, {
		subject: ref,
		domainId: null,
		kind: null,
		visible: visibleThreadsFor(ctx.actor),
		offset: 0,
		limit: limit + 1
	});
	return {
		isSignedIn: true,
		canPost: canPostInDiscussions(ctx.actor),
		bezug,
		items: await listItems(ctx, rows.slice(0, limit)),
		hasMore: rows.length > limit
	};
}

// -- starting a thread --

export interface NewDiscussionForm {
	subject: SubjectView | null;
	kind: DiscussionKind;
}

/** What the form "Neuer Beitrag" needs; `bezug` must name a subject the actor may see. */
export async function getNewDiscussionForm(
	ctx: Ctx,
	options: { bezug: string | null; isQuestion: boolean }
): Promise<NewDiscussionForm> {
	requirePoster(ctx.actor);
	let subject: SubjectView | null = null;
	if (options.bezug) {
		const ref = parseSubjectRef(options.bezug);
		subject = ref ? ((await loadSubject(ctx, ref)) ?? null) : null;
		if (!subject) throw notFound('subject');
	}
	return { subject, kind: options.isQuestion ? 'question' : 'discussion' };
}

/**
 * Opens a thread, attached to `bezug` or in the category `domainId` (one of them is required).
 * The author follows it; followers of the subject learn of it.
 * Throws UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (subject), INVALID, RATE_LIMITED.
 */
export async function createDiscussion(
	ctx: Ctx,
	bezug: string | null,
	input: CreateDiscussionInput
): Promise<number> {
	const actor = requirePoster(ctx.actor);
	let subject: SubjectView | null = null;
	if (bezug) {
		const ref = parseSubjectRef(bezug);
		subject = ref ? ((await loadSubject(ctx, ref)) ?? null) : null;
		if (!subject) throw notFound('subject');
	}
	const values = parseOrInvalid(CreateDiscussionSchema, input);
	if (!subject) {
		if (values.domainId === null) throw invalid({ domainId: 'domain_required' });
		if ((await findDomainName(ctx.db, values.domainId)) === undefined) {
			throw invalid({ domainId: 'domain_required' });
		}
	}
	await consumeWrite(ctx, actor);
	const now = ctx.now();
	return inTransaction(ctx.db, async (tx) => {
		const rendered = await renderPost(tx, values.body);
		const id = await insertDiscussion(tx, {
			kind: values.kind,
			title: values.title,
			domainId: values.domainId,
			subjectType: subject?.type ?? null,
			subjectId: subject?.id ?? null,
			authorPersonId: actor.personId,
			now: now.toISOString()
		});
		await insertPost(tx, {
			discussionId: id,
			authorPersonId: actor.personId,
			isOpening: true,
			bodySource: values.body,
			bodyHtml: rendered.html,
			now: now.toISOString()
		});
		await followSubject(tx, actor.personId, { type: 'discussion', id });
		const subjects: { type: 'discussion' | SubjectRef['type']; id: number }[] = [
			{ type: 'discussion', id }
		];
		if (subject) subjects.push({ type: subject.type, id: subject.id });
		await publishEvent(tx, {
			kind: values.kind === 'question' ? 'discussion.question_asked' : 'discussion.started',
			actorPersonId: actor.personId,
			audience: 'members',
			title: `${values.kind === 'question' ? 'Neue Frage' : 'Neuer Austausch'}: ${values.title}`,
			url: `/austausch/${id}`,
			subjects,
			recipients: rendered.mentionedIds.map((personId) => ({ personId, reason: 'mention' })),
			payload: { discussionId: id, domainId: values.domainId },
			occurredAt: now
		});
		return id;
	});
}

// -- reading a thread --

export interface PostView {
	id: number;
	authorPersonId: number | null;
	authorName: string | null;
	createdAt: string;
	editedAt: string | null;
	/** Sanitised HTML; null when the coordination hid the post. */
	html: string | null;
	hiddenReason: string | null;
	isAccepted: boolean;
	canEdit: boolean;
	canReport: boolean;
	canAccept: boolean;
	canQuote: boolean;
	/** Path to the post on its page, with its anchor. */
	href: string;
}

export interface DiscussionView {
	id: number;
	kind: DiscussionKind;
	title: string;
	domainId: number | null;
	domainName: string | null;
	subject: SubjectView | null;
	replyCount: number;
	isAnswered: boolean;
	opening: PostView;
	accepted: PostView | null;
	replies: PostView[];
	page: number;
	pageCount: number;
	canReply: boolean;
}

function postView(
	actor: Actor,
	thread: ThreadRow,
	post: PostRow,
	page: number,
	canReply: boolean
): PostView {
	const facts = postFacts(post);
	const isHidden = facts.isHidden;
	const threadFacts = { kind: thread.kind, authorPersonId: thread.authorPersonId };
	return {
		id: post.id,
		authorPersonId: post.authorPersonId,
		authorName: post.authorName,
		createdAt: post.createdAt,
		editedAt: post.editedAt,
		html: isHidden ? null : post.bodyHtml,
		hiddenReason: isHidden ? post.hiddenReason : null,
		isAccepted: thread.acceptedPostId === post.id,
		canEdit: canEditPost(actor, facts),
		canReport: canReportPost(actor, facts),
		canAccept: thread.acceptedPostId !== post.id && canAcceptAnswer(actor, threadFacts, facts),
		canQuote: canReply && !isHidden,
		href: postPath(thread.id, post.id, page)
	};
}

/** A thread with one page of replies (50 a page) and, for a question, its accepted answer. */
export async function getDiscussion(
	ctx: Ctx,
	id: number,
	options: { page?: number } = {}
): Promise<DiscussionView> {
	const { thread, subject } = await loadReadableThread(ctx, id);
	const pageCount = Math.max(1, Math.ceil(thread.replyCount / REPLIES_PER_PAGE));
	const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pageCount);
	const [opening, replies, acceptedRow] = await Promise.all([
		findOpeningPost(ctx.db, id),
		listReplies(ctx.db, id, (page - 1) * REPLIES_PER_PAGE, REPLIES_PER_PAGE),
		thread.acceptedPostId === null ? undefined : findPost(ctx.db, thread.acceptedPostId)
	]);
	if (!opening) throw notFound('discussion');
	const canReply = canPostInDiscussions(ctx.actor);
	const accepted =
		acceptedRow && acceptedRow.discussionId === id
			? postView(ctx.actor, thread, acceptedRow, await pageOfPost(ctx.db, acceptedRow), canReply)
			: null;
	return {
		id: thread.id,
		kind: thread.kind,
		title: thread.title,
		domainId: thread.domainId,
		domainName: thread.domainName,
		subject,
		replyCount: thread.replyCount,
		isAnswered: thread.acceptedPostId !== null,
		opening: postView(ctx.actor, thread, opening, 1, canReply),
		accepted,
		replies: replies.map((post) => postView(ctx.actor, thread, post, page, canReply)),
		page,
		pageCount,
		canReply
	};
}

/** The reply text pre-filled by "Zitieren": the quoted post as a block quote, or '' when unknown. */
export async function quoteForReply(
	ctx: Ctx,
	discussionId: number,
	postId: number
): Promise<string> {
	if (!canPostInDiscussions(ctx.actor)) return '';
	const post = await findPost(ctx.db, postId);
	if (!post || post.discussionId !== discussionId || post.hiddenAt !== null) return '';
	await loadReadableThread(ctx, discussionId);
	return quoteBlock({
		discussionId,
		postId,
		page: await pageOfPost(ctx.db, post),
		authorName: post.authorName ?? 'Ehemaliges Mitglied',
		source: post.bodySource
	});
}

// -- replying --

/**
 * Adds a reply; the author follows the thread; followers of the thread and the people mentioned
 * learn of it. Returns the new post and the path to it.
 * Throws UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID, RATE_LIMITED.
 */
export async function replyToDiscussion(
	ctx: Ctx,
	input: ReplyInput
): Promise<{ postId: number; href: string }> {
	const actor = requirePoster(ctx.actor);
	const values = parseOrInvalid(ReplySchema, input);
	const { thread } = await loadReadableThread(ctx, values.discussionId);
	await consumeWrite(ctx, actor);
	const now = ctx.now();
	const postId = await inTransaction(ctx.db, async (tx) => {
		const rendered = await renderPost(tx, values.body);
		const postId = await insertPost(tx, {
			discussionId: thread.id,
			authorPersonId: actor.personId,
			isOpening: false,
			bodySource: values.body,
			bodyHtml: rendered.html,
			now: now.toISOString()
		});
		await recordReply(tx, thread.id, now.toISOString());
		await followSubject(tx, actor.personId, { type: 'discussion', id: thread.id });
		await publishEvent(tx, {
			kind: 'discussion.replied',
			actorPersonId: actor.personId,
			audience: 'members',
			title: `Neue Antwort: ${thread.title}`,
			url: `/austausch/${thread.id}#beitrag-${postId}`,
			subjects: [{ type: 'discussion', id: thread.id }],
			recipients: rendered.mentionedIds.map((personId) => ({ personId, reason: 'mention' })),
			payload: { discussionId: thread.id, postId },
			occurredAt: now
		});
		return postId;
	});
	const post = await findPost(ctx.db, postId);
	const page = post ? await pageOfPost(ctx.db, post) : 1;
	return { postId, href: postPath(thread.id, postId, page) };
}

// -- editing --

export interface PostEditView {
	postId: number;
	discussionId: number;
	discussionTitle: string;
	source: string;
}

export async function getPostForEdit(ctx: Ctx, postId: number): Promise<PostEditView> {
	const { post, thread } = await loadReadablePost(ctx, postId);
	if (!canEditPost(ctx.actor, postFacts(post))) throw forbidden('may not edit');
	return {
		postId,
		discussionId: thread.id,
		discussionTitle: thread.title,
		source: post.bodySource
	};
}

/**
 * Changes a post's text; the earlier version is kept as a revision. Returns the path to the post.
 * Throws UNAUTHENTICATED, FORBIDDEN (not the author, or hidden), NOT_FOUND, INVALID, RATE_LIMITED.
 */
export async function editPost(ctx: Ctx, input: EditPostInput): Promise<string> {
	const actor = requirePoster(ctx.actor);
	const values = parseOrInvalid(EditPostSchema, input);
	const { post, thread } = await loadReadablePost(ctx, values.postId);
	if (!canEditPost(actor, postFacts(post))) throw forbidden('may not edit');
	const page = await pageOfPost(ctx.db, post);
	if (values.body === post.bodySource) return postPath(thread.id, post.id, page);
	await consumeWrite(ctx, actor);
	const now = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		const current = await findPost(tx, post.id);
		if (!current || current.hiddenAt !== null) throw forbidden('may not edit');
		const rendered = await renderPost(tx, values.body);
		await insertRevision(tx, {
			postId: post.id,
			bodySource: current.bodySource,
			bodyHtml: current.bodyHtml,
			writtenAt: current.editedAt ?? current.createdAt,
			replacedAt: now
		});
		await updatePostBody(tx, post.id, {
			bodySource: values.body,
			bodyHtml: rendered.html,
			now
		});
	});
	return postPath(thread.id, post.id, page);
}

export interface PostHistoryView {
	postId: number;
	discussionId: number;
	discussionTitle: string;
	authorName: string | null;
	href: string;
	isHidden: boolean;
	versions: { html: string; writtenAt: string; isCurrent: boolean }[];
}

/** The current text and every earlier version, newest first. */
export async function getPostHistory(ctx: Ctx, postId: number): Promise<PostHistoryView> {
	const { post, thread } = await loadReadablePost(ctx, postId);
	if (!canSeePostHistory(ctx.actor, postFacts(post))) throw notFound('post');
	const revisions = await listRevisions(ctx.db, postId);
	return {
		postId,
		discussionId: thread.id,
		discussionTitle: thread.title,
		authorName: post.authorName,
		href: postPath(thread.id, post.id, await pageOfPost(ctx.db, post)),
		isHidden: post.hiddenAt !== null,
		versions: [
			{ html: post.bodyHtml, writtenAt: post.editedAt ?? post.createdAt, isCurrent: true },
			...revisions.map((revision) => ({
				html: revision.bodyHtml,
				writtenAt: revision.writtenAt,
				isCurrent: false
			}))
		]
	};
}

// -- questions --

/**
 * Marks a reply as the accepted answer of a question (replacing an earlier one); its author
 * learns of it. Throws UNAUTHENTICATED, FORBIDDEN, NOT_FOUND.
 */
export async function acceptAnswer(ctx: Ctx, input: AcceptAnswerInput): Promise<string> {
	const actor = requirePoster(ctx.actor);
	const values = AcceptAnswerSchema.safeParse(input);
	if (!values.success) throw notFound('post');
	const { post, thread } = await loadReadablePost(ctx, values.data.postId);
	if (post.discussionId !== values.data.discussionId) throw notFound('post');
	const threadFacts = { kind: thread.kind, authorPersonId: thread.authorPersonId };
	if (!canAcceptAnswer(actor, threadFacts, postFacts(post))) throw forbidden('may not accept');
	const href = postPath(thread.id, post.id, await pageOfPost(ctx.db, post));
	if (thread.acceptedPostId === post.id) return href;
	const now = ctx.now();
	await inTransaction(ctx.db, async (tx) => {
		await setAcceptedPost(tx, thread.id, post.id);
		await publishEvent(tx, {
			kind: 'discussion.answer_accepted',
			actorPersonId: actor.personId,
			audience: 'members',
			title: `Antwort angenommen: ${thread.title}`,
			url: `/austausch/${thread.id}#beitrag-${post.id}`,
			subjects: [{ type: 'discussion', id: thread.id }],
			recipients:
				post.authorPersonId === null
					? []
					: [{ personId: post.authorPersonId, reason: 'answer_accepted' }],
			payload: { discussionId: thread.id, postId: post.id },
			occurredAt: now
		});
	});
	return href;
}

// -- reports and moderation --

/**
 * Reports a post to the coordination with a reason. Throws UNAUTHENTICATED, FORBIDDEN (own or
 * hidden post), NOT_FOUND, INVALID, CONFLICT (already reported by this person), RATE_LIMITED.
 */
export async function reportPost(ctx: Ctx, input: ReportPostInput): Promise<string> {
	const actor = requirePoster(ctx.actor);
	const values = parseOrInvalid(ReportPostSchema, input);
	const { post, thread } = await loadReadablePost(ctx, values.postId);
	if (!canReportPost(actor, postFacts(post))) throw forbidden('may not report');
	const conflict = () =>
		new DomainError('CONFLICT', 'already reported', { reason: 'already_reported' });
	if (await hasOpenReportBy(ctx.db, post.id, actor.personId)) throw conflict();
	await consumeWrite(ctx, actor);
	const now = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		if (await hasOpenReportBy(tx, post.id, actor.personId)) throw conflict();
		await insertReport(tx, {
			postId: post.id,
			reporterPersonId: actor.personId,
			reason: values.reason,
			now
		});
	});
	return postPath(thread.id, post.id, await pageOfPost(ctx.db, post));
}

export interface ReportView {
	id: number;
	reason: string;
	createdAt: string;
	reporterName: string | null;
	discussionId: number;
	discussionTitle: string;
	postId: number;
	postAuthorName: string | null;
	postHtml: string;
}

function reportView(row: ReportRow): ReportView {
	return {
		id: row.id,
		reason: row.reason,
		createdAt: row.createdAt,
		reporterName: row.reporterName,
		discussionId: row.discussionId,
		discussionTitle: row.discussionTitle,
		postId: row.postId,
		postAuthorName: row.postAuthorName,
		postHtml: row.postHtml
	};
}

function requireModerator(actor: Actor): void {
	if (actor.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canModerateDiscussions(actor)) throw forbidden('coordination only');
}

/** Open reports, oldest first: for the coordination. */
export async function listOpenReports(ctx: Ctx): Promise<ReportView[]> {
	requireModerator(ctx.actor);
	return (await findOpenReports(ctx.db)).map(reportView);
}

async function loadOpenReport(ctx: Ctx, reportId: number): Promise<ReportRow> {
	const report = await findReport(ctx.db, reportId);
	if (!report) throw notFound('report');
	if (report.status !== 'open') {
		throw new DomainError('CONFLICT', 'already decided', { form: 'already_decided' });
	}
	return report;
}

/**
 * Hides the reported post with a reason shown in its place; every open report of the post is
 * closed with it, and the hiding is written to the audit log.
 */
export async function hideReportedPost(ctx: Ctx, input: HidePostInput): Promise<void> {
	requireModerator(ctx.actor);
	const values = parseOrInvalid(HidePostSchema, input);
	const report = await loadOpenReport(ctx, values.reportId);
	const byPersonId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
	const now = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		await hidePost(tx, report.postId, { reason: values.reason, byPersonId, now });
		await decideReports(tx, {
			reportId: report.id,
			postId: report.postId,
			allOfPost: true,
			status: 'hidden',
			byPersonId,
			now
		});
		await recordAuditEvent(
			tx,
			{
				action: 'discussion.post_hidden',
				...auditActorOf(ctx.actor),
				subjectType: 'discussion_post',
				subjectId: report.postId,
				details: { reportId: report.id, discussionId: report.discussionId, reason: values.reason }
			},
			ctx
		);
	});
}

/** Closes a report without hiding the post (logged as well). */
export async function dismissReport(ctx: Ctx, input: DismissReportInput): Promise<void> {
	requireModerator(ctx.actor);
	const values = DismissReportSchema.safeParse(input);
	if (!values.success) throw notFound('report');
	const report = await loadOpenReport(ctx, values.data.reportId);
	const byPersonId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
	const now = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		await decideReports(tx, {
			reportId: report.id,
			postId: report.postId,
			allOfPost: false,
			status: 'dismissed',
			byPersonId,
			now
		});
		await recordAuditEvent(
			tx,
			{
				action: 'discussion.report_dismissed',
				...auditActorOf(ctx.actor),
				subjectType: 'discussion_post',
				subjectId: report.postId,
				details: { reportId: report.id, discussionId: report.discussionId }
			},
			ctx
		);
	});
}
