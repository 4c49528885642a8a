/**
 * Notifications against a real database (SQLite and PostgreSQL): the fan-out with its audience
 * and visibility rules, per-event mails, daily and weekly digests with a controllable clock,
 * never the same item twice, the centre, follows, one-click unsubscribe and the catalogue's
 * events.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import type { Ctx, PersonActor } from '../context';
import { systemContext } from '../context';
import {
	at,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import { createProject, updateProject } from '../projects';
import { createProduct, updateProduct, type ProductInput } from '../solutions';
import {
	changeFollow,
	countUnread,
	fanOutEvents,
	followSubject,
	listFollows,
	listNotifications,
	markAllRead,
	markRead,
	publishEvent,
	purgeReadNotifications,
	sendDueDigests,
	setMailMode,
	unsubscribeByToken,
	unsubscribeToken,
	type NotificationEventInput
} from './index';

const t = useTestDatabase();
let world: World;
const ORIGIN = 'https://netz.example';
const options = { origin: ORIGIN, networkName: 'Digitalnetz Test' };

beforeAll(async () => {
	world = await buildWorld(t.db);
});

const clock = (iso: string): Ctx => systemContext(t.db, 'test', () => new Date(iso));

function event(overrides: Partial<NotificationEventInput> = {}): NotificationEventInput {
	return {
		kind: 'test',
		actorPersonId: null,
		audience: 'public',
		title: 'Neues im Projekt »E-Akte«',
		url: '/projekte/1',
		subjects: [{ type: 'topic_field', id: 'bildung' }],
		occurredAt: at(),
		...overrides
	};
}

/** Fans out every waiting event at `iso`. */
async function fanOut(iso = at().toISOString()) {
	const total = { events: 0, notifications: 0, mails: 0 };
	for (;;) {
		const result = await fanOutEvents(clock(iso), { ...options, batchSize: 10 });
		total.events += result.events;
		total.notifications += result.notifications;
		total.mails += result.mails;
		if (result.events === 0) return total;
	}
}

async function notificationsOf(personId: number) {
	return t.db
		.selectFrom('notification')
		.innerJoin('notification_event', 'notification_event.id', 'notification.event_id')
		.select(['notification.id', 'notification_event.title', 'notification.mailed_at'])
		.where('notification.person_id', '=', personId)
		.orderBy('notification.id')
		.execute();
}

async function mailsTo(email: string) {
	return t.db
		.selectFrom('mail_outbox')
		.select(['subject', 'text_body', 'html_body', 'headers_json', 'dedupe_key'])
		.where('to_address', '=', email)
		.orderBy('id')
		.execute();
}

const headersOf = (row: { headers_json: unknown }) =>
	(typeof row.headers_json === 'string'
		? JSON.parse(row.headers_json)
		: row.headers_json) as Record<string, string>;

/** A person outside every member municipality (e.g. a guest of Gengenbach). */
const outsider = () => personIn(t.db, [{ municipalityId: world.gengenbach, role: 'member' }]);
const member = () => personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);

describe('fan-out', () => {
	it('notifies followers and named recipients once each, never the actor, and marks the event', async () => {
		const actor = await member();
		const follower = await member();
		const named = await member();
		const bystander = await member();
		await followSubject(t.db, actor.personId, { type: 'topic_field', id: 'umwelt' });
		await followSubject(t.db, follower.personId, { type: 'topic_field', id: 'umwelt' });
		await followSubject(t.db, follower.personId, { type: 'municipality', id: '08317057' });
		const id = await publishEvent(
			t.db,
			event({
				actorPersonId: actor.personId,
				title: 'Neues Projekt in Kehl: »Baumkataster«',
				subjects: [
					{ type: 'topic_field', id: 'umwelt' },
					{ type: 'municipality', id: '08317057' }
				],
				recipients: [{ personId: named.personId, reason: 'mention' }]
			})
		);
		await fanOut();
		expect(await notificationsOf(follower.personId)).toHaveLength(1);
		expect(await notificationsOf(named.personId)).toHaveLength(1);
		expect(await notificationsOf(actor.personId)).toHaveLength(0);
		expect(await notificationsOf(bystander.personId)).toHaveLength(0);
		const row = await t.db
			.selectFrom('notification_event')
			.select('fanned_out_at')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.fanned_out_at).not.toBeNull();
		// A second run finds nothing; resetting the mark (a crash after commit cannot do this,
		// but a repeated run must still be harmless) adds nothing either.
		expect((await fanOut()).events).toBe(0);
		await t.db
			.updateTable('notification_event')
			.set({ fanned_out_at: null })
			.where('id', '=', id)
			.execute();
		expect((await fanOut()).notifications).toBe(0);
		expect(await notificationsOf(follower.personId)).toHaveLength(1);
		expect(await mailsTo(follower.email)).toHaveLength(1);
	});

	it('applies the audience: signed-in people, or only the named people', async () => {
		const guest = await outsider();
		const kehler = await member();
		const boss = await coordinator(t.db);
		for (const p of [guest, kehler, boss]) {
			await followSubject(t.db, p.personId, { type: 'topic_field', id: 'gesundheit' });
		}
		const named = await member();
		await publishEvent(
			t.db,
			event({
				audience: 'members',
				title: 'Nur für Mitglieder',
				subjects: [{ type: 'topic_field', id: 'gesundheit' }]
			})
		);
		await publishEvent(
			t.db,
			event({
				audience: 'recipients',
				title: 'Nur für Genannte',
				subjects: [{ type: 'topic_field', id: 'gesundheit' }],
				recipients: [{ personId: named.personId, reason: 'answer' }]
			})
		);
		await fanOut();
		// Members-only content shows to every signed-in person on the pages, so its events do too;
		// what was meant for named people only reaches nobody else.
		expect((await notificationsOf(guest.personId)).map((n) => n.title)).toEqual([
			'Nur für Mitglieder'
		]);
		expect((await notificationsOf(kehler.personId)).map((n) => n.title)).toEqual([
			'Nur für Mitglieder'
		]);
		expect((await notificationsOf(boss.personId)).map((n) => n.title)).toEqual([
			'Nur für Mitglieder'
		]);
		expect((await notificationsOf(named.personId)).map((n) => n.title)).toEqual([
			'Nur für Genannte'
		]);
	});

	it('checks at fan-out time that the project may still be seen', async () => {
		const author = await member();
		const { id } = await createProject(ctxOf(t.db, author), {
			title: 'Digitale Bauakte',
			municipalityId: world.kehl,
			status: 'planung',
			visibility: 'public'
		});
		await fanOut();
		const guest = await outsider();
		const colleague = await member();
		const lahrer = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		for (const p of [guest, colleague, lahrer]) {
			await followSubject(t.db, p.personId, { type: 'project', id });
		}
		await publishEvent(
			t.db,
			event({
				title: 'Neuigkeit zur Bauakte',
				url: `/projekte/${id}`,
				subjects: [{ type: 'project', id }]
			})
		);
		// Before the fan-out, the project became a draft: only its own municipality may see it.
		await t.db.updateTable('project').set({ visibility: 'draft' }).where('id', '=', id).execute();
		await fanOut();
		expect(await notificationsOf(guest.personId)).toHaveLength(0);
		expect(await notificationsOf(lahrer.personId)).toHaveLength(0);
		expect(await notificationsOf(colleague.personId)).toHaveLength(1);
	});

	it('mails per event in German with a link and one-click unsubscribe, unless mail is off', async () => {
		const eager = await member();
		const quiet = await member();
		await setMailMode(ctxOf(t.db, quiet), 'none');
		for (const p of [eager, quiet]) {
			await followSubject(t.db, p.personId, { type: 'topic_field', id: 'bauen-wohnen' });
		}
		await publishEvent(
			t.db,
			event({
				title: 'Neues Projekt in Kehl: »Bauantrag online«',
				url: '/projekte/77',
				subjects: [{ type: 'topic_field', id: 'bauen-wohnen' }]
			})
		);
		await fanOut();
		const [mail, ...more] = await mailsTo(eager.email);
		expect(more).toEqual([]);
		expect(mail?.subject).toBe('Neues Projekt in Kehl: »Bauantrag online«');
		expect(mail?.text_body).toContain('Guten Tag,');
		expect(mail?.text_body).toContain(`${ORIGIN}/projekte/77`);
		expect(mail?.html_body).toContain(`href="${ORIGIN}/projekte/77"`);
		const [notification] = await notificationsOf(eager.personId);
		expect(mail?.dedupe_key).toBe(`notification:${notification?.id}`);
		const headers = headersOf(mail!);
		expect(headers['List-Unsubscribe']).toBe(
			`<${ORIGIN}/benachrichtigungen/abbestellen?token=${unsubscribeToken(eager.personId)}>`
		);
		expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(await mailsTo(quiet.email)).toEqual([]);
		expect(await notificationsOf(quiet.personId)).toHaveLength(1);
	});
});

describe('digests', () => {
	/** 2026-12-01 is a Tuesday; 07:00 in Berlin (CET) is 06:00 UTC. */
	async function digestReader(mode: 'daily' | 'weekly') {
		const reader = await member();
		await setMailMode(ctxOf(t.db, reader), mode);
		const topic = `digest-${reader.personId}`;
		await followSubject(t.db, reader.personId, { type: 'topic_field', id: topic });
		return { reader, topic };
	}

	async function happen(topic: string, title: string, iso: string) {
		await publishEvent(t.db, event({ title, subjects: [{ type: 'topic_field', id: topic }] }));
		await fanOut(iso);
	}

	it('sends one daily digest at 07:00 Berlin time with every item not mailed yet, each once', async () => {
		const { reader, topic } = await digestReader('daily');
		await happen(topic, 'Erstens', '2026-12-01T09:00:00.000Z');
		await happen(topic, 'Zweitens', '2026-12-01T17:30:00.000Z');
		expect(await mailsTo(reader.email)).toEqual([]);

		// 06:59 Berlin on the next day: not yet.
		await sendDueDigests(clock('2026-12-02T05:59:00.000Z'), options);
		expect(await mailsTo(reader.email)).toEqual([]);
		await sendDueDigests(clock('2026-12-02T06:00:30.000Z'), options);
		// Several runs (or instances) in the same period queue it once.
		await sendDueDigests(clock('2026-12-02T06:05:00.000Z'), options);
		await happen(topic, 'Drittens', '2026-12-02T08:00:00.000Z');
		await sendDueDigests(clock('2026-12-02T20:00:00.000Z'), options);
		const mails = await mailsTo(reader.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]?.subject).toBe('Tagesübersicht: 2 neue Benachrichtigungen – Digitalnetz Test');
		expect(mails[0]?.text_body).toContain('Erstens');
		expect(mails[0]?.text_body).toContain('Zweitens');
		expect(mails[0]?.text_body).not.toContain('Drittens');
		expect(mails[0]?.dedupe_key).toBe(`digest:${reader.personId}:daily:2026-12-02`);
		expect(headersOf(mails[0]!)['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

		await sendDueDigests(clock('2026-12-03T06:01:00.000Z'), options);
		const next = await mailsTo(reader.email);
		expect(next).toHaveLength(2);
		expect(next[1]?.subject).toBe('Tagesübersicht: 1 neue Benachrichtigung – Digitalnetz Test');
		expect(next[1]?.text_body).toContain('Drittens');
		expect(next[1]?.text_body).not.toContain('Erstens');
	});

	it('sends the weekly digest on Monday at 07:00 Berlin time', async () => {
		const { reader, topic } = await digestReader('weekly');
		await happen(topic, 'Wochenthema', '2026-12-02T10:00:00.000Z');
		await sendDueDigests(clock('2026-12-03T06:30:00.000Z'), options);
		await sendDueDigests(clock('2026-12-07T05:59:00.000Z'), options);
		expect(await mailsTo(reader.email)).toEqual([]);
		await sendDueDigests(clock('2026-12-07T06:00:00.000Z'), options);
		const mails = await mailsTo(reader.email);
		expect(mails.map((m) => m.dedupe_key)).toEqual([`digest:${reader.personId}:weekly:2026-12-07`]);
		expect(mails[0]?.subject).toContain('Wochenübersicht');
	});

	it('never mails an item twice when the person switches between per-event mail and digests', async () => {
		const { reader, topic } = await digestReader('daily');
		await setMailMode(ctxOf(t.db, reader), 'event');
		await happen(topic, 'Sofort gemailt', '2026-12-01T09:00:00.000Z');
		await setMailMode(ctxOf(t.db, reader), 'daily');
		await happen(topic, 'Für die Übersicht', '2026-12-01T10:00:00.000Z');
		await sendDueDigests(clock('2026-12-02T06:10:00.000Z'), options);
		await setMailMode(ctxOf(t.db, reader), 'weekly');
		await sendDueDigests(clock('2026-12-07T06:10:00.000Z'), options);
		const mails = await mailsTo(reader.email);
		expect(mails).toHaveLength(2);
		const all = mails.map((m) => m.text_body).join('\n');
		expect(all.match(/Sofort gemailt/g)).toHaveLength(1);
		expect(all.match(/Für die Übersicht/g)).toHaveLength(1);
		expect((await notificationsOf(reader.personId)).every((n) => n.mailed_at !== null)).toBe(true);
	});
});

describe('centre', () => {
	it('lists newest first with unread count, marks one and all read, only for their owner', async () => {
		const reader = await member();
		const other = await member();
		await setMailMode(ctxOf(t.db, reader), 'none');
		await followSubject(t.db, reader.personId, { type: 'topic_field', id: 'centre' });
		for (const title of ['Alt', 'Mittel', 'Neu']) {
			await publishEvent(t.db, event({ title, subjects: [{ type: 'topic_field', id: 'centre' }] }));
		}
		await fanOut();
		const ctx = ctxOf(t.db, reader);
		const page = await listNotifications(ctx, 1);
		expect(page.items.map((i) => i.title)).toEqual(['Neu', 'Mittel', 'Alt']);
		expect(page.unread).toBe(3);
		expect(await countUnread(ctx)).toBe(3);
		const newest = page.items[0]!;
		expect((await errorOf(markRead(ctxOf(t.db, other), newest.id))).code).toBe('NOT_FOUND');
		expect(await markRead(ctx, newest.id)).toBe('/projekte/1');
		expect(await countUnread(ctx)).toBe(2);
		expect(await markAllRead(ctx)).toBe(2);
		expect(await countUnread(ctx)).toBe(0);
		expect((await listNotifications(ctx, 1)).items.every((i) => i.isRead)).toBe(true);

		// Read notifications are deleted after 180 days; unread ones stay.
		expect(await purgeReadNotifications(systemContext(t.db, 'm', () => at(179 * 86_400)))).toBe(0);
		expect(
			await purgeReadNotifications(systemContext(t.db, 'm', () => at(181 * 86_400)))
		).toBeGreaterThanOrEqual(3);
		expect(await listNotifications(ctx, 1)).toMatchObject({ total: 0 });
	});
});

describe('follows', () => {
	let author: PersonActor;
	let draftId: number;
	beforeAll(async () => {
		author = await member();
		({ id: draftId } = await createProject(ctxOf(t.db, author), {
			title: 'Entwurf Kehl',
			municipalityId: world.kehl,
			status: 'idee',
			visibility: 'draft'
		}));
	});

	it('follows and unfollows what the person may see, and lists it', async () => {
		const reader = await member();
		const ctx = ctxOf(t.db, reader);
		await changeFollow(ctx, { bezug: 'municipality:08317065', aktion: 'folgen' });
		await changeFollow(ctx, { bezug: `project:${draftId}`, aktion: 'folgen' });
		await changeFollow(ctx, { bezug: 'topic_field:umwelt', aktion: 'folgen' });
		expect((await listFollows(ctx)).map((f) => f.title).sort()).toEqual([
			'Entwurf Kehl',
			'Lahr/Schwarzwald',
			'Umwelt'
		]);
		await changeFollow(ctx, { bezug: 'topic_field:umwelt', aktion: 'entfolgen' });
		expect((await listFollows(ctx)).map((f) => f.path)).not.toContain(
			'/projekte?themenfeld=umwelt'
		);
	});

	it('refuses subjects that do not exist or are hidden, bad input and visitors', async () => {
		const lahrer = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		const ctx = ctxOf(t.db, lahrer);
		expect(
			(await errorOf(changeFollow(ctx, { bezug: `project:${draftId}`, aktion: 'folgen' }))).code
		).toBe('NOT_FOUND');
		expect(
			(await errorOf(changeFollow(ctx, { bezug: 'municipality:99999999', aktion: 'folgen' }))).code
		).toBe('NOT_FOUND');
		expect((await errorOf(changeFollow(ctx, { bezug: 'person:1', aktion: 'folgen' }))).code).toBe(
			'INVALID'
		);
		expect(
			(await errorOf(changeFollow(ctx, { bezug: 'topic_field:umwelt', aktion: 'loeschen' }))).code
		).toBe('INVALID');
		expect(
			(
				await errorOf(
					changeFollow(ctxOf(t.db, { kind: 'anonymous' }), {
						bezug: 'topic_field:umwelt',
						aktion: 'folgen'
					})
				)
			).code
		).toBe('UNAUTHENTICATED');
		const rows = await t.db
			.selectFrom('follow')
			.select('person_id')
			.where('person_id', '=', lahrer.personId)
			.execute();
		expect(rows).toEqual([]);
	});
});

describe('unsubscribe', () => {
	it('switches mail off by the token alone; a forged token changes nothing', async () => {
		const reader = await member();
		const ctx = systemContext(t.db, 'web', () => at());
		expect(await unsubscribeByToken(ctx, `${reader.personId}.${'0'.repeat(43)}`)).toBe(false);
		expect(await unsubscribeByToken(ctx, 'kaputt')).toBe(false);
		expect(
			await t.db
				.selectFrom('notification_preference')
				.select('mail_mode')
				.where('person_id', '=', reader.personId)
				.executeTakeFirst()
		).toBeUndefined();
		expect(await unsubscribeByToken(ctx, unsubscribeToken(reader.personId))).toBe(true);
		expect(
			await t.db
				.selectFrom('notification_preference')
				.select('mail_mode')
				.where('person_id', '=', reader.personId)
				.executeTakeFirst()
		).toEqual({ mail_mode: 'none' });
	});
});

describe('catalogue events', () => {
	it('publishes a new project, its status change and other changes, but nothing for drafts', async () => {
		const author = await member();
		const ctx = ctxOf(t.db, author);
		const { id } = await createProject(ctx, {
			title: 'Online-Terminvergabe',
			municipalityId: world.kehl,
			status: 'planung',
			visibility: 'public',
			topicFieldKey: 'querschnitt'
		});
		const { id: draft } = await createProject(ctx, {
			title: 'Geheimer Entwurf',
			municipalityId: world.kehl,
			status: 'idee',
			visibility: 'draft'
		});
		await updateProject(ctx, id, {
			title: 'Online-Terminvergabe',
			municipalityId: world.kehl,
			status: 'betrieb',
			visibility: 'public',
			topicFieldKey: 'querschnitt'
		});
		await updateProject(ctx, draft, {
			title: 'Geheimer Entwurf 2',
			municipalityId: world.kehl,
			status: 'idee',
			visibility: 'draft'
		});
		const events = await t.db
			.selectFrom('notification_event')
			.select(['id', 'kind', 'title', 'audience', 'url'])
			.where('url', 'in', [`/projekte/${id}`, `/projekte/${draft}`])
			.orderBy('id')
			.execute();
		expect(events.map((e) => [e.kind, e.title, e.audience])).toEqual([
			['project_created', 'Neues Projekt in Kehl: „Online-Terminvergabe“', 'public'],
			['project_status_changed', '„Online-Terminvergabe“: Status jetzt „In Betrieb“', 'public']
		]);
		const subjects = await t.db
			.selectFrom('notification_event_subject')
			.select(['subject_type', 'subject_id'])
			.where('event_id', '=', events[1]!.id)
			.orderBy('subject_type')
			.execute();
		expect(subjects).toEqual([
			{ subject_type: 'municipality', subject_id: '08317057' },
			{ subject_type: 'project', subject_id: String(id) },
			{ subject_type: 'topic_field', subject_id: 'querschnitt' }
		]);
		// The author follows what they created.
		expect((await listFollows(ctx)).map((f) => f.title)).toContain('Online-Terminvergabe');
	});

	it('tells followers of a product that it changed', async () => {
		const editor = await member();
		const follower = await member();
		const input: ProductInput = {
			name: 'Bürgerservice-Portal Test',
			vendorName: 'Beispiel GmbH',
			category: 'dms',
			website: null,
			isOpenSource: false,
			licence: null,
			operator: null,
			descriptionMd: 'Online-Anträge'
		};
		const { id } = await createProduct(ctxOf(t.db, editor), input);
		await followSubject(t.db, follower.personId, { type: 'product', id });
		await updateProduct(ctxOf(t.db, editor), id, {
			...input,
			descriptionMd: 'Online-Anträge, jetzt mit Bezahlfunktion'
		});
		await fanOut();
		expect((await notificationsOf(follower.personId)).map((n) => n.title)).toEqual([
			'Lösung „Bürgerservice-Portal Test“ wurde aktualisiert'
		]);
		expect(await notificationsOf(editor.personId)).toEqual([]);
	});
});
