/** SQL of the discussions module, and nothing else. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db, Tx } from '../db';
import type { Database, DiscussionKind, DiscussionReportStatus } from '../db/schema';
import { projectVisibleTo, type ProjectScope } from '../projects';

type Conn = Db | Tx;

export interface ThreadRow {
	id: number;
	kind: DiscussionKind;
	title: string;
	domainId: number | null;
	domainName: string | null;
	subjectType: string | null;
	subjectId: number | null;
	authorPersonId: number | null;
	authorName: string | null;
	acceptedPostId: number | null;
	replyCount: number;
	lastPostAt: string;
	createdAt: string;
}

export interface PostRow {
	id: number;
	discussionId: number;
	authorPersonId: number | null;
	authorName: string | null;
	isOpening: boolean;
	bodySource: string;
	bodyHtml: string;
	editedAt: string | null;
	hiddenAt: string | null;
	hiddenReason: string | null;
	createdAt: string;
}

export async function insertDiscussion(
	tx: Tx,
	values: {
		kind: DiscussionKind;
		title: string;
		domainId: number | null;
		subjectType: string | null;
		subjectId: number | null;
		authorPersonId: number | null;
		now: string;
		isDemo?: boolean;
	}
): Promise<number> {
	const row = await tx
		.insertInto('discussion')
		.values({
			kind: values.kind,
			title: values.title,
			domain_id: values.domainId,
			subject_type: values.subjectType,
			subject_id: values.subjectId,
			author_person_id: values.authorPersonId,
			last_post_at: values.now,
			created_at: values.now,
			is_demo: values.isDemo ?? false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function insertPost(
	tx: Tx,
	values: {
		discussionId: number;
		authorPersonId: number | null;
		isOpening: boolean;
		bodySource: string;
		bodyHtml: string;
		now: string;
	}
): Promise<number> {
	const row = await tx
		.insertInto('discussion_post')
		.values({
			discussion_id: values.discussionId,
			author_person_id: values.authorPersonId,
			is_opening: values.isOpening,
			body_source: values.bodySource,
			body_html: values.bodyHtml,
			created_at: values.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function recordReply(tx: Tx, discussionId: number, now: string): Promise<void> {
	await tx
		.updateTable('discussion')
		.set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_post_at: now }))
		.where('id', '=', discussionId)
		.execute();
}

function threadQuery(db: Conn) {
	return db
		.selectFrom('discussion')
		.leftJoin('domain', 'domain.id', 'discussion.domain_id')
		.leftJoin('person', 'person.id', 'discussion.author_person_id')
		.select([
			'discussion.id',
			'discussion.kind',
			'discussion.title',
			'discussion.domain_id as domainId',
			'domain.name as domainName',
			'discussion.subject_type as subjectType',
			'discussion.subject_id as subjectId',
			'discussion.author_person_id as authorPersonId',
			'person.display_name as authorName',
			'discussion.accepted_post_id as acceptedPostId',
			'discussion.reply_count as replyCount',
			'discussion.last_post_at as lastPostAt',
			'discussion.created_at as createdAt'
		]);
}

export async function findThread(db: Conn, id: number): Promise<ThreadRow | undefined> {
	return threadQuery(db).where('discussion.id', '=', id).executeTakeFirst();
}

function postQuery(db: Conn) {
	return db
		.selectFrom('discussion_post')
		.leftJoin('person', 'person.id', 'discussion_post.author_person_id')
		.select([
			'discussion_post.id',
			'discussion_post.discussion_id as discussionId',
			'discussion_post.author_person_id as authorPersonId',
			'person.display_name as authorName',
			'discussion_post.is_opening as isOpening',
			'discussion_post.body_source as bodySource',
			'discussion_post.body_html as bodyHtml',
			'discussion_post.edited_at as editedAt',
			'discussion_post.hidden_at as hiddenAt',
			'discussion_post.hidden_reason as hiddenReason',
			'discussion_post.created_at as createdAt'
		]);
}

export async function findPost(db: Conn, id: number): Promise<PostRow | undefined> {
	return postQuery(db).where('discussion_post.id', '=', id).executeTakeFirst();
}

export async function findOpeningPost(
	db: Conn,
	discussionId: number
): Promise<PostRow | undefined> {
	return postQuery(db)
		.where('discussion_post.discussion_id', '=', discussionId)
		.where('discussion_post.is_opening', '=', true)
		.executeTakeFirst();
}

/** One page of replies, oldest first. */
export async function listReplies(
	db: Conn,
	discussionId: number,
	offset: number,
	limit: number
): Promise<PostRow[]> {
	return postQuery(db)
		.where('discussion_post.discussion_id', '=', discussionId)
		.where('discussion_post.is_opening', '=', false)
		.orderBy('discussion_post.id')
		.limit(limit)
		.offset(offset)
		.execute();
}

/** How many replies come before `postId` in its thread (for the page it is on). */
export async function countRepliesBefore(
	db: Conn,
	discussionId: number,
	postId: number
): Promise<number> {
	const row = await db
		.selectFrom('discussion_post')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('discussion_id', '=', discussionId)
		.where('is_opening', '=', false)
		.where('id', '<', postId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function updatePostBody(
	tx: Tx,
	postId: number,
	values: { bodySource: string; bodyHtml: string; now: string }
): Promise<void> {
	await tx
		.updateTable('discussion_post')
		.set({ body_source: values.bodySource, body_html: values.bodyHtml, edited_at: values.now })
		.where('id', '=', postId)
		.execute();
}

export async function insertRevision(
	tx: Tx,
	values: {
		postId: number;
		bodySource: string;
		bodyHtml: string;
		writtenAt: string;
		replacedAt: string;
	}
): Promise<void> {
	await tx
		.insertInto('discussion_post_revision')
		.values({
			post_id: values.postId,
			body_source: values.bodySource,
			body_html: values.bodyHtml,
			written_at: values.writtenAt,
			replaced_at: values.replacedAt
		})
		.execute();
}

export async function listRevisions(
	db: Conn,
	postId: number
): Promise<{ id: number; bodyHtml: string; writtenAt: string; replacedAt: string }[]> {
	return db
		.selectFrom('discussion_post_revision')
		.select(['id', 'body_html as bodyHtml', 'written_at as writtenAt', 'replaced_at as replacedAt'])
		.where('post_id', '=', postId)
		.orderBy('id', 'desc')
		.execute();
}

export async function setAcceptedPost(tx: Tx, discussionId: number, postId: number): Promise<void> {
	await tx
		.updateTable('discussion')
		.set({ accepted_post_id: postId })
		.where('id', '=', discussionId)
		.execute();
}

export async function hidePost(
	tx: Tx,
	postId: number,
	values: { reason: string; byPersonId: number | null; now: string }
): Promise<void> {
	await tx
		.updateTable('discussion_post')
		.set({
			hidden_at: values.now,
			hidden_reason: values.reason,
			hidden_by_person_id: values.byPersonId
		})
		.where('id', '=', postId)
		.execute();
}

// -- reports --

export async function insertReport(
	tx: Tx,
	values: { postId: number; reporterPersonId: number; reason: string; now: string }
): Promise<number> {
	const row = await tx
		.insertInto('discussion_report')
		.values({
			post_id: values.postId,
			reporter_person_id: values.reporterPersonId,
			reason: values.reason,
			created_at: values.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function hasOpenReportBy(
	db: Conn,
	postId: number,
	reporterPersonId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('discussion_report')
		.select('id')
		.where('post_id', '=', postId)
		.where('reporter_person_id', '=', reporterPersonId)
		.where('status', '=', 'open')
		.executeTakeFirst();
	return row !== undefined;
}

export interface ReportRow {
	id: number;
	postId: number;
	reason: string;
	status: DiscussionReportStatus;
	createdAt: string;
	reporterName: string | null;
	discussionId: number;
	discussionTitle: string;
	postAuthorName: string | null;
	postHtml: string;
}

function reportQuery(db: Conn) {
	return db
		.selectFrom('discussion_report')
		.innerJoin('discussion_post', 'discussion_post.id', 'discussion_report.post_id')
		.innerJoin('discussion', 'discussion.id', 'discussion_post.discussion_id')
		.leftJoin('person as reporter', 'reporter.id', 'discussion_report.reporter_person_id')
		.leftJoin('person as author', 'author.id', 'discussion_post.author_person_id')
		.select([
			'discussion_report.id',
			'discussion_report.post_id as postId',
			'discussion_report.reason',
			'discussion_report.status',
			'discussion_report.created_at as createdAt',
			'reporter.display_name as reporterName',
			'discussion.id as discussionId',
			'discussion.title as discussionTitle',
			'author.display_name as postAuthorName',
			'discussion_post.body_html as postHtml'
		]);
}

export async function listOpenReports(db: Conn): Promise<ReportRow[]> {
	return reportQuery(db)
		.where('discussion_report.status', '=', 'open')
		.orderBy('discussion_report.id')
		.limit(200)
		.execute();
}

export async function findReport(db: Conn, id: number): Promise<ReportRow | undefined> {
	return reportQuery(db).where('discussion_report.id', '=', id).executeTakeFirst();
}

/** Closes one report, or with `allOfPost` every open report of the post. */
export async function decideReports(
	tx: Tx,
	values: {
		reportId: number;
		postId: number;
		allOfPost: boolean;
		status: Exclude<DiscussionReportStatus, 'open'>;
		byPersonId: number | null;
		now: string;
	}
): Promise<void> {
	let query = tx
		.updateTable('discussion_report')
		.set({ status: values.status, decided_by_person_id: values.byPersonId, decided_at: values.now })
		.where('status', '=', 'open');
	query = values.allOfPost
		? query.where('post_id', '=', values.postId)
		: query.where('id', '=', values.reportId);
	await query.execute();
}

// -- lists --

/** A `where` over `discussion`. */
export type ThreadVisibility = (
	eb: ExpressionBuilder<Database, 'discussion'>
) => Expression<SqlBool>;

/** Threads attached to a project the scope may see. */
export function projectThreadsVisibleTo(scope: ProjectScope): ThreadVisibility {
	return (eb) =>
		eb(
			'discussion.subject_id',
			'in',
			eb.selectFrom('project').select('project.id').where(projectVisibleTo(scope))
		);
}

/** Threads attached to a product that is not deleted. */
export const productThreadsVisible: ThreadVisibility = (eb) =>
	eb(
		'discussion.subject_id',
		'in',
		eb.selectFrom('product').select('product.id').where('product.deleted_at', 'is', null)
	);

export interface ThreadListFilter {
	/** Only threads attached to this subject. */
	subject: { type: string; id: number } | null;
	domainId: number | null;
	kind: DiscussionKind | null;
	/** A `where` over `discussion` that keeps only threads the reader may see. */
	visible: ThreadVisibility;
	offset: number;
	limit: number;
}

export async function listThreads(db: Conn, filter: ThreadListFilter): Promise<ThreadRow[]> {
	let query = threadQuery(db).where(filter.visible);
	if (filter.subject) {
		query = query
			.where('discussion.subject_type', '=', filter.subject.type)
			.where('discussion.subject_id', '=', filter.subject.id);
	}
	if (filter.domainId !== null) query = query.where('discussion.domain_id', '=', filter.domainId);
	if (filter.kind !== null) query = query.where('discussion.kind', '=', filter.kind);
	return query
		.orderBy('discussion.last_post_at', 'desc')
		.orderBy('discussion.id', 'desc')
		.limit(filter.limit)
		.offset(filter.offset)
		.execute();
}

// -- people, subjects, categories --

/** People the author can find in the directory, by exact display name. */
export async function findListedPeopleByName(
	db: Conn,
	names: readonly string[]
): Promise<{ id: number; displayName: string }[]> {
	if (names.length === 0) return [];
	return db
		.selectFrom('person')
		.select(['id', 'display_name as displayName'])
		.where('display_name', 'in', [...names])
		.where('is_listed', '=', true)
		.where('deleted_at', 'is', null)
		.orderBy('id')
		.execute();
}

export async function findDomainName(db: Conn, id: number): Promise<string | undefined> {
	const row = await db
		.selectFrom('domain')
		.select('name')
		.where('id', '=', id)
		.where('is_archived', '=', false)
		.executeTakeFirst();
	return row?.name;
}

export async function findProductTitle(db: Conn, id: number): Promise<string | undefined> {
	const row = await db
		.selectFrom('product')
		.select('name')
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row?.name;
}

export async function findProductTitles(
	db: Conn,
	ids: readonly number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('product')
		.select(['id', 'name'])
		.where('id', 'in', [...ids])
		.execute();
	return new Map(rows.map((row) => [row.id, row.name]));
}

export async function findProjectTitles(
	db: Conn,
	ids: readonly number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('project')
		.select(['id', 'title'])
		.where('id', 'in', [...ids])
		.execute();
	return new Map(rows.map((row) => [row.id, row.title]));
}
