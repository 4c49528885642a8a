/**
 * Following and discussing ideas, events and discussions: each subject type asks its own module
 * who may see it (SQLite and PostgreSQL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, type PersonActor } from '../context';
import { listDiscussions } from '../discussions';
import { loadSubject } from '../discussions/discussion.subjects';
import { at, buildWorld, personIn, type World } from '../memberships/membership.test-support';
import { resolveSubject } from './subjects';

const t = useTestDatabase();
let world: World;
let member: PersonActor;
let outsider: PersonActor;
let ideaId: number;
let publicEventId: number;
let membersEventId: number;
let ideaThreadId: number;
let membersEventThreadId: number;

async function addEvent(title: string, audience: 'public' | 'members'): Promise<number> {
	const row = await t.db
		.insertInto('event')
		.values({
			title,
			kind: 'network_meeting',
			starts_at: at(86_400).toISOString(),
			ends_at: at(90_000).toISOString(),
			online_url: null,
			organiser_municipality_id: world.kehl,
			created_by_person_id: null,
			audience,
			capacity: null,
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function addThread(title: string, subjectType: string, subjectId: number): Promise<number> {
	const row = await t.db
		.insertInto('discussion')
		.values({
			kind: 'question',
			title,
			domain_id: null,
			subject_type: subjectType,
			subject_id: subjectId,
			author_person_id: member.personId,
			accepted_post_id: null,
			last_post_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

beforeAll(async () => {
	world = await buildWorld(t.db);
	member = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
	outsider = await personIn(t.db, []);
	const idea = await t.db
		.insertInto('idea')
		.values({
			title: 'Gemeinsame Online-Terminvergabe',
			problem: 'Jede Kommune sucht allein.',
			solution: 'Ein Verfahren für alle.',
			benefit: 'Weniger Aufwand.',
			municipality_id: world.kehl,
			author_person_id: member.personId,
			project_id: null,
			updated_at: at().toISOString(),
			last_activity_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ideaId = idea.id;
	publicEventId = await addEvent('Ortenau Digital', 'public');
	membersEventId = await addEvent('Internes Netzwerktreffen', 'members');
	ideaThreadId = await addThread('Wer macht mit?', 'idea', ideaId);
	membersEventThreadId = await addThread('Anreise?', 'event', membersEventId);
});

describe('subjects of other modules', () => {
	it('resolves ideas for members of a municipality only', async () => {
		expect(await resolveSubject(t.db, member, { type: 'idea', id: ideaId })).toMatchObject({
			title: 'Gemeinsame Online-Terminvergabe',
			path: `/ideen/${ideaId}`
		});
		expect(await resolveSubject(t.db, outsider, { type: 'idea', id: ideaId })).toBeNull();
		expect(await resolveSubject(t.db, ANONYMOUS, { type: 'idea', id: ideaId })).toBeNull();
		expect(await resolveSubject(t.db, member, { type: 'idea', id: 999_999 })).toBeNull();
	});

	it('resolves events by their audience', async () => {
		expect(
			await resolveSubject(t.db, ANONYMOUS, { type: 'event', id: publicEventId })
		).toMatchObject({ path: `/termine/${publicEventId}` });
		expect(await resolveSubject(t.db, ANONYMOUS, { type: 'event', id: membersEventId })).toBeNull();
		expect(await resolveSubject(t.db, member, { type: 'event', id: membersEventId })).toMatchObject(
			{ title: 'Internes Netzwerktreffen' }
		);
	});

	it('resolves a discussion only for those who may see what it is attached to', async () => {
		expect(
			await resolveSubject(t.db, member, { type: 'discussion', id: ideaThreadId })
		).toMatchObject({ title: 'Wer macht mit?', path: `/austausch/${ideaThreadId}` });
		expect(
			await resolveSubject(t.db, outsider, { type: 'discussion', id: ideaThreadId })
		).toBeNull();
		expect(
			await resolveSubject(t.db, ANONYMOUS, { type: 'discussion', id: membersEventThreadId })
		).toBeNull();
		expect(
			await resolveSubject(t.db, member, { type: 'discussion', id: membersEventThreadId })
		).toMatchObject({ title: 'Anreise?' });
	});

	it('lets threads be attached to ideas and events as the subject modules allow', async () => {
		const ctx = (actor: PersonActor | typeof ANONYMOUS) => ({ db: t.db, actor, now: () => at() });
		expect(await loadSubject(ctx(member), { type: 'idea', id: ideaId })).toMatchObject({
			href: `/ideen/${ideaId}`,
			isPublic: false
		});
		expect(await loadSubject(ctx(outsider), { type: 'idea', id: ideaId })).toBeUndefined();
		expect(await loadSubject(ctx(ANONYMOUS), { type: 'event', id: publicEventId })).toMatchObject({
			isPublic: true
		});
		expect(
			await loadSubject(ctx(ANONYMOUS), { type: 'event', id: membersEventId })
		).toBeUndefined();
	});

	it('lists threads on ideas and members-only events only to those who may see them', async () => {
		const titles = async (actor: PersonActor) =>
			(await listDiscussions({ db: t.db, actor, now: () => at() }, {})).items.map((i) => i.title);
		expect((await titles(member)).sort()).toEqual(['Anreise?', 'Wer macht mit?']);
		expect(await titles(outsider)).toEqual(['Anreise?']);
	});
});
