/**
 * Guests without an account against a real database (SQLite and PostgreSQL): the mailed link
 * confirms and takes the place, expiry and clean-up, one registration per address, capacity
 * shared with members under the same lock, cancelling by link promotes the waiting list,
 * members-only events refuse guests and bad input changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import type { Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import {
	at,
	buildWorld,
	coordinator,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import {
	cancelGuestRegistration,
	confirmGuestRegistration,
	createEvent,
	exportAttendees,
	getGuestCancellation,
	getGuestConfirmation,
	listAttendees,
	purgeExpiredGuestRequests,
	registerForEvent,
	requestGuestRegistration,
	sendEventReminders
} from './index';

const ORIGIN = { origin: 'https://netz.example' };
const t = useTestDatabase();
const visitor: Ctx['actor'] = { kind: 'anonymous' };
let world: World;
let coordinatorActor: PersonActor;
let guestCounter = 0;

const ctx = (actor: Ctx['actor'], seconds = 0): Ctx => ({
	db: t.db,
	actor,
	now: () => at(seconds)
});

function eventInput(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Netzwerktreffen Offenburg',
		kind: 'network_meeting',
		description: 'Austausch der Kommunen.',
		startDate: '2027-05-12',
		startTime: '14:00',
		endDate: '2027-05-12',
		endTime: '17:00',
		location: 'Rathaus Offenburg',
		onlineUrl: '',
		organiserMunicipalityId: '',
		audience: 'public',
		capacity: '2',
		isCallForPitchesOpen: '',
		...overrides
	};
}

function guestInput(overrides: Record<string, unknown> = {}) {
	guestCounter += 1;
	return {
		name: `Gast ${guestCounter}`,
		organisation: 'Gemeinde Schwarzwaldtal',
		email: `gast${guestCounter}@schwarzwaldtal.example`,
		...overrides
	};
}

async function mails(db: Db, email: string): Promise<{ subject: string; text: string }[]> {
	const rows = await db
		.selectFrom('mail_outbox')
		.select(['subject', 'text_body'])
		.where('to_address', '=', email)
		.orderBy('id')
		.execute();
	return rows.map((row) => ({ subject: row.subject, text: row.text_body }));
}

async function lastLink(email: string, kind: 'bestaetigen' | 'abmelden'): Promise<string> {
	const all = await mails(t.db, email);
	for (const mail of all.reverse()) {
		const match = new RegExp(`/termine/gast/${kind}/([A-Za-z0-9_-]+)`).exec(mail.text);
		if (match?.[1]) return match[1];
	}
	throw new Error(`no ${kind} link for ${email}`);
}

/** Asks as a guest and returns the address and the mailed confirmation token. */
async function requestAsGuest(eventId: number, seconds = 0, overrides = {}) {
	const input = guestInput(overrides);
	await requestGuestRegistration(ctx(visitor, seconds), eventId, input, {
		...ORIGIN,
		clientAddress: '203.0.113.7'
	});
	return { email: input.email, token: await lastLink(input.email, 'bestaetigen') };
}

async function counts(eventId: number) {
	const list = await listAttendees(ctx(coordinatorActor), eventId);
	return { confirmed: list.confirmed.length, waiting: list.waiting.length, list };
}

beforeAll(async () => {
	world = await buildWorld(t.db);
	coordinatorActor = await coordinator(t.db);
});

describe('guest registration', () => {
	it('takes a place only when the mailed link is confirmed by POST, and only once', async () => {
		const eventId = await createEvent(ctx(coordinatorActor), eventInput());
		const { email, token } = await requestAsGuest(eventId);
		expect((await mails(t.db, email)).map((m) => m.subject)).toEqual([
			'Bitte bestätigen Sie Ihre Anmeldung: Netzwerktreffen Offenburg'
		]);
		// Requesting and showing the confirmation page take no place.
		const view = await getGuestConfirmation(ctx(visitor), token);
		expect(view).toMatchObject({ eventId, eventTitle: 'Netzwerktreffen Offenburg' });
		expect((await counts(eventId)).confirmed).toBe(0);
		const stored = await t.db
			.selectFrom('event_guest')
			.select('confirm_token_hash')
			.where('email', '=', email)
			.executeTakeFirstOrThrow();
		expect(stored.confirm_token_hash).not.toBe(token);
		expect(stored.confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);

		expect(await confirmGuestRegistration(ctx(visitor, 60), token, ORIGIN)).toEqual({
			eventId,
			status: 'confirmed'
		});
		const { confirmed, list } = await counts(eventId);
		expect(confirmed).toBe(1);
		expect(list.confirmed[0]).toMatchObject({
			isGuest: true,
			email,
			municipalities: 'Gemeinde Schwarzwaldtal'
		});
		expect((await mails(t.db, email)).map((m) => m.subject)).toContain(
			'Anmeldung bestätigt: Netzwerktreffen Offenburg'
		);
		// Single use.
		expect((await errorOf(confirmGuestRegistration(ctx(visitor, 90), token, ORIGIN))).code).toBe(
			'NOT_FOUND'
		);
		const file = await exportAttendees(ctx(coordinatorActor), eventId, 'csv');
		expect(new TextDecoder().decode(file.bytes)).toContain('angemeldet (Gast)');
	});

	it('expires unconfirmed requests after 48 hours and deletes them', async () => {
		const eventId = await createEvent(ctx(coordinatorActor), eventInput());
		const { email, token } = await requestAsGuest(eventId);
		const late = 48 * 3600 + 1;
		expect((await errorOf(getGuestConfirmation(ctx(visitor, late), token))).code).toBe('NOT_FOUND');
		expect((await errorOf(confirmGuestRegistration(ctx(visitor, late), token, ORIGIN))).code).toBe(
			'NOT_FOUND'
		);
		expect(await purgeExpiredGuestRequests(ctx(visitor, 3600))).toBe(0);
		expect(await purgeExpiredGuestRequests(ctx(visitor, late))).toBeGreaterThanOrEqual(1);
		const left = await t.db
			.selectFrom('event_guest')
			.select('id')
			.where('email', '=', email)
			.execute();
		expect(left).toEqual([]);
		expect((await counts(eventId)).confirmed).toBe(0);
	});

	it('holds one registration per address: a second request re-sends a link', async () => {
		const eventId = await createEvent(ctx(coordinatorActor), eventInput());
		const first = await requestAsGuest(eventId);
		const again = guestInput({ email: first.email.toUpperCase() });
		await requestGuestRegistration(ctx(visitor, 10), eventId, again, {
			...ORIGIN,
			clientAddress: '203.0.113.7'
		});
		const second = await lastLink(first.email, 'bestaetigen');
		expect(second).not.toBe(first.token);
		// The newer link replaces the older one.
		expect((await errorOf(getGuestConfirmation(ctx(visitor), first.token))).code).toBe('NOT_FOUND');
		await confirmGuestRegistration(ctx(visitor, 20), second, ORIGIN);
		await requestGuestRegistration(ctx(visitor, 30), eventId, again, {
			...ORIGIN,
			clientAddress: '203.0.113.7'
		});
		const subjects = (await mails(t.db, first.email)).map((m) => m.subject);
		expect(subjects.at(-1)).toBe('Sie sind bereits angemeldet: Netzwerktreffen Offenburg');
		expect((await counts(eventId)).confirmed).toBe(1);
		const rows = await t.db
			.selectFrom('event_guest')
			.select('id')
			.where('event_id', '=', eventId)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('shares the capacity with members; a guest cancelling by link moves the next one up', async () => {
		const eventId = await createEvent(ctx(coordinatorActor), eventInput({ capacity: '2' }));
		const member = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		const second = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const guest = await requestAsGuest(eventId);
		expect(await registerForEvent(ctx(member, 1), eventId, ORIGIN)).toBe('confirmed');
		expect((await confirmGuestRegistration(ctx(visitor, 2), guest.token, ORIGIN)).status).toBe(
			'confirmed'
		);
		const late = await requestAsGuest(eventId, 3);
		expect((await confirmGuestRegistration(ctx(visitor, 4), late.token, ORIGIN)).status).toBe(
			'waiting'
		);
		expect(await registerForEvent(ctx(second, 5), eventId, ORIGIN)).toBe('waiting');
		expect(await counts(eventId)).toMatchObject({ confirmed: 2, waiting: 2 });

		const cancel = await lastLink(guest.email, 'abmelden');
		expect(await getGuestCancellation(ctx(visitor), cancel)).toMatchObject({ status: 'confirmed' });
		expect(
			(await errorOf(getGuestCancellation(ctx(visitor), `${cancel.slice(0, -1)}0`))).code
		).toBe('NOT_FOUND');
		await cancelGuestRegistration(ctx(visitor, 6), cancel, ORIGIN);
		const after = await counts(eventId);
		expect(after).toMatchObject({ confirmed: 2, waiting: 1 });
		// The waiting guest was first in line and moved up, with a mail carrying their cancel link.
		expect(after.list.confirmed.map((row) => row.email)).toContain(late.email);
		expect(after.list.waiting.map((row) => row.personId)).toEqual([second.personId]);
		const lateMails = await mails(t.db, late.email);
		expect(lateMails.at(-1)?.subject).toBe('Platz frei geworden: Netzwerktreffen Offenburg');
		expect(lateMails.at(-1)?.text).toContain('/termine/gast/abmelden/');
		expect((await mails(t.db, guest.email)).at(-1)?.subject).toBe(
			'Abmeldung bestätigt: Netzwerktreffen Offenburg'
		);
		// Cancelling twice changes nothing.
		await cancelGuestRegistration(ctx(visitor, 7), cancel, ORIGIN);
		expect(await counts(eventId)).toMatchObject({ confirmed: 2, waiting: 1 });
	});

	it('reminds confirmed guests once', async () => {
		const eventId = await createEvent(
			ctx(coordinatorActor),
			eventInput({ startDate: '2026-12-20', endDate: '2026-12-20', title: 'Online-Sprechstunde' })
		);
		const guest = await requestAsGuest(eventId);
		await confirmGuestRegistration(ctx(visitor), guest.token, ORIGIN);
		const clock: Ctx = {
			db: t.db,
			actor: { kind: 'system', reason: 'test' },
			now: () => new Date('2026-12-19T14:00:00.000Z')
		};
		expect(await sendEventReminders(clock, ORIGIN)).toBeGreaterThanOrEqual(1);
		await sendEventReminders(clock, ORIGIN);
		const reminders = (await mails(t.db, guest.email)).filter((m) =>
			m.subject.startsWith('Erinnerung')
		);
		expect(reminders).toHaveLength(1);
		expect(reminders[0]?.text).toContain('/termine/gast/abmelden/');
	});

	it('refuses guests for members-only events and bad input, changing nothing', async () => {
		const membersOnly = await createEvent(
			ctx(coordinatorActor),
			eventInput({ audience: 'members' })
		);
		const open = await createEvent(ctx(coordinatorActor), eventInput());
		const before = await t.db
			.selectFrom('mail_outbox')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		const options = { ...ORIGIN, clientAddress: '203.0.113.9' };
		expect(
			(await errorOf(requestGuestRegistration(ctx(visitor), membersOnly, guestInput(), options)))
				.code
		).toBe('NOT_FOUND');
		const bad = await errorOf(
			requestGuestRegistration(
				ctx(visitor),
				open,
				{ name: ' ', organisation: '', email: 'keine-adresse' },
				options
			)
		);
		expect(bad.code).toBe('INVALID');
		expect(bad.fields).toMatchObject({
			name: 'name_required',
			organisation: 'organisation_required'
		});
		expect(bad.fields?.email).toBeTruthy();
		expect(
			(await errorOf(confirmGuestRegistration(ctx(visitor), 'x'.repeat(43), ORIGIN))).code
		).toBe('NOT_FOUND');
		expect((await errorOf(cancelGuestRegistration(ctx(visitor), '1-abc', ORIGIN))).code).toBe(
			'NOT_FOUND'
		);
		const after = await t.db
			.selectFrom('mail_outbox')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
		const guests = await t.db
			.selectFrom('event_guest')
			.select('id')
			.where('event_id', 'in', [membersOnly, open])
			.execute();
		expect(guests).toEqual([]);
	});

	it('limits requests per e-mail address', async () => {
		const eventId = await createEvent(ctx(coordinatorActor), eventInput());
		const input = guestInput();
		const options = { ...ORIGIN, clientAddress: '198.51.100.4' };
		for (let i = 0; i < 5; i++) {
			await requestGuestRegistration(ctx(visitor, i), eventId, input, options);
		}
		expect(
			(await errorOf(requestGuestRegistration(ctx(visitor, 6), eventId, input, options))).code
		).toBe('RATE_LIMITED');
	});
});
