/**
 * Daily and weekly digests (decision 0027): at 07:00 Europe/Berlin (weekly on Mondays) every
 * person who chose a digest gets one mail with every notification not mailed yet. A notification
 * is marked mailed in the same transaction as the digest is queued, and each digest has a dedupe
 * key per person and period, so no item is mailed twice and no digest is queued twice, also by
 * several instances at once or across a change of the person's choice.
 */
import { PostgresAdapter } from 'kysely';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { enqueueMail } from '../mail';
import { digestMail } from './notification.mail';
import { unsubscribeToken } from './preferences';

export type DigestPeriod = 'daily' | 'weekly';

const ZONE = 'Europe/Berlin';
export const DIGEST_HOUR = 7;
const DAY_MS = 86_400_000;

const PARTS = new Intl.DateTimeFormat('en-CA', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** The Berlin wall clock of an instant. */
function berlinParts(instant: Date) {
	const parts = Object.fromEntries(PARTS.formatToParts(instant).map((p) => [p.type, p.value]));
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second)
	};
}

/** The instant at which Berlin's clock shows `hour`:00 on the given calendar day. */
function berlinInstant(year: number, month: number, day: number, hour: number): Date {
	const guess = Date.UTC(year, month - 1, day, hour);
	const shown = berlinParts(new Date(guess));
	const shownUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
	return new Date(guess - (shownUtc - guess));
}

const isoDay = (year: number, month: number, day: number) =>
	`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * The latest digest time at or before `now`: today's (or yesterday's) 07:00 for daily, the
 * latest Monday 07:00 for weekly; with a key naming the period.
 */
export function digestPeriodStart(period: DigestPeriod, now: Date): { start: Date; key: string } {
	const today = berlinParts(now);
	// Noon UTC of the Berlin calendar day: safe for stepping whole days.
	let day = new Date(Date.UTC(today.year, today.month - 1, today.day, 12));
	const startOf = (d: Date) =>
		berlinInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), DIGEST_HOUR);
	if (startOf(day) > now) day = new Date(day.getTime() - DAY_MS);
	if (period === 'weekly') {
		// getUTCDay: 0 Sunday … 1 Monday.
		const back = (day.getUTCDay() + 6) % 7;
		day = new Date(day.getTime() - back * DAY_MS);
	}
	const key = `${period}:${isoDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())}`;
	return { start: startOf(day), key };
}

/** How far back a digest reaches: two periods (a missed run is caught up, old items are not). */
export function digestLookbackMs(period: DigestPeriod): number {
	return (period === 'daily' ? 2 : 14) * DAY_MS;
}

export interface DigestOptions {
	origin: string;
	networkName: string;
}

/** Queues the digests that are due at `ctx.now()`; returns how many were queued. */
export async function sendDueDigests(ctx: Ctx, options: DigestOptions): Promise<number> {
	let queued = 0;
	for (const period of ['daily', 'weekly'] as const) {
		const { start, key } = digestPeriodStart(period, ctx.now());
		const from = new Date(start.getTime() - digestLookbackMs(period)).toISOString();
		const until = start.toISOString();
		const due = await ctx.db
			.selectFrom('notification')
			.innerJoin(
				'notification_preference',
				'notification_preference.person_id',
				'notification.person_id'
			)
			.select('notification.person_id')
			.distinct()
			.where('notification_preference.mail_mode', '=', period)
			.where('notification.mailed_at', 'is', null)
			.where('notification.created_at', '<=', until)
			.where('notification.created_at', '>', from)
			.execute();
		for (const { person_id: personId } of due) {
			if (await queueDigest(ctx, { ...options, personId, period, key, from, until })) queued += 1;
		}
	}
	return queued;
}

async function queueDigest(
	ctx: Ctx,
	input: DigestOptions & {
		personId: number;
		period: DigestPeriod;
		key: string;
		from: string;
		until: string;
	}
): Promise<boolean> {
	return inTransaction(ctx.db, async (tx) => {
		const person = await tx
			.selectFrom('person')
			.leftJoin('notification_preference', 'notification_preference.person_id', 'person.id')
			.select(['person.email', 'notification_preference.mail_mode'])
			.where('person.id', '=', input.personId)
			.where('person.deleted_at', 'is', null)
			.executeTakeFirst();
		// The choice may have changed since the list was read.
		if (!person || person.mail_mode !== input.period) return false;
		let query = tx
			.selectFrom('notification')
			.innerJoin('notification_event', 'notification_event.id', 'notification.event_id')
			.select([
				'notification.id',
				'notification_event.title',
				'notification_event.url',
				'notification_event.occurred_at'
			])
			.where('notification.person_id', '=', input.personId)
			.where('notification.mailed_at', 'is', null)
			.where('notification.created_at', '<=', input.until)
			.where('notification.created_at', '>', input.from)
			.orderBy('notification.id');
		if (tx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
		const items = await query.execute();
		if (items.length === 0) return false;
		const result = await enqueueMail(
			tx,
			digestMail({
				to: person.email,
				networkName: input.networkName,
				period: input.period,
				items: items.map((item) => ({
					title: item.title,
					url: item.url,
					occurredAt: item.occurred_at
				})),
				links: { origin: input.origin, unsubscribeToken: unsubscribeToken(input.personId) }
			}),
			{ now: ctx.now(), dedupeKey: `digest:${input.personId}:${input.key}` }
		);
		if (result.status === 'duplicate') return false;
		await tx
			.updateTable('notification')
			.set({ mailed_at: ctx.now().toISOString() })
			.where(
				'id',
				'in',
				items.map((item) => item.id)
			)
			.where('mailed_at', 'is', null)
			.execute();
		return true;
	});
}
