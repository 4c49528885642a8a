/**
 * The idea pool and joint projects against a real database (SQLite and PostgreSQL): who may post,
 * support, decide and convert; once per municipality and round; the history; the conversion into
 * a catalogue project that the catalogue, the overview and the search show; milestones, updates
 * and members; harmless rendering of the XSS corpus; the rate limit on posting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { XSS_PAYLOADS } from '../../../../tests/support/xss-payloads';
import type { Ctx, PersonActor } from '../context';
import { ANONYMOUS } from '../context';
import { getNetworkFigures } from '../overview';
import { emptyProjectFilter, getProject, listProjects } from '../projects';
import { search } from '../search';
import {
	at,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import {
	addMilestone,
	allocatePoints,
	changeIdeaState,
	closeRound,
	convertIdea,
	createIdea,
	findSimilarToDraft,
	getIdea,
	getJointProject,
	getRound,
	listIdeas,
	openRound,
	postProgressUpdate,
	setMember,
	similarIdeasForApi,
	supportIdea,
	updateMilestone,
	withdrawSupport
} from './index';

const t = useTestDatabase();

let world: World;
let offenburg: number;
let kehlMember: PersonActor;
let lahrMember: PersonActor;
let lahrAdmin: PersonActor;
let offenburgMember: PersonActor;
let outsider: PersonActor;
let boss: PersonActor;
let clock = 0;

/** Each call a second later, so the rate limit's window and orderings are predictable. */
const ctx = (actor: Ctx['actor']): Ctx => ctxOf(t.db, actor, ++clock);

const draft = (municipalityId: number, title = 'Digitale Bauakte für kleine Gemeinden') => ({
	title,
	problem: 'Bauanträge kommen auf Papier und wandern von Amt zu Amt.',
	solution: 'Eine gemeinsame digitale Bauakte mit Anbindung an das Landesportal.',
	benefit: 'Weniger Laufwege, schnellere Genehmigungen.',
	municipalityId
});

async function eventsOf(kind: string) {
	return t.db
		.selectFrom('notification_event')
		.select(['id', 'title', 'url', 'audience'])
		.where('kind', '=', kind)
		.orderBy('id')
		.execute();
}

beforeAll(async () => {
	world = await buildWorld(t.db);
	const row = await t.db
		.insertInto('municipality')
		.values({
			ags: '08317096',
			name: 'Offenburg',
			name_sort: 'offenburg',
			type: 'grosse_kreisstadt',
			membership_status: 'member',
			member_since: '2019-10-01',
			is_founding_member: true,
			is_demo: false,
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	offenburg = row.id;
	kehlMember = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }], 'Karla Kehl');
	lahrMember = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }], 'Lea Lahr');
	lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }], 'Lars Lahr');
	offenburgMember = await personIn(
		t.db,
		[{ municipalityId: offenburg, role: 'member' }],
		'Otto Offenburg'
	);
	outsider = await personIn(t.db, [], 'Olga Ohne');
	boss = await coordinator(t.db);
});

describe('visibility', () => {
	it('is members-only: visitors must sign in, people without a municipality find nothing', async () => {
		expect((await errorOf(listIdeas(ctx(ANONYMOUS)))).code).toBe('UNAUTHENTICATED');
		expect((await errorOf(listIdeas(ctx(outsider)))).code).toBe('NOT_FOUND');
		const { id } = await createIdea(ctx(kehlMember), draft(world.kehl, 'Sichtbarkeit prüfen'));
		expect((await errorOf(getIdea(ctx(outsider), id))).code).toBe('NOT_FOUND');
		expect((await getIdea(ctx(lahrMember), id)).title).toBe('Sichtbarkeit prüfen');
		expect((await getIdea(ctx(boss), id)).title).toBe('Sichtbarkeit prüfen');
	});
});

describe('posting', () => {
	it('posts for an own member municipality, keeps the history and lets the author follow', async () => {
		const { id } = await createIdea(
			ctx(lahrMember),
			draft(world.lahr, 'Gemeinsamer Hundesteuer-Antrag')
		);
		const idea = await getIdea(ctx(lahrMember), id);
		expect(idea.status).toBe('new');
		expect(idea.municipality.name).toBe('Lahr/Schwarzwald');
		expect(idea.history.map((h) => [h.status, h.personName])).toEqual([['new', 'Lea Lahr']]);
		const follow = await t.db
			.selectFrom('follow')
			.selectAll()
			.where('person_id', '=', lahrMember.personId)
			.where('subject_type', '=', 'idea')
			.where('subject_id', '=', String(id))
			.executeTakeFirst();
		expect(follow).toBeDefined();
		const posted = (await eventsOf('idea_posted')).find((e) => e.url === `/ideen/${id}`);
		expect(posted?.title).toBe('Neue Idee: Gemeinsamer Hundesteuer-Antrag');
		const subjects = await t.db
			.selectFrom('notification_event_subject')
			.select(['subject_type', 'subject_id'])
			.where('event_id', '=', posted!.id)
			.execute();
		expect(subjects).toEqual(
			expect.arrayContaining([
				{ subject_type: 'idea', subject_id: String(id) },
				{ subject_type: 'municipality', subject_id: '08317065' }
			])
		);
	});

	it('refuses other municipalities, non-members and bad input, and saves nothing', async () => {
		const before = await t.db
			.selectFrom('idea')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const other = await errorOf(createIdea(ctx(lahrMember), draft(world.kehl)));
		expect(other.fields).toEqual({ municipalityId: 'municipality_not_yours' });
		const gengenbach = await personIn(t.db, [{ municipalityId: world.gengenbach, role: 'member' }]);
		expect((await errorOf(createIdea(ctx(gengenbach), draft(world.gengenbach)))).fields).toEqual({
			municipalityId: 'municipality_not_yours'
		});
		const blank = await errorOf(
			createIdea(ctx(lahrMember), { ...draft(world.lahr), title: '   ', benefit: '' })
		);
		expect(blank.fields).toEqual({ title: 'title_required', benefit: 'benefit_required' });
		const readOnly: PersonActor = {
			...lahrMember,
			auth: { method: 'token', scope: 'read', tokenId: 1 }
		};
		expect((await errorOf(createIdea(ctx(readOnly), draft(world.lahr)))).code).toBe('INVALID');
		const unverified: PersonActor = { ...lahrMember, isEmailVerified: false };
		expect((await errorOf(createIdea(ctx(unverified), draft(world.lahr)))).code).toBe('INVALID');
		const after = await t.db
			.selectFrom('idea')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('limits posting per person', async () => {
		const busy = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const fixed = ctxOf(t.db, busy, 5000);
		for (let i = 0; i < 20; i++) await createIdea(fixed, draft(world.kehl, `Idee Nummer ${i}`));
		const error = await errorOf(createIdea(fixed, draft(world.kehl, 'Eine zu viel')));
		expect(error.code).toBe('RATE_LIMITED');
		const count = await t.db
			.selectFrom('idea')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('author_person_id', '=', busy.personId)
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(20);
	});

	it('finds similar open ideas and catalogue projects for a draft', async () => {
		await createIdea(ctx(kehlMember), draft(world.kehl, 'Online-Terminvergabe im Bürgerbüro'));
		const similar = await findSimilarToDraft(ctx(lahrMember), {
			title: 'Terminvergabe für das Standesamt',
			problem: ''
		});
		expect(similar.ideas.map((i) => i.title)).toContain('Online-Terminvergabe im Bürgerbüro');
		const none = await findSimilarToDraft(ctx(lahrMember), {
			title: 'Friedhofsverwaltung',
			problem: ''
		});
		expect(none.ideas).toEqual([]);
		// The same for the form while it is typed, without asking the catalogue.
		const api = await similarIdeasForApi(ctx(lahrMember), {
			title: 'Terminvergabe für das Standesamt',
			problem: ''
		});
		expect(api.items.map((i) => i.title)).toContain('Online-Terminvergabe im Bürgerbüro');
		expect(
			(await errorOf(similarIdeasForApi(ctx(outsider), { title: 'x', problem: '' }))).code
		).toBe('NOT_FOUND');
	});
});

describe('support, states and conversion', () => {
	let ideaId: number;

	beforeAll(async () => {
		({ id: ideaId } = await createIdea(ctx(lahrMember), draft(world.lahr, 'Digitale Bauakte')));
	});

	it('supports once per municipality; a second support changes it; withdrawing removes it', async () => {
		await supportIdea(ctx(kehlMember), ideaId, {
			municipalityId: world.kehl,
			comment: 'Gern',
			contributors: 'Bauamt'
		});
		await supportIdea(ctx(lahrAdmin), ideaId, {
			municipalityId: world.lahr,
			comment: '',
			contributors: ''
		});
		// Lahr's other person changes Lahr's support instead of adding a second one.
		await supportIdea(ctx(lahrMember), ideaId, {
			municipalityId: world.lahr,
			comment: 'Wir auch',
			contributors: 'Lea Lahr'
		});
		await supportIdea(ctx(offenburgMember), ideaId, {
			municipalityId: offenburg,
			comment: '',
			contributors: 'IT'
		});
		let idea = await getIdea(ctx(boss), ideaId);
		expect(idea.supports.map((s) => [s.municipalityName, s.personName, s.comment])).toEqual([
			['Kehl', 'Karla Kehl', 'Gern'],
			['Lahr/Schwarzwald', 'Lea Lahr', 'Wir auch'],
			['Offenburg', 'Otto Offenburg', '']
		]);
		expect(
			(await eventsOf('idea_supported')).filter((e) => e.url === `/ideen/${ideaId}`)
		).toHaveLength(3);
		// Not for another municipality.
		const foreign = await errorOf(
			supportIdea(ctx(kehlMember), ideaId, { municipalityId: world.lahr })
		);
		expect(foreign.code).toBe('FORBIDDEN');
		// The database refuses a second row too.
		await expect(
			t.db
				.insertInto('idea_support')
				.values({
					idea_id: ideaId,
					municipality_id: world.kehl,
					person_id: kehlMember.personId,
					comment: '',
					contributors: '',
					updated_at: at().toISOString()
				})
				.execute()
		).rejects.toThrow();
		await withdrawSupport(ctx(offenburgMember), ideaId, offenburg);
		await supportIdea(ctx(offenburgMember), ideaId, {
			municipalityId: offenburg,
			comment: 'Doch',
			contributors: 'Otto Offenburg'
		});
		idea = await getIdea(ctx(boss), ideaId);
		expect(idea.supports).toHaveLength(3);
		const list = await listIdeas(ctx(kehlMember), { sort: 'support' });
		expect(list.ideas[0]?.id).toBe(ideaId);
	});

	it('lets only the coordination decide; rejecting needs a reason; the history keeps who and why', async () => {
		expect(
			(await errorOf(changeIdeaState(ctx(lahrAdmin), ideaId, { status: 'accepted' }))).code
		).toBe('FORBIDDEN');
		const noReason = await errorOf(
			changeIdeaState(ctx(boss), ideaId, { status: 'rejected', reason: ' ' })
		);
		expect(noReason.fields).toEqual({ reason: 'reason_required' });
		await changeIdeaState(ctx(boss), ideaId, { status: 'in_review' });
		await changeIdeaState(ctx(boss), ideaId, {
			status: 'accepted',
			reason: 'Drei Kommunen sind dabei.'
		});
		const implemented = await errorOf(
			changeIdeaState(ctx(boss), ideaId, { status: 'implemented' })
		);
		expect(implemented.code).toBe('INVALID');
		const idea = await getIdea(ctx(lahrMember), ideaId);
		expect(idea.status).toBe('accepted');
		expect(idea.history.map((h) => [h.status, h.reason])).toEqual([
			['new', null],
			['in_review', null],
			['accepted', 'Drei Kommunen sind dabei.']
		]);
		const changed = await t.db
			.selectFrom('notification_event_recipient')
			.innerJoin(
				'notification_event',
				'notification_event.id',
				'notification_event_recipient.event_id'
			)
			.select(['notification_event_recipient.person_id'])
			.where('notification_event.kind', '=', 'idea_state_changed')
			.where('notification_event.url', '=', `/ideen/${ideaId}`)
			.execute();
		expect(changed.map((r) => r.person_id)).toEqual([lahrMember.personId, lahrMember.personId]);
	});

	it('turns the accepted idea into a joint project that the catalogue, overview and search show', async () => {
		const figuresBefore = await getNetworkFigures(ctx(kehlMember));
		expect(
			(await errorOf(convertIdea(ctx(lahrAdmin), ideaId, { leadMunicipalityId: world.lahr }))).code
		).toBe('FORBIDDEN');
		const badLead = await errorOf(
			convertIdea(ctx(boss), ideaId, { leadMunicipalityId: world.gengenbach })
		);
		expect(badLead.fields).toEqual({ leadMunicipalityId: 'lead_required' });
		const { projectId } = await convertIdea(ctx(boss), ideaId, {
			leadMunicipalityId: world.lahr,
			partnerMunicipalityIds: [world.kehl, offenburg],
			visibility: 'network'
		});
		const again = await errorOf(convertIdea(ctx(boss), ideaId, { leadMunicipalityId: world.lahr }));
		expect(again.code).toBe('CONFLICT');

		const idea = await getIdea(ctx(kehlMember), ideaId);
		expect(idea.status).toBe('implemented');
		expect(idea.project).toEqual({ id: projectId, title: 'Digitale Bauakte' });
		expect(idea.history.at(-1)?.status).toBe('implemented');

		const project = await getProject(ctx(kehlMember), projectId);
		expect(project.title).toBe('Digitale Bauakte');
		expect(project.owner.name).toBe('Lahr/Schwarzwald');
		expect(project.partners.map((p) => p.name).sort()).toEqual(['Kehl', 'Offenburg']);
		const catalogue = await listProjects(ctx(kehlMember), emptyProjectFilter());
		expect(catalogue.items.map((p) => p.id)).toContain(projectId);
		const found = await search(ctx(kehlMember), { q: 'Bauakte' });
		expect(found.hits.map((h) => h.url)).toContain(`/projekte/${projectId}`);
		const figuresAfter = await getNetworkFigures(ctx(kehlMember));
		expect(figuresAfter.projects).toBe(figuresBefore.projects + 1);

		const joint = await getJointProject(ctx(kehlMember), projectId);
		expect(joint?.idea).toEqual({ id: ideaId, title: 'Digitale Bauakte' });
		expect(joint?.supporters.map((s) => s.municipalityName)).toEqual([
			'Kehl',
			'Lahr/Schwarzwald',
			'Offenburg'
		]);
		expect(joint?.members.map((m) => [m.name, m.role])).toEqual([
			['Karla Kehl', 'Bauamt'],
			['Lea Lahr', 'Lea Lahr'],
			['Otto Offenburg', 'Otto Offenburg']
		]);
		expect(joint?.canEdit).toBe(false);
		const converted = (await eventsOf('idea_converted')).at(-1);
		expect(converted?.url).toBe(`/projekte/${projectId}`);

		// Milestones, updates and members: the lead's people and the coordination.
		expect((await errorOf(addMilestone(ctx(kehlMember), projectId, { title: 'Start' }))).code).toBe(
			'FORBIDDEN'
		);
		await addMilestone(ctx(lahrMember), projectId, { title: 'Ausschreibung', dueOn: '2027-03-31' });
		await addMilestone(ctx(boss), projectId, {
			title: 'Pilotbetrieb',
			dueOn: '2027-09-30',
			status: 'planned'
		});
		const bad = await errorOf(
			addMilestone(ctx(lahrMember), projectId, { title: '', dueOn: '2027-02-30' })
		);
		expect(bad.fields).toEqual({ title: 'title_required', dueOn: 'date_invalid' });
		let view = await getJointProject(ctx(lahrMember), projectId);
		const first = view!.milestones[0]!;
		expect(view!.milestones.map((m) => [m.title, m.dueOn, m.status])).toEqual([
			['Ausschreibung', '2027-03-31', 'planned'],
			['Pilotbetrieb', '2027-09-30', 'planned']
		]);
		await updateMilestone(ctx(lahrMember), projectId, first.id, {
			title: 'Ausschreibung',
			dueOn: '2027-03-31',
			status: 'reached'
		});
		expect((await eventsOf('milestone_reached')).at(-1)?.title).toBe(
			'Meilenstein erreicht: Ausschreibung (Digitale Bauakte)'
		);
		await postProgressUpdate(ctx(lahrMember), projectId, {
			body: 'Die **Ausschreibung** ist veröffentlicht.'
		});
		expect(
			(await errorOf(postProgressUpdate(ctx(lahrMember), projectId, { body: '  ' }))).fields
		).toEqual({ body: 'body_required' });
		view = await getJointProject(ctx(kehlMember), projectId);
		expect(view!.updates[0]?.html).toBe(
			'<p>Die <strong>Ausschreibung</strong> ist veröffentlicht.</p>'
		);
		expect(view!.updates[0]?.authorName).toBe('Lea Lahr');
		expect((await eventsOf('project_update')).at(-1)?.audience).toBe('members');

		await setMember(ctx(lahrMember), projectId, {
			personId: lahrAdmin.personId,
			role: 'Projektleitung'
		});
		const notParticipant = await errorOf(
			setMember(ctx(lahrMember), projectId, { personId: outsider.personId, role: 'x' })
		);
		expect(notParticipant.fields).toEqual({ personId: 'person_not_participant' });
		view = await getJointProject(ctx(lahrMember), projectId);
		expect(view!.members.find((m) => m.personId === lahrAdmin.personId)?.role).toBe(
			'Projektleitung'
		);
		expect(view!.canEdit).toBe(true);
	});

	it('links a joint project kept as a draft only for those who may see the draft', async () => {
		const { id } = await createIdea(ctx(lahrMember), draft(world.lahr, 'Entwurf bleibt intern'));
		await changeIdeaState(ctx(boss), id, { status: 'accepted' });
		const { projectId } = await convertIdea(ctx(boss), id, {
			leadMunicipalityId: world.lahr,
			visibility: 'draft'
		});
		expect((await getIdea(ctx(lahrMember), id)).project).toEqual({
			id: projectId,
			title: 'Entwurf bleibt intern'
		});
		expect((await getIdea(ctx(kehlMember), id)).project).toBeNull();
	});

	it('shows no joint-project part for an ordinary project', async () => {
		const row = await t.db
			.insertInto('project')
			.values({
				title: 'Gewöhnlich',
				title_sort: 'gewohnlich',
				municipality_id: world.kehl,
				status: 'betrieb',
				visibility: 'public',
				updated_at: at().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await getJointProject(ctx(kehlMember), row.id)).toBeNull();
		expect((await errorOf(addMilestone(ctx(kehlMember), row.id, { title: 'x' }))).code).toBe(
			'NOT_FOUND'
		);
	});
});

describe('prioritisation rounds', () => {
	it('lets each municipality distribute the budget once, shows results live to the coordination and to all once closed', async () => {
		const a = await createIdea(ctx(kehlMember), draft(world.kehl, 'Runde A'));
		const b = await createIdea(ctx(lahrMember), draft(world.lahr, 'Runde B'));
		expect(
			(
				await errorOf(
					openRound(ctx(lahrAdmin), { name: 'x', pointsPerMunicipality: 5, ideaIds: [a.id] })
				)
			).code
		).toBe('FORBIDDEN');
		const invalidRound = await errorOf(
			openRound(ctx(boss), { name: '', pointsPerMunicipality: '0', ideaIds: [] })
		);
		expect(invalidRound.fields).toEqual({
			name: 'name_required',
			pointsPerMunicipality: 'points_invalid',
			ideaIds: 'ideas_required'
		});
		const { id } = await openRound(ctx(boss), {
			name: 'Ortenau Digital 2026',
			pointsPerMunicipality: '10',
			ideaIds: [String(a.id), String(b.id)]
		});

		const over = await errorOf(
			allocatePoints(ctx(lahrMember), id, {
				municipalityId: world.lahr,
				points: [
					{ ideaId: a.id, points: 7 },
					{ ideaId: b.id, points: 4 }
				]
			})
		);
		expect(over.fields).toEqual({ points: 'over_budget' });
		const foreign = await errorOf(
			allocatePoints(ctx(lahrMember), id, {
				municipalityId: world.kehl,
				points: [{ ideaId: a.id, points: 1 }]
			})
		);
		expect(foreign.code).toBe('FORBIDDEN');
		await allocatePoints(ctx(lahrMember), id, {
			municipalityId: world.lahr,
			points: [
				{ ideaId: a.id, points: 6 },
				{ ideaId: b.id, points: 4 }
			]
		});
		// Lahr's admin changes Lahr's one allocation; it replaces the first.
		await allocatePoints(ctx(lahrAdmin), id, {
			municipalityId: world.lahr,
			points: [
				{ ideaId: a.id, points: '2' },
				{ ideaId: b.id, points: '8' }
			]
		});
		await allocatePoints(ctx(kehlMember), id, {
			municipalityId: world.kehl,
			points: [
				{ ideaId: a.id, points: 3 },
				{ ideaId: b.id, points: '' }
			]
		});

		const memberView = await getRound(ctx(kehlMember), id);
		expect(memberView.results).toBeNull();
		expect(memberView.allocations).toEqual([
			{ municipalityId: world.kehl, name: 'Kehl', points: { [a.id]: 3 }, used: 3 }
		]);
		const live = await getRound(ctx(boss), id);
		expect(live.results?.map((r) => [r.title, r.points, r.municipalities])).toEqual([
			['Runde B', 8, 1],
			['Runde A', 5, 2]
		]);
		const rows = await t.db
			.selectFrom('idea_round_allocation')
			.selectAll()
			.where('round_id', '=', id)
			.where('municipality_id', '=', world.lahr)
			.execute();
		expect(rows.map((r) => r.points).sort()).toEqual([2, 8]);

		expect((await errorOf(closeRound(ctx(kehlMember), id))).code).toBe('FORBIDDEN');
		await closeRound(ctx(boss), id);
		const closed = await errorOf(
			allocatePoints(ctx(kehlMember), id, {
				municipalityId: world.kehl,
				points: [{ ideaId: a.id, points: 1 }]
			})
		);
		expect(closed.code).toBe('CONFLICT');
		const results = await getRound(ctx(kehlMember), id);
		expect(results.results?.map((r) => r.title)).toEqual(['Runde B', 'Runde A']);
	});
});

describe('injection', () => {
	it('renders every payload of the XSS corpus harmless in the markdown texts of an idea', async () => {
		const poster = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		for (const [i, payload] of XSS_PAYLOADS.entries()) {
			const { id } = await createIdea(ctxOf(t.db, poster, 20_000 + i * 400), {
				title: payload,
				problem: payload,
				solution: payload,
				benefit: payload,
				municipalityId: world.kehl
			});
			const idea = await getIdea(ctx(poster), id);
			expect(idea.title).toBe(payload.trim());
			for (const html of [idea.problemHtml, idea.solutionHtml, idea.benefitHtml]) {
				// Whatever stays is text (escaped) or an allowlisted tag without handlers or scripts.
				for (const tag of html.match(/<[^>]*>/g) ?? []) {
					expect(tag).toMatch(
						/^<\/?(p|a|br|strong|em|code|pre|table|tbody|thead|tr|td|th)(\s+(href|rel)="[^"]*")*\s*\/?>$/
					);
					expect(tag).not.toMatch(/javascript:|data:|\son\w+=/i);
				}
			}
		}
	});
});
