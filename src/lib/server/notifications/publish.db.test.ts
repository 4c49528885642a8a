/** The notification-event contract against a real database (SQLite and PostgreSQL). */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { inTransaction } from '../db';
import { at, buildWorld, personIn, type World } from '../memberships/membership.test-support';
import { followSubject, isFollowing, publishEvent, unfollowSubject } from './index';

const t = useTestDatabase();
let world: World;
beforeAll(async () => {
	world = await buildWorld(t.db);
});

describe('publishEvent', () => {
	it('stores the event with its subjects and recipients, each once', async () => {
		const actor = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const mentioned = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		const id = await publishEvent(t.db, {
			kind: 'discussion_reply',
			actorPersonId: actor.personId,
			audience: 'members',
			title: 'Neue Antwort in »E-Akte: Erfahrungen?«',
			url: '/austausch/3#beitrag-9',
			subjects: [
				{ type: 'discussion', id: 3 },
				{ type: 'discussion', id: '3' },
				{ type: 'municipality', id: '08317057' }
			],
			recipients: [
				{ personId: mentioned.personId, reason: 'mention' },
				{ personId: mentioned.personId, reason: 'answer' }
			],
			payload: { postId: 9 },
			occurredAt: at(60)
		});
		const event = await t.db
			.selectFrom('notification_event')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({
			kind: 'discussion_reply',
			actor_person_id: actor.personId,
			audience: 'members',
			url: '/austausch/3#beitrag-9',
			fanned_out_at: null
		});
		expect(new Date(event.occurred_at).toISOString()).toBe(at(60).toISOString());
		const payload: unknown =
			typeof event.payload_json === 'string' ? JSON.parse(event.payload_json) : event.payload_json;
		expect(payload).toEqual({ postId: 9 });
		const subjects = await t.db
			.selectFrom('notification_event_subject')
			.select(['subject_type', 'subject_id'])
			.where('event_id', '=', id)
			.orderBy('subject_type')
			.execute();
		expect(subjects).toEqual([
			{ subject_type: 'discussion', subject_id: '3' },
			{ subject_type: 'municipality', subject_id: '08317057' }
		]);
		const recipients = await t.db
			.selectFrom('notification_event_recipient')
			.select(['person_id', 'reason'])
			.where('event_id', '=', id)
			.execute();
		expect(recipients).toEqual([{ person_id: mentioned.personId, reason: 'mention' }]);
	});

	it('commits and rolls back with the write that caused it', async () => {
		const before = await t.db
			.selectFrom('notification_event')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		await expect(
			inTransaction(t.db, async (tx) => {
				await publishEvent(tx, {
					kind: 'idea_created',
					actorPersonId: null,
					audience: 'public',
					title: 'Neue Idee',
					url: '/ideen/1',
					subjects: [{ type: 'topic_field', id: 'bauen-wohnen' }],
					occurredAt: at()
				});
				throw new Error('the write failed');
			})
		).rejects.toThrow('the write failed');
		const after = await t.db
			.selectFrom('notification_event')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('refuses an outside link or an empty title', async () => {
		const base = {
			kind: 'x',
			actorPersonId: null,
			audience: 'public' as const,
			subjects: [],
			occurredAt: at()
		};
		await expect(
			publishEvent(t.db, { ...base, title: 'Titel', url: 'https://elsewhere.example/' })
		).rejects.toThrow('url must be a path');
		await expect(publishEvent(t.db, { ...base, title: '  ', url: '/ideen' })).rejects.toThrow(
			'title is empty'
		);
	});
});

describe('follows', () => {
	it('follows once, answers whether a person follows, and unfollows', async () => {
		const person = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const subject = { type: 'idea' as const, id: 7 };
		expect(await isFollowing(t.db, person.personId, subject)).toBe(false);
		await followSubject(t.db, person.personId, subject);
		await followSubject(t.db, person.personId, { type: 'idea', id: '7' });
		expect(await isFollowing(t.db, person.personId, subject)).toBe(true);
		const rows = await t.db
			.selectFrom('follow')
			.select('subject_id')
			.where('person_id', '=', person.personId)
			.execute();
		expect(rows).toEqual([{ subject_id: '7' }]);
		await unfollowSubject(t.db, person.personId, subject);
		expect(await isFollowing(t.db, person.personId, subject)).toBe(false);
	});
});
