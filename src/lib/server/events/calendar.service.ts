/**
 * Calendar feeds: one file per event, all public events, and a person's own registrations behind
 * a private address. The private token is shown once, stored only as its SHA-256 hash, compared
 * in constant time, and rotating it ends the old address at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../context';
import { DomainError, forbidden, notFound } from '../errors';
import { canWrite } from '../auth/auth.policy';
import { getNetwork } from '../network';
import { buildCalendar } from './event.ical';
import {
	findFeedToken,
	hasFeedToken,
	listEventRows,
	listEventsOfPerson,
	saveFeedToken
} from './event.repository';
import { loadVisibleEvent } from './event.service';

export interface CalendarFile {
	filename: string;
	body: string;
}

function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

async function calendarName(ctx: Ctx, suffix: string): Promise<string> {
	const network = await getNetwork(ctx);
	return `${network.name || 'Netzwerk'}: ${suffix}`;
}

/** The iCal file of one event the actor may see. */
export async function getEventCalendar(
	ctx: Ctx,
	eventId: unknown,
	options: { origin: string }
): Promise<CalendarFile> {
	const event = await loadVisibleEvent(ctx, eventId);
	return {
		filename: `termin-${event.id}.ics`,
		body: buildCalendar([event], {
			origin: options.origin,
			name: await calendarName(ctx, event.title),
			now: ctx.now()
		})
	};
}

/** Every public event from 90 days ago on, for subscribing. */
export async function getPublicCalendar(
	ctx: Ctx,
	options: { origin: string }
): Promise<CalendarFile> {
	const since = new Date(ctx.now().getTime() - 90 * 24 * 3600 * 1000).toISOString();
	const events = await listEventRows(ctx.db, {
		audiences: ['public'],
		endsAfter: since,
		limit: 500
	});
	return {
		filename: 'termine.ics',
		body: buildCalendar(events, {
			origin: options.origin,
			name: await calendarName(ctx, 'Termine'),
			now: ctx.now()
		})
	};
}

/** A new private feed token for the signed-in person; the previous one stops working. */
export async function rotateCalendarToken(ctx: Ctx): Promise<string> {
	const actor = ctx.actor;
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canWrite(actor)) throw forbidden('read-only');
	const token = randomBytes(32).toString('base64url');
	await saveFeedToken(ctx.db, actor.personId, hashToken(token));
	return token;
}

export async function hasCalendarToken(ctx: Ctx): Promise<boolean> {
	return ctx.actor.kind === 'person' && hasFeedToken(ctx.db, ctx.actor.personId);
}

/**
 * The person's registrations (with a place or waiting) as a feed, found by the token alone.
 * Throws NOT_FOUND for an unknown, rotated or malformed token.
 */
export async function getPersonalCalendar(
	ctx: Ctx,
	token: string,
	options: { origin: string }
): Promise<CalendarFile> {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('calendar');
	const hash = hashToken(token);
	const row = await findFeedToken(ctx.db, hash);
	// The lookup is by hash; the constant-time comparison keeps the check itself free of timing.
	if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) {
		throw notFound('calendar');
	}
	const events = await listEventsOfPerson(ctx.db, row.personId);
	return {
		filename: 'meine-termine.ics',
		body: buildCalendar(events, {
			origin: options.origin,
			name: await calendarName(ctx, 'Meine Termine'),
			now: ctx.now()
		})
	};
}
