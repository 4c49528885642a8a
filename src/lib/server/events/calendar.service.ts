/**
 * Calendar feeds: one file per event, all public events, and a person's own registrations behind
 * a private address. The private token is shown once, stored only as its SHA-256 hash and found
 * by it; rotating it ends the old address at once. An online event's link is in a calendar only
 * for those who hold a place (canSeeOnlineLink), as on its page.
 */
import type { Ctx } from '../context';
import { DomainError, forbidden, notFound } from '../errors';
import { canWrite } from '../auth/auth.policy';
import { getNetwork } from '../network';
import { isWellFormedRandomToken, newRandomToken, storedTokenHash } from '../tokens';
import type { RegistrationStatus } from '../db/schema';
import { buildCalendar } from './event.ical';
import { canSeeOnlineLink } from './event.policy';
import {
	findFeedToken,
	findRegistration,
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

/** The event as a calendar shows it to someone with this registration (or none). */
function asShownTo<E extends { location: string; onlineUrl: string | null }>(
	ctx: Ctx,
	event: E,
	status: RegistrationStatus | null
): E {
	if (event.onlineUrl === null || canSeeOnlineLink(ctx.actor, status)) return event;
	return { ...event, onlineUrl: null, location: event.location || 'Online' };
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
	const own =
		ctx.actor.kind === 'person'
			? await findRegistration(ctx.db, event.id, ctx.actor.personId)
			: undefined;
	return {
		filename: `termin-${event.id}.ics`,
		body: buildCalendar([asShownTo(ctx, event, own?.status ?? null)], {
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
		body: buildCalendar(
			events.map((event) => asShownTo(ctx, event, null)),
			{
				origin: options.origin,
				name: await calendarName(ctx, 'Termine'),
				now: ctx.now()
			}
		)
	};
}

/** A new private feed token for the signed-in person; the previous one stops working. */
export async function rotateCalendarToken(ctx: Ctx): Promise<string> {
	const actor = ctx.actor;
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canWrite(actor)) throw forbidden('read-only');
	const token = newRandomToken();
	await saveFeedToken(ctx.db, actor.personId, storedTokenHash(token));
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
	if (!isWellFormedRandomToken(token)) throw notFound('calendar');
	const row = await findFeedToken(ctx.db, storedTokenHash(token));
	if (!row) throw notFound('calendar');
	const events = await listEventsOfPerson(ctx.db, row.personId);
	return {
		filename: 'meine-termine.ics',
		body: buildCalendar(
			events.map((event) => asShownTo(ctx, event, event.registrationStatus)),
			{
				origin: options.origin,
				name: await calendarName(ctx, 'Meine Termine'),
				now: ctx.now()
			}
		)
	};
}
