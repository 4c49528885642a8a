/**
 * Guests without an account (people from municipalities outside the network) register for
 * public events with a confirmed e-mail address: a request mails a single-use link; opening it
 * and confirming (a POST) takes a place or a place on the waiting list through the same locked
 * path as members (takePlace). Guests cancel through the link in their mails. Unconfirmed
 * requests expire and are deleted.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import type { RegistrationStatus } from '../db/schema';
import { DomainError, notFound } from '../errors';
import { enqueueMail } from '../mail';
import { getNetwork } from '../network';
import {
	consumeRateLimit,
	rateLimitRequest,
	rateLimited,
	type RateLimitPolicy
} from '../rate-limits';
import { EmailSchema } from '../auth/auth.schema';
import { parseOrInvalid } from '../reuse/reuse.schema';
import { guestAlreadyRegisteredMail, guestConfirmationMail } from './event.mail';
import {
	deleteExpiredGuestRequests,
	findEvent,
	findGuest,
	findGuestByEmail,
	findGuestByToken,
	findGuestRegistration,
	lockEvent,
	markGuestConfirmed,
	saveGuestRequest,
	type EventRow,
	type GuestRow
} from './event.repository';
import { guestsAllowed } from './event.policy';
import { IdSchema } from './event.schema';
import { formatLocalRange } from './event.time';
import { releasePlace, takePlace, type EventMailOrigin } from './event.service';
import {
	cancelTokenMatches,
	guestCancelLink,
	guestConfirmLink,
	hashConfirmToken,
	newConfirmToken,
	parseCancelToken
} from './guest.token';

/** How long a confirmation link is valid. */
export const GUEST_CONFIRM_HOURS = 48;
const NAME_MAX = 200;

/** Guest requests per client address: a town hall may send a handful, a script may not flood. */
export const GUEST_REQUESTS_PER_ADDRESS: RateLimitPolicy = {
	scope: 'event-guest:ip',
	subject: 'address',
	limit: 20,
	windowSeconds: 3600
};

/** Mails per recipient, so nobody's mailbox can be flooded with confirmation links. */
export const GUEST_REQUESTS_PER_EMAIL: RateLimitPolicy = {
	scope: 'event-guest:email',
	subject: 'email',
	limit: 5,
	windowSeconds: 3600
};

export const GuestRequestSchema = z.object({
	name: z.string('name_required').trim().min(1, 'name_required').max(NAME_MAX, 'too_long'),
	organisation: z
		.string('organisation_required')
		.trim()
		.min(1, 'organisation_required')
		.max(NAME_MAX, 'too_long'),
	email: EmailSchema
});

export type GuestRequestInput = { [K in keyof z.input<typeof GuestRequestSchema>]?: unknown };

function refuseUnlessAllowed(event: EventRow | undefined, now: Date): EventRow {
	// Members-only events do not exist for visitors.
	if (!event || event.audience !== 'public') throw notFound('event');
	if (!guestsAllowed(event, now)) {
		throw new DomainError('CONFLICT', 'event is over', { form: 'event_over' });
	}
	return event;
}

/**
 * A guest asks to register: mails the confirmation link (or, when the address is already
 * registered, the state and the cancel link). Takes no place. Answers the same either way, so
 * the form does not tell who is registered.
 * Throws NOT_FOUND (no such public event), CONFLICT (over), INVALID, RATE_LIMITED.
 */
export async function requestGuestRegistration(
	ctx: Ctx,
	eventId: unknown,
	input: GuestRequestInput,
	options: EventMailOrigin & { clientAddress: string | null }
): Promise<void> {
	const id = IdSchema.safeParse(eventId);
	if (!id.success) throw notFound('event');
	const now = ctx.now();
	const event = refuseUnlessAllowed(await findEvent(ctx.db, id.data), now);
	const values = parseOrInvalid(GuestRequestSchema, input);
	for (const request of [
		rateLimitRequest(GUEST_REQUESTS_PER_ADDRESS, options.clientAddress),
		rateLimitRequest(GUEST_REQUESTS_PER_EMAIL, values.email)
	]) {
		const decision = await consumeRateLimit(ctx, request);
		if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
	}
	const network = await getNetwork(ctx);
	const networkName = network.name || 'Netzwerk';
	await inTransaction(ctx.db, async (tx) => {
		const existing = await findGuestByEmail(tx, event.id, values.email);
		const registration = existing ? await findGuestRegistration(tx, existing.id) : undefined;
		if (existing && registration && registration.status !== 'cancelled') {
			await enqueueMail(
				tx,
				guestAlreadyRegisteredMail({
					to: existing.email,
					networkName,
					event,
					waiting: registration.status === 'waiting',
					link: guestCancelLink(options.origin, existing)
				}),
				{ now }
			);
			return;
		}
		const { token, hash } = newConfirmToken();
		const expiresAt = new Date(now.getTime() + GUEST_CONFIRM_HOURS * 3600 * 1000);
		await saveGuestRequest(tx, {
			eventId: event.id,
			name: values.name,
			organisation: values.organisation,
			email: values.email,
			tokenHash: hash,
			expiresAt: expiresAt.toISOString(),
			now: now.toISOString()
		});
		await enqueueMail(
			tx,
			guestConfirmationMail({
				to: values.email,
				name: values.name,
				networkName,
				event,
				link: guestConfirmLink(options.origin, token),
				validHours: GUEST_CONFIRM_HOURS
			}),
			{ now }
		);
	});
}

export interface GuestTokenView {
	eventId: number;
	eventTitle: string;
	when: string;
	name: string;
	/** For a cancel link: the current state. */
	status: RegistrationStatus | null;
}

async function guestOfConfirmToken(ctx: Ctx, token: unknown): Promise<GuestRow> {
	if (typeof token !== 'string' || token.length < 20 || token.length > 100) {
		throw notFound('guest');
	}
	const guest = await findGuestByToken(ctx.db, hashConfirmToken(token));
	if (
		!guest ||
		guest.confirmExpiresAt === null ||
		Date.parse(guest.confirmExpiresAt) <= ctx.now().getTime()
	) {
		throw notFound('guest');
	}
	return guest;
}

async function viewOf(ctx: Ctx, guest: GuestRow, status: RegistrationStatus | null) {
	const event = await findEvent(ctx.db, guest.eventId);
	if (!event) throw notFound('event');
	return {
		eventId: event.id,
		eventTitle: event.title,
		when: formatLocalRange(event.startsAt, event.endsAt, event.timeZone),
		name: guest.name,
		status
	};
}

/** What the confirmation page shows (GET changes nothing). NOT_FOUND for unknown or expired links. */
export async function getGuestConfirmation(ctx: Ctx, token: unknown): Promise<GuestTokenView> {
	return viewOf(ctx, await guestOfConfirmToken(ctx, token), null);
}

/**
 * Confirms the address and takes a place or a place on the waiting list, exactly as a member
 * would, under the event's lock. The link is used up. NOT_FOUND for unknown, used or expired
 * links; CONFLICT when the event is over.
 */
export async function confirmGuestRegistration(
	ctx: Ctx,
	token: unknown,
	options: EventMailOrigin
): Promise<{ eventId: number; status: RegistrationStatus }> {
	const guest = await guestOfConfirmToken(ctx, token);
	const network = await getNetwork(ctx);
	return inTransaction(ctx.db, async (tx) => {
		const event = refuseUnlessAllowed(await lockEvent(tx, guest.eventId), ctx.now());
		// Under the lock: a second POST of the same link finds the token gone.
		const current = await findGuestByToken(tx, hashConfirmToken(token as string));
		if (!current || current.id !== guest.id) throw notFound('guest');
		await markGuestConfirmed(tx, guest.id, ctx.now().toISOString());
		const registration = await findGuestRegistration(tx, guest.id);
		if (registration && registration.status !== 'cancelled') {
			return { eventId: event.id, status: registration.status };
		}
		const status = await takePlace(tx, ctx, event, { guestId: guest.id }, network.name, options);
		return { eventId: event.id, status };
	});
}

async function guestOfCancelToken(ctx: Ctx, token: unknown): Promise<GuestRow> {
	const parsed = typeof token === 'string' ? parseCancelToken(token) : null;
	if (!parsed) throw notFound('guest');
	const guest = await findGuest(ctx.db, parsed.id);
	if (!guest || !cancelTokenMatches(guest, parsed.mac)) throw notFound('guest');
	return guest;
}

/** What the cancel page shows (GET changes nothing). NOT_FOUND for a wrong link. */
export async function getGuestCancellation(ctx: Ctx, token: unknown): Promise<GuestTokenView> {
	const guest = await guestOfCancelToken(ctx, token);
	const registration = await findGuestRegistration(ctx.db, guest.id);
	return viewOf(ctx, guest, registration?.status ?? null);
}

/**
 * Cancels a guest's registration through the link in their mail; a place freed goes to the
 * first on the waiting list (the members' path). Cancelling twice changes nothing.
 */
export async function cancelGuestRegistration(
	ctx: Ctx,
	token: unknown,
	options: EventMailOrigin
): Promise<{ eventId: number }> {
	const guest = await guestOfCancelToken(ctx, token);
	const network = await getNetwork(ctx);
	return inTransaction(ctx.db, async (tx) => {
		const event = await lockEvent(tx, guest.eventId);
		if (!event) throw notFound('event');
		const registration = await findGuestRegistration(tx, guest.id);
		if (registration && registration.status !== 'cancelled') {
			await releasePlace(tx, ctx, event, registration, network.name, options);
		}
		return { eventId: event.id };
	});
}

/** Deletes unconfirmed requests whose link has expired; returns how many. */
export async function purgeExpiredGuestRequests(ctx: Ctx): Promise<number> {
	return deleteExpiredGuestRequests(ctx.db, ctx.now().toISOString());
}
