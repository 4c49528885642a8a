/**
 * Events against a real database (SQLite and PostgreSQL): capacity and waiting list under
 * concurrency, mails through the outbox, reminders once, the programme with pitches, ratings
 * and the summary, and the private calendar feed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openSecondConnection, useTestDatabase } from '../../../../tests/support/database';
import type { Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import { germanSortKey } from '../text/sort-key';
import {
	at,
	buildWorld,
	coordinator,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import { requestReuse } from '../reuse';
import {
	acceptPitch,
	addSession,
	cancelRegistration,
	createEvent,
	declinePitch,
	exportAttendees,
	getEvent,
	getEventCalendar,
	getPersonalCalendar,
	getPitchSummary,
	getProgramme,
	getPublicCalendar,
	listAttendees,
	listEvents,
	messageAttendees,
	proposePitch,
	ratePitch,
	registerForEvent,
	rotateCalendarToken,
	sendEventReminders,
	updateEvent
} from './index';

const ORIGIN = { origin: 'https://netz.example' };
const t = useTestDatabase();
type Person = PersonActor & { email: string };

let world: World;
let coordinatorActor: PersonActor;
let kehlMember: Person;
let lahrMember: Person;

const ctx = (actor: Ctx['actor'], seconds = 0): Ctx => ({
	db: t.db,
	actor,
	now: () => at(seconds)
});

/** A conference next spring; local times in Europe/Berlin. */
function eventInput(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Ortenau Digital 2027',
		kind: 'conference',
		description: 'Die **Jahreskonferenz** des Netzwerks.',
		startDate: '2027-03-26',
		startTime: '09:00',
		endDate: '2027-03-26',
		endTime: '17:00',
		location: 'Salmen, Offenburg',
		onlineUrl: '',
		organiserMunicipalityId: String(world.kehl),
		audience: 'public',
		capacity: '3',
		isCallForPitchesOpen: 'on',
		...overrides
	};
}

async function people(count: number): Promise<Person[]> {
	const list: Person[] = [];
	for (let i = 0; i < count; i++) {
		list.push(await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]));
	}
	return list;
}

async function mailsTo(db: Db, email: string): Promise<string[]> {
	const rows = await db
		.selectFrom('mail_outbox')
		.select('subject')
		.where('to_address', '=', email)
		.orderBy('id')
		.execute();
	return rows.map((row) => row.subject);
}

async function addProject(db: Db, municipalityId: number, title: string): Promise<number> {
	const row = await db
		.insertInto('project')
		.values({
			title,
			title_sort: germanSortKey(title),
			summary: `${title} in kurz.`,
			municipality_id: municipalityId,
			status: 'betrieb',
			visibility: 'public',
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

beforeAll(async () => {
	world = await buildWorld(t.db);
	coordinatorActor = await coordinator(t.db);
	kehlMember = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
	lahrMember = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
});

describe('creating events', () => {
	it('lets only the coordination create, stores UTC instants and publishes the event', async () => {
		expect((await errorOf(createEvent(ctx(kehlMember), eventInput()))).code).toBe('FORBIDDEN');
		const id = await createEvent(ctx(coordinatorActor), eventInput());
		const row = await t.db
			.selectFrom('event')
			.select(['starts_at', 'ends_at', 'time_zone'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(new Date(row.starts_at).toISOString()).toBe('2027-03-26T08:00:00.000Z');
		expect(row.time_zone).toBe('Europe/Berlin');
		const published = await t.db
			.selectFrom('notification_event')
			.innerJoin(
				'notification_event_subject',
				'notification_event_subject.event_id',
				'notification_event.id'
			)
			.select([
				'notification_event.kind',
				'notification_event_subject.subject_type',
				'notification_event_subject.subject_id'
			])
			.where('notification_event.url', '=', `/termine/${id}`)
			.execute();
		expect(published.map((p) => `${p.kind}:${p.subject_type}:${p.subject_id}`).sort()).toEqual([
			`event_published:event:${id}`,
			'event_published:municipality:08317057'
		]);
	});

	it('refuses bad input with a problem per field and writes nothing', async () => {
		const before = await t.db
			.selectFrom('event')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		const error = await errorOf(
			createEvent(
				ctx(coordinatorActor),
				eventInput({
					title: ' ',
					endTime: '08:00',
					capacity: '0',
					onlineUrl: 'javascript:alert(1)'
				})
			)
		);
		expect(error.code).toBe('INVALID');
		expect(error.fields).toMatchObject({
			title: 'title_required',
			capacity: 'capacity_invalid',
			onlineUrl: 'url_invalid'
		});
		const skipped = await errorOf(
			createEvent(
				ctx(coordinatorActor),
				eventInput({ startDate: '2027-03-28', startTime: '02:30' })
			)
		);
		expect(skipped.fields).toEqual({ startTime: 'time_invalid' });
		const after = await t.db
			.selectFrom('event')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('hides members-only events from visitors', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({
				title: 'Netzwerktreffen Frühjahr',
				kind: 'network_meeting',
				audience: 'members'
			})
		);
		expect((await errorOf(getEvent(ctx({ kind: 'anonymous' }), id))).code).toBe('NOT_FOUND');
		expect((await getEvent(ctx(lahrMember), id)).title).toBe('Netzwerktreffen Frühjahr');
		const visitorList = await listEvents(ctx({ kind: 'anonymous' }));
		expect(visitorList.upcoming.map((e) => e.id)).not.toContain(id);
		expect((await listEvents(ctx(lahrMember))).upcoming.map((e) => e.id)).toContain(id);
		expect((await errorOf(registerForEvent(ctx({ kind: 'anonymous' }), id, ORIGIN))).code).toBe(
			'UNAUTHENTICATED'
		);
	});
});

describe('registration and waiting list', () => {
	it('fills the places, queues the next, and moves the first waiting up on a cancellation', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({ title: 'Workshop KI', kind: 'workshop', capacity: '2' })
		);
		const [a, b, c, d] = await people(4);
		if (!a || !b || !c || !d) throw new Error('people missing');
		expect(await registerForEvent(ctx(a), id, ORIGIN)).toBe('confirmed');
		expect(await registerForEvent(ctx(b, 1), id, ORIGIN)).toBe('confirmed');
		expect(await registerForEvent(ctx(c, 2), id, ORIGIN)).toBe('waiting');
		expect(await registerForEvent(ctx(d, 3), id, ORIGIN)).toBe('waiting');
		// Registering twice changes nothing.
		expect(await registerForEvent(ctx(c, 4), id, ORIGIN)).toBe('waiting');
		const view = await getEvent(ctx(d), id);
		expect(view).toMatchObject({
			confirmedCount: 2,
			waitingCount: 2,
			freePlaces: 0,
			ownStatus: 'waiting',
			waitingPosition: 2
		});

		await cancelRegistration(ctx(a, 10), id, ORIGIN);
		expect((await getEvent(ctx(c), id)).ownStatus).toBe('confirmed');
		expect((await getEvent(ctx(d), id)).waitingPosition).toBe(1);
		expect(await mailsTo(t.db, a.email)).toEqual([
			'Anmeldung bestätigt: Workshop KI',
			'Abmeldung bestätigt: Workshop KI'
		]);
		expect(await mailsTo(t.db, c.email)).toEqual([
			'Warteliste: Workshop KI',
			'Platz frei geworden: Workshop KI'
		]);
		// Cancelling a waiting place promotes nobody; a cancelled person may come back (at the end).
		await cancelRegistration(ctx(d, 11), id, ORIGIN);
		expect(await registerForEvent(ctx(a, 12), id, ORIGIN)).toBe('waiting');
		expect((await errorOf(cancelRegistration(ctx(d, 13), id, ORIGIN))).code).toBe('NOT_FOUND');

		// A larger capacity moves the waiting list up at once.
		await updateEvent(
			ctx(coordinatorActor, 20),
			id,
			eventInput({ title: 'Workshop KI', kind: 'workshop', capacity: '5' }),
			ORIGIN
		);
		expect((await getEvent(ctx(a), id)).ownStatus).toBe('confirmed');

		const attendees = await listAttendees(ctx(coordinatorActor), id);
		expect(attendees.confirmed.map((row) => row.personId)).toEqual([
			b.personId,
			c.personId,
			a.personId
		]);
		expect((await errorOf(listAttendees(ctx(lahrMember), id))).code).toBe('NOT_FOUND');
	});

	it('refuses registrations once the event is over', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({ startDate: '2026-11-20', endDate: '2026-11-20' })
		);
		const error = await errorOf(registerForEvent(ctx(lahrMember), id, ORIGIN));
		expect(error.code).toBe('CONFLICT');
	});

	it('never overbooks: 50 simultaneous registrations for the last 10 places', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({ title: 'Ortenau Digital (voll)', capacity: '12' })
		);
		const early = await people(2);
		for (const person of early) await registerForEvent(ctx(person), id, ORIGIN);
		const crowd = await people(50);
		// On PostgreSQL half of them come through a second pool, as from a second instance.
		const second =
			t.database.dialect === 'postgres' ? await openSecondConnection(t.database) : null;
		try {
			const results = await Promise.all(
				crowd.map((person, index) =>
					registerForEvent(
						{ db: second && index % 2 === 1 ? second.db : t.db, actor: person, now: () => at(30) },
						id,
						ORIGIN
					)
				)
			);
			expect(results.filter((status) => status === 'confirmed')).toHaveLength(10);
			expect(results.filter((status) => status === 'waiting')).toHaveLength(40);
		} finally {
			await second?.close();
		}
		const counts = await t.db
			.selectFrom('event_registration')
			.select(['status', (eb) => eb.fn.countAll().as('n')])
			.where('event_id', '=', id)
			.groupBy('status')
			.execute();
		expect(Object.fromEntries(counts.map((row) => [row.status, Number(row.n)]))).toEqual({
			confirmed: 12,
			waiting: 40
		});
	});

	it('exports the attendee list and mails a message to those with a place', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({
				title: 'Online-Sprechstunde',
				kind: 'online_session',
				location: '',
				onlineUrl: 'https://video.example/r',
				capacity: '1'
			})
		);
		const [first, second] = await people(2);
		if (!first || !second) throw new Error('people missing');
		await registerForEvent(ctx(first), id, ORIGIN);
		await registerForEvent(ctx(second, 1), id, ORIGIN);
		const csv = new TextDecoder().decode(
			(await exportAttendees(ctx(coordinatorActor), id, 'csv')).bytes
		);
		expect(csv).toContain('name,kommune,e_mail,status,angemeldet_am');
		expect(csv).toContain(
			`${first.displayName},Lahr/Schwarzwald,${first.email},angemeldet,2026-11-25`
		);
		expect(csv).toContain(`${second.email},Warteliste`);
		const xlsx = await exportAttendees(ctx(coordinatorActor), id, 'xlsx');
		expect(xlsx.filename).toBe(`teilnehmende-termin-${id}.xlsx`);
		expect((await errorOf(exportAttendees(ctx(first), id, 'csv'))).code).toBe('NOT_FOUND');

		const sent = await messageAttendees(
			ctx(coordinatorActor),
			id,
			{ subject: 'Raumwechsel', message: 'Wir treffen uns im Raum 2.' },
			ORIGIN
		);
		expect(sent).toBe(1);
		expect(await mailsTo(t.db, first.email)).toContain('Online-Sprechstunde: Raumwechsel');
		expect(await mailsTo(t.db, second.email)).not.toContain('Online-Sprechstunde: Raumwechsel');
		expect(
			(
				await errorOf(
					messageAttendees(ctx(coordinatorActor), id, { subject: '', message: 'x' }, ORIGIN)
				)
			).code
		).toBe('INVALID');
	});

	it('queues each reminder once, a day before the start, with a controllable clock', async () => {
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({
				title: 'Netzwerktreffen Dezember',
				startDate: '2026-11-27',
				endDate: '2026-11-27',
				capacity: ''
			})
		);
		const [attendee] = await people(1);
		if (!attendee) throw new Error('person missing');
		await registerForEvent(ctx(attendee), id, ORIGIN);
		// 26 Nov 2026, 08:00 UTC: the start (27 Nov 08:00 UTC) is 24 hours away.
		const clock = (iso: string): Ctx => ({
			db: t.db,
			actor: { kind: 'system', reason: 'test' },
			now: () => new Date(iso)
		});
		expect(await sendEventReminders(clock('2026-11-26T07:59:00.000Z'), ORIGIN)).toBe(0);
		expect(await sendEventReminders(clock('2026-11-26T08:00:00.000Z'), ORIGIN)).toBe(1);
		// Once queued, the registration is marked and later passes no longer take it up.
		const marked = await t.db
			.selectFrom('event_registration')
			.select('reminded_at')
			.where('event_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(marked.reminded_at).not.toBeNull();
		expect(await sendEventReminders(clock('2026-11-26T09:00:00.000Z'), ORIGIN)).toBe(0);
		expect((await mailsTo(t.db, attendee.email)).filter((s) => s.startsWith('Erinnerung'))).toEqual(
			['Erinnerung: Netzwerktreffen Dezember']
		);
	});
});

describe('programme and pitches', () => {
	let eventId: number;
	let projectId: number;

	beforeAll(async () => {
		eventId = await createEvent(
			ctx(coordinatorActor),
			eventInput({ title: 'Ortenau Digital 2027 (Programm)', capacity: '' })
		);
		projectId = await addProject(t.db, world.kehl, 'Digitaler Bauantrag');
	});

	it('orders sessions by time and shows local times', async () => {
		await addSession(ctx(coordinatorActor), eventId, {
			title: 'Abschluss',
			startDate: '2027-03-26',
			startTime: '16:00',
			endDate: '2027-03-26',
			endTime: '17:00',
			room: 'Saal'
		});
		await addSession(ctx(coordinatorActor), eventId, {
			title: 'Begrüßung',
			startDate: '2027-03-26',
			startTime: '09:00',
			endDate: '2027-03-26',
			endTime: '09:30',
			room: 'Saal',
			speakers: 'Landrat'
		});
		expect(
			(
				await errorOf(
					addSession(ctx(kehlMember), eventId, {
						title: 'x',
						startDate: '2027-03-26',
						startTime: '10:00',
						endDate: '2027-03-26',
						endTime: '11:00'
					})
				)
			).code
		).toBe('FORBIDDEN');
		const programme = await getProgramme(ctx({ kind: 'anonymous' }), eventId);
		expect(programme.items.map((item) => `${item.from} ${item.title}`)).toEqual([
			'09:00 Begrüßung',
			'16:00 Abschluss'
		]);
	});

	it('lets a member propose their project, the coordination accept it, and followers learn of it', async () => {
		expect((await errorOf(proposePitch(ctx(lahrMember), eventId, { projectId }))).fields).toEqual({
			projectId: 'not_own_project'
		});
		expect(
			(await getProgramme(ctx(kehlMember), eventId)).proposableProjects.map((p) => p.id)
		).toContain(projectId);
		const pitchId = await proposePitch(ctx(kehlMember), eventId, {
			projectId,
			description: 'Zehn Minuten zum Bauantrag.'
		});
		expect((await errorOf(proposePitch(ctx(kehlMember), eventId, { projectId }))).code).toBe(
			'CONFLICT'
		);
		expect((await getProgramme(ctx(coordinatorActor), eventId)).proposals.map((p) => p.id)).toEqual(
			[pitchId]
		);
		expect((await getProgramme(ctx(lahrMember), eventId)).proposals).toEqual([]);
		expect((await errorOf(ratePitch(ctx(lahrMember), pitchId, { stars: 4 }))).code).toBe(
			'NOT_FOUND'
		);

		await acceptPitch(ctx(coordinatorActor, 5), pitchId, {
			startDate: '2027-03-26',
			startTime: '10:00',
			endDate: '2027-03-26',
			endTime: '10:15',
			room: 'Saal'
		});
		expect((await errorOf(declinePitch(ctx(coordinatorActor), pitchId))).code).toBe('CONFLICT');
		const programme = await getProgramme(ctx(lahrMember), eventId);
		expect(programme.items.map((item) => `${item.from} ${item.kind} ${item.title}`)).toEqual([
			'09:00 session Begrüßung',
			'10:00 pitch Digitaler Bauantrag',
			'16:00 session Abschluss'
		]);
		const subjects = await t.db
			.selectFrom('notification_event')
			.innerJoin(
				'notification_event_subject',
				'notification_event_subject.event_id',
				'notification_event.id'
			)
			.select([
				'notification_event_subject.subject_type as type',
				'notification_event_subject.subject_id as id'
			])
			.where('notification_event.kind', '=', 'event_pitch_accepted')
			.execute();
		expect(subjects.map((s) => `${s.type}:${s.id}`).sort()).toEqual([
			`event:${eventId}`,
			`project:${projectId}`
		]);

		// Ratings: one per person, changeable; the presenter does not rate their own pitch.
		const [rater] = await people(1);
		if (!rater) throw new Error('person missing');
		await ratePitch(ctx(lahrMember), pitchId, { stars: 2 });
		await ratePitch(ctx(lahrMember), pitchId, { stars: 5 });
		await ratePitch(ctx(rater), pitchId, { stars: 4 });
		expect((await errorOf(ratePitch(ctx(kehlMember), pitchId, { stars: 3 }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(ratePitch(ctx(rater), pitchId, { stars: 6 }))).code).toBe('INVALID');
		expect(
			(await getProgramme(ctx(lahrMember), eventId)).items.find((i) => i.id === pitchId)?.ownRating
		).toBe(5);

		// "Das wollen wir auch" from the pitch is a reuse request; the summary counts it.
		await requestReuse(
			ctx(lahrMember, 10),
			{ projectId },
			{ requestingMunicipalityId: world.lahr, message: 'Beim Pitch gesehen.' },
			ORIGIN
		);
		const summary = await getPitchSummary(ctx(coordinatorActor), eventId);
		expect(summary.pitches).toEqual([
			expect.objectContaining({ id: pitchId, ratings: 2, averageStars: 4.5, reuseRequests: 1 })
		]);
		expect((await errorOf(getPitchSummary(ctx(lahrMember), eventId))).code).toBe('NOT_FOUND');
	});
});

describe('calendar feeds', () => {
	it('gives the link of an online event only to those with a place: page, calendars and mails', async () => {
		const link = 'https://video.example/sprechstunde';
		const id = await createEvent(
			ctx(coordinatorActor),
			eventInput({
				title: 'Offene Online-Sprechstunde',
				kind: 'online_session',
				location: '',
				onlineUrl: link,
				capacity: '1'
			})
		);
		const [holder, waiting] = await people(2);
		if (!holder || !waiting) throw new Error('people missing');
		await registerForEvent(ctx(holder), id, ORIGIN);
		await registerForEvent(ctx(waiting, 1), id, ORIGIN);

		const anonymous = ctx({ kind: 'anonymous' });
		for (const [actor, sees] of [
			[anonymous, false],
			[ctx(waiting), false],
			[ctx(holder), true],
			[ctx(coordinatorActor), true]
		] as const) {
			const view = await getEvent(actor, id);
			expect(view.isOnline).toBe(true);
			expect(view.onlineUrl).toBe(sees ? link : null);
			expect((await getEventCalendar(actor, id, ORIGIN)).body.includes(link)).toBe(sees);
		}
		const feed = (await getPublicCalendar(anonymous, ORIGIN)).body;
		expect(feed).toContain(`UID:event-${id}@netz.example`);
		expect(feed).toContain('LOCATION:Online');
		expect(feed).not.toContain(link);
		const holderFeed = await rotateCalendarToken(ctx(holder));
		const waitingFeed = await rotateCalendarToken(ctx(waiting));
		expect((await getPersonalCalendar(anonymous, holderFeed, ORIGIN)).body).toContain(link);
		const waitingBody = (await getPersonalCalendar(anonymous, waitingFeed, ORIGIN)).body;
		expect(waitingBody).toContain(`UID:event-${id}@netz.example`);
		expect(waitingBody).not.toContain(link);

		const bodies = async (email: string) =>
			(
				await t.db
					.selectFrom('mail_outbox')
					.select(['subject', 'text_body'])
					.where('to_address', '=', email)
					.orderBy('id')
					.execute()
			).map((row) => `${row.subject}\n${row.text_body}`);
		const [confirmed] = await bodies(holder.email);
		const [queued] = await bodies(waiting.email);
		expect(confirmed).toContain(`Online: ${link}`);
		expect(queued).toContain('Warteliste');
		expect(queued).not.toContain(link);
		expect(queued).toContain('Den Link erhalten Sie mit Ihrem Platz.');

		// The holder cancels: the one waiting moves up and now gets the link.
		await cancelRegistration(ctx(holder, 2), id, ORIGIN);
		expect((await getEvent(ctx(waiting), id)).onlineUrl).toBe(link);
		expect((await bodies(waiting.email)).at(-1)).toContain(`Online: ${link}`);
	});

	it('lists public events only in the public feed, and a person’s own events behind a rotating token', async () => {
		const publicId = await createEvent(
			ctx(coordinatorActor),
			eventInput({ title: 'Öffentlicher Termin', capacity: '' })
		);
		const membersId = await createEvent(
			ctx(coordinatorActor),
			eventInput({ title: 'Internes Treffen', audience: 'members', capacity: '' })
		);
		const feed = await getPublicCalendar(ctx({ kind: 'anonymous' }), ORIGIN);
		expect(feed.body).toContain(`UID:event-${publicId}@netz.example`);
		expect(feed.body).not.toContain(`UID:event-${membersId}@netz.example`);

		const [person] = await people(1);
		if (!person) throw new Error('person missing');
		await registerForEvent(ctx(person), membersId, ORIGIN);
		const token = await rotateCalendarToken(ctx(person));
		const own = await getPersonalCalendar(ctx({ kind: 'anonymous' }), token, ORIGIN);
		expect(own.body).toContain(`UID:event-${membersId}@netz.example`);
		expect(own.body).not.toContain(`UID:event-${publicId}@netz.example`);
		const stored = await t.db
			.selectFrom('calendar_feed_token')
			.select('token_hash')
			.where('person_id', '=', person.personId)
			.executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(token);

		const rotated = await rotateCalendarToken(ctx(person));
		expect(
			(await errorOf(getPersonalCalendar(ctx({ kind: 'anonymous' }), token, ORIGIN))).code
		).toBe('NOT_FOUND');
		expect((await getPersonalCalendar(ctx({ kind: 'anonymous' }), rotated, ORIGIN)).body).toContain(
			'Internes Treffen'
		);
		expect(
			(await errorOf(getPersonalCalendar(ctx({ kind: 'anonymous' }), 'kurz', ORIGIN))).code
		).toBe('NOT_FOUND');
	});
});
