/**
 * The notification centre's use cases (decision 0027): a person's notifications (newest first,
 * paged), the unread count, marking read, what they follow, following and unfollowing, their
 * mail choice, and one-click unsubscribe. In-app notifications are made for every choice.
 */
import { canWrite, isSignedIn } from '../auth/auth.policy';
import type { Ctx, PersonActor } from '../context';
import { inTransaction } from '../db';
import type { NotificationMailMode } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { followSubject, isFollowing, parseSubject, unfollowSubject } from './follows';
import { findMailMode, isMailMode, personOfUnsubscribeToken, storeMailMode } from './preferences';
import { resolveSubject, type SubjectView } from './subjects';

export const CENTRE_PAGE_SIZE = 25;

function signedIn(ctx: Ctx): PersonActor {
	if (!isSignedIn(ctx.actor)) throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return ctx.actor;
}

function writer(ctx: Ctx): PersonActor {
	const actor = signedIn(ctx);
	if (!canWrite(actor)) throw forbidden('read-only');
	return actor;
}

export interface NotificationView {
	id: number;
	title: string;
	url: string;
	occurredAt: string;
	isRead: boolean;
}

export interface NotificationPage {
	items: NotificationView[];
	page: number;
	pageCount: number;
	total: number;
	unread: number;
}

/** The unread count for the header badge: one indexed count. */
export async function countUnread(ctx: Ctx): Promise<number> {
	if (!isSignedIn(ctx.actor)) return 0;
	const row = await ctx.db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('person_id', '=', ctx.actor.personId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listNotifications(ctx: Ctx, page: number): Promise<NotificationPage> {
	const actor = signedIn(ctx);
	const totalRow = await ctx.db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('person_id', '=', actor.personId)
		.executeTakeFirstOrThrow();
	const total = Number(totalRow.n);
	const pageCount = Math.max(1, Math.ceil(total / CENTRE_PAGE_SIZE));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
	const rows = await ctx.db
		.selectFrom('notification')
		.innerJoin('notification_event', 'notification_event.id', 'notification.event_id')
		.select([
			'notification.id',
			'notification.read_at',
			'notification_event.title',
			'notification_event.url',
			'notification_event.occurred_at'
		])
		.where('notification.person_id', '=', actor.personId)
		.orderBy('notification.id', 'desc')
		.limit(CENTRE_PAGE_SIZE)
		.offset((current - 1) * CENTRE_PAGE_SIZE)
		.execute();
	return {
		items: rows.map((row) => ({
			id: row.id,
			title: row.title,
			url: row.url,
			occurredAt: row.occurred_at,
			isRead: row.read_at !== null
		})),
		page: current,
		pageCount,
		total,
		unread: await countUnread(ctx)
	};
}

/** Marks one of the actor's notifications read; answers its link (to go on to the item). */
export async function markRead(ctx: Ctx, notificationId: number): Promise<string> {
	const actor = writer(ctx);
	if (!Number.isSafeInteger(notificationId) || notificationId < 1) throw notFound('notification');
	return inTransaction(ctx.db, async (tx) => {
		const row = await tx
			.selectFrom('notification')
			.innerJoin('notification_event', 'notification_event.id', 'notification.event_id')
			.select(['notification.read_at', 'notification_event.url'])
			.where('notification.id', '=', notificationId)
			.where('notification.person_id', '=', actor.personId)
			.executeTakeFirst();
		if (!row) throw notFound('notification');
		if (row.read_at === null) {
			await tx
				.updateTable('notification')
				.set({ read_at: ctx.now().toISOString() })
				.where('id', '=', notificationId)
				.execute();
		}
		return row.url;
	});
}

export async function markAllRead(ctx: Ctx): Promise<number> {
	const actor = writer(ctx);
	const result = await ctx.db
		.updateTable('notification')
		.set({ read_at: ctx.now().toISOString() })
		.where('person_id', '=', actor.personId)
		.where('read_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** `bezug` and `aktion` of the follow form; the subject must exist and be visible. */
export async function changeFollow(
	ctx: Ctx,
	input: { bezug: unknown; aktion: unknown }
): Promise<SubjectView & { following: boolean }> {
	const actor = writer(ctx);
	const subject = typeof input.bezug === 'string' ? parseSubject(input.bezug) : null;
	if (!subject) throw invalid({ bezug: 'subject_invalid' });
	if (input.aktion !== 'folgen' && input.aktion !== 'entfolgen') {
		throw invalid({ aktion: 'action_invalid' });
	}
	return inTransaction(ctx.db, async (tx) => {
		const view = await resolveSubject(tx, actor, subject);
		if (!view) throw notFound('subject');
		if (input.aktion === 'folgen') await followSubject(tx, actor.personId, subject);
		else await unfollowSubject(tx, actor.personId, subject);
		return { ...view, following: input.aktion === 'folgen' };
	});
}

/** Whether the actor follows a subject (false for visitors): for the follow button. */
export async function followState(ctx: Ctx, bezug: string): Promise<boolean | null> {
	if (!isSignedIn(ctx.actor)) return null;
	const subject = parseSubject(bezug);
	if (!subject) return null;
	return isFollowing(ctx.db, ctx.actor.personId, subject);
}

/** For a follow button on a page: the subject's title and the state; null for visitors. */
export async function followTarget(
	ctx: Ctx,
	bezug: string
): Promise<{ bezug: string; title: string; following: boolean } | null> {
	if (!isSignedIn(ctx.actor)) return null;
	const subject = parseSubject(bezug);
	const view = subject ? await resolveSubject(ctx.db, ctx.actor, subject) : null;
	if (!view) return null;
	return { bezug, title: view.title, following: (await followState(ctx, bezug)) === true };
}

/** What the actor follows and can still see, by type and title. */
export async function listFollows(ctx: Ctx): Promise<SubjectView[]> {
	const actor = signedIn(ctx);
	const rows = await ctx.db
		.selectFrom('follow')
		.select(['subject_type', 'subject_id'])
		.where('person_id', '=', actor.personId)
		.orderBy('created_at', 'desc')
		.execute();
	const views: SubjectView[] = [];
	for (const row of rows) {
		const subject = parseSubject(`${row.subject_type}:${row.subject_id}`);
		const view = subject ? await resolveSubject(ctx.db, actor, subject) : null;
		if (view) views.push(view);
	}
	return views;
}

export async function getMailMode(ctx: Ctx): Promise<NotificationMailMode> {
	return findMailMode(ctx.db, signedIn(ctx).personId);
}

export async function setMailMode(ctx: Ctx, mode: unknown): Promise<NotificationMailMode> {
	const actor = writer(ctx);
	if (!isMailMode(mode)) throw invalid({ zustellung: 'mail_mode_invalid' });
	await storeMailMode(ctx.db, actor.personId, mode, ctx.now().toISOString());
	return mode;
}

/**
 * One-click unsubscribe (RFC 8058): the token alone names the person; no session is needed.
 * Switches notification mail off; answers false for an unknown or forged token.
 */
export async function unsubscribeByToken(ctx: Ctx, token: unknown): Promise<boolean> {
	const personId = personOfUnsubscribeToken(token);
	if (personId === null) return false;
	return inTransaction(ctx.db, async (tx) => {
		const person = await tx
			.selectFrom('person')
			.select('id')
			.where('id', '=', personId)
			.where('deleted_at', 'is', null)
			.executeTakeFirst();
		if (!person) return false;
		await storeMailMode(tx, personId, 'none', ctx.now().toISOString());
		return true;
	});
}

/** Whether a token is valid (for the confirmation page; changes nothing). */
export function isValidUnsubscribeToken(token: unknown): boolean {
	return personOfUnsubscribeToken(token) !== null;
}

/** Read notifications are kept this long, then deleted (data minimisation). */
export const READ_NOTIFICATION_RETENTION_DAYS = 180;

/** For the maintenance job: deletes read notifications older than the retention. */
export async function purgeReadNotifications(ctx: Ctx): Promise<number> {
	const cutoff = new Date(ctx.now().getTime() - READ_NOTIFICATION_RETENTION_DAYS * 86_400_000);
	const result = await ctx.db
		.deleteFrom('notification')
		.where('read_at', 'is not', null)
		.where('created_at', '<', cutoff.toISOString())
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
