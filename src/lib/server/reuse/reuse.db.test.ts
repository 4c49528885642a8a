/**
 * Reuse requests against a real database (SQLite and PostgreSQL): who may ask, who may answer,
 * which mails go where, and which counts whom.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import type { Ctx, PersonActor } from '../context';
import { getNetworkFigures } from '../overview';
import type { Db } from '../db';
import type { ProjectVisibility } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import {
	actorFor,
	at,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import {
	getProductReuseSummary,
	getProjectReuseSummary,
	getReuseRequest,
	getReuseRequestForm,
	linkReuseResult,
	listReuseRequests,
	requestReuse,
	transitionReuseRequest
} from './index';

const ORIGIN = 'https://netz.example';
const t = useTestDatabase();

type Person = PersonActor & { email: string };

let world: World;
let kehlContact: Person;
let kehlAdmin: Person;
let kehlMember: Person;
let lahrMember: Person;
let lahrOther: Person;
let gengenbachMember: Person;
let coordinatorActor: PersonActor;
let deletedContact: Person;

async function addProject(
	db: Db,
	municipalityId: number,
	title: string,
	visibility: ProjectVisibility,
	options: { partnerIds?: number[]; contactIds?: number[]; deleted?: boolean } = {}
): Promise<number> {
	const now = at().toISOString();
	const row = await db
		.insertInto('project')
		.values({
			title,
			title_sort: germanSortKey(title),
			summary: `${title} in kurz.`,
			municipality_id: municipalityId,
			status: 'betrieb',
			visibility,
			updated_at: now,
			deleted_at: options.deleted ? now : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const partnerId of options.partnerIds ?? []) {
		await db
			.insertInto('project_partner')
			.values({ project_id: row.id, municipality_id: partnerId })
			.execute();
	}
	let position = 0;
	for (const personId of options.contactIds ?? []) {
		await db
			.insertInto('project_contact')
			.values({ project_id: row.id, person_id: personId, position: position++ })
			.execute();
	}
	return row.id;
}

async function addProduct(db: Db, name: string): Promise<number> {
	const row = await db
		.insertInto('product')
		.values({
			name,
			name_sort: germanSortKey(name),
			category: 'fachverfahren',
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function addAdoption(
	db: Db,
	productId: number,
	municipalityId: number,
	stage: 'interested' | 'live',
	contactPersonId: number | null
): Promise<void> {
	await db
		.insertInto('adoption')
		.values({
			product_id: productId,
			municipality_id: municipalityId,
			stage,
			contact_person_id: contactPersonId,
			updated_at: at().toISOString()
		})
		.execute();
}

async function mailsTo(email: string) {
	return t.db
		.selectFrom('mail_outbox')
		.select(['to_address', 'subject', 'text_body'])
		.where('to_address', '=', email)
		.orderBy('id')
		.execute();
}

async function allMailCount(): Promise<number> {
	const row = await t.db
		.selectFrom('mail_outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

const ctx = (actor: PersonActor | { kind: 'anonymous' }, seconds = 0) =>
	ctxOf(t.db, actor, seconds);

beforeAll(async () => {
	const db = t.db;
	world = await buildWorld(db);
	kehlContact = await personIn(
		db,
		[{ municipalityId: world.kehl, role: 'member' }],
		'Klara Kontakt'
	);
	kehlAdmin = await personIn(db, [{ municipalityId: world.kehl, role: 'admin' }], 'Anton Admin');
	kehlMember = await personIn(db, [{ municipalityId: world.kehl, role: 'member' }], 'Karl Kehl');
	lahrMember = await personIn(db, [{ municipalityId: world.lahr, role: 'member' }], 'Lena Lahr');
	lahrOther = await personIn(db, [{ municipalityId: world.lahr, role: 'member' }], 'Lutz Lahr');
	gengenbachMember = await personIn(
		db,
		[{ municipalityId: world.gengenbach, role: 'member' }],
		'Gero Gengenbach'
	);
	deletedContact = await personIn(db, [{ municipalityId: world.kehl, role: 'member' }], 'Weg');
	await db
		.updateTable('person')
		.set({ deleted_at: at().toISOString() })
		.where('id', '=', deletedContact.personId)
		.execute();
	coordinatorActor = await coordinator(db);
});

/** The network's "wheels not reinvented" figure as the front page shows it. */
async function wheelsOf(context: Ctx): Promise<number> {
	return (await getNetworkFigures(context)).reuseAdopted;
}

describe('asking for reuse', () => {
	it('files a request, records its history and mails the project contacts (never deleted ones)', async () => {
		const projectId = await addProject(t.db, world.kehl, 'E-Akte Kehl', 'public', {
			contactIds: [kehlContact.personId, deletedContact.personId]
		});
		const id = await requestReuse(
			ctx(lahrMember),
			{ projectId },
			{ requestingMunicipalityId: world.lahr, message: '  Das wollen wir auch!  ' },
			{ origin: ORIGIN }
		);
		const view = await getReuseRequest(ctx(lahrMember), id);
		expect(view).toMatchObject({
			status: 'open',
			message: 'Das wollen wir auch!',
			requestingMunicipalityName: 'Lahr/Schwarzwald',
			ownerMunicipalityName: 'Kehl',
			subjectTitle: 'E-Akte Kehl',
			subjectHref: `/projekte/${projectId}`,
			sides: ['requester'],
			transitions: ['withdrawn']
		});
		expect(view.events).toEqual([
			expect.objectContaining({ status: 'open', personName: 'Lena Lahr', note: null })
		]);
		const mails = await mailsTo(kehlContact.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]?.subject).toBe('Nachnutzung angefragt: E-Akte Kehl');
		expect(mails[0]?.text_body).toContain('Lena Lahr (Lahr/Schwarzwald)');
		expect(mails[0]?.text_body).toContain('Das wollen wir auch!');
		expect(mails[0]?.text_body).toContain(`${ORIGIN}/nachnutzung/${id}`);
		expect(await mailsTo(deletedContact.email)).toEqual([]);
		expect(await mailsTo(kehlAdmin.email)).toEqual([]);
	});

	it('mails the owner admins when the project has no contact', async () => {
		const projectId = await addProject(t.db, world.kehl, 'Ohne Kontakt', 'network');
		await requestReuse(
			ctx(lahrMember),
			{ projectId },
			{ requestingMunicipalityId: world.lahr, message: 'Bitte melden.' },
			{ origin: ORIGIN }
		);
		const mails = await mailsTo(kehlAdmin.email);
		expect(mails.map((mail) => mail.subject)).toEqual(['Nachnutzung angefragt: Ohne Kontakt']);
	});

	it('refuses the own project, a partner, an invisible, a deleted and an unknown project', async () => {
		const own = await addProject(t.db, world.lahr, 'Eigenes', 'public');
		const shared = await addProject(t.db, world.kehl, 'Gemeinsam', 'public', {
			partnerIds: [world.lahr]
		});
		const draft = await addProject(t.db, world.kehl, 'Entwurf Kehl', 'draft');
		const deleted = await addProject(t.db, world.kehl, 'Gelöscht', 'public', { deleted: true });
		const before = await allMailCount();
		const ask = (projectId: number) =>
			requestReuse(
				ctx(lahrMember),
				{ projectId },
				{ requestingMunicipalityId: world.lahr, message: 'Hallo' },
				{ origin: ORIGIN }
			);
		const ownError = await errorOf(ask(own));
		expect(ownError.code).toBe('FORBIDDEN');
		expect(ownError.fields).toEqual({ requestingMunicipalityId: 'own_subject' });
		expect((await errorOf(ask(shared))).code).toBe('FORBIDDEN');
		expect((await errorOf(ask(draft))).code).toBe('NOT_FOUND');
		expect((await errorOf(ask(deleted))).code).toBe('NOT_FOUND');
		expect((await errorOf(ask(999_999))).code).toBe('NOT_FOUND');
		expect(await allMailCount()).toBe(before);
	});

	it('refuses asking for a municipality one does not belong to, visitors and bad messages', async () => {
		const projectId = await addProject(t.db, world.kehl, 'Fremd gefragt', 'public');
		const wrong = await errorOf(
			requestReuse(
				ctx(lahrMember),
				{ projectId },
				{ requestingMunicipalityId: world.gengenbach, message: 'Hallo' },
				{ origin: ORIGIN }
			)
		);
		expect(wrong.code).toBe('FORBIDDEN');
		expect(wrong.fields).toEqual({ requestingMunicipalityId: 'municipality_not_allowed' });
		expect(
			(
				await errorOf(
					requestReuse(
						ctx({ kind: 'anonymous' }),
						{ projectId },
						{ requestingMunicipalityId: world.lahr, message: 'Hallo' },
						{ origin: ORIGIN }
					)
				)
			).code
		).toBe('UNAUTHENTICATED');
		for (const [message, code] of [
			['   ', 'message_required'],
			['x'.repeat(2001), 'message_too_long']
		] as const) {
			const error = await errorOf(
				requestReuse(
					ctx(lahrMember),
					{ projectId },
					{ requestingMunicipalityId: world.lahr, message },
					{ origin: ORIGIN }
				)
			);
			expect(error.code).toBe('INVALID');
			expect(error.fields).toEqual({ message: code });
		}
		const readOnly: PersonActor = {
			...lahrMember,
			auth: { method: 'token', scope: 'read', tokenId: 1 }
		};
		expect(
			(
				await errorOf(
					requestReuse(
						ctx(readOnly),
						{ projectId },
						{ requestingMunicipalityId: world.lahr, message: 'Hallo' },
						{ origin: ORIGIN }
					)
				)
			).code
		).toBe('FORBIDDEN');
		const summary = await getProjectReuseSummary(ctx(lahrMember), projectId);
		expect(summary.activeCount).toBe(0);
	});

	it('allows one active request per subject and municipality, again after it closed', async () => {
		const projectId = await addProject(t.db, world.kehl, 'Nur einmal', 'public');
		const ask = (actor: PersonActor) =>
			requestReuse(
				ctx(actor),
				{ projectId },
				{ requestingMunicipalityId: world.lahr, message: 'Wir auch' },
				{ origin: ORIGIN }
			);
		const first = await ask(lahrMember);
		const duplicate = await errorOf(ask(lahrOther));
		expect(duplicate.code).toBe('CONFLICT');
		expect(duplicate.fields).toEqual({ requestingMunicipalityId: 'already_requested' });
		await transitionReuseRequest(
			ctx(lahrMember),
			{ requestId: first, status: 'withdrawn' },
			{ origin: ORIGIN }
		);
		expect(await ask(lahrOther)).toBeGreaterThan(first);
	});
	it('keeps one active request when two people of a municipality ask at once', async () => {
		const projectId = await addProject(t.db, world.kehl, 'Gleichzeitig', 'public');
		const results = await Promise.allSettled(
			[lahrMember, lahrOther].map((actor) =>
				requestReuse(
					ctx(actor),
					{ projectId },
					{ requestingMunicipalityId: world.lahr, message: 'Wir auch' },
					{ origin: ORIGIN }
				)
			)
		);
		const refused = results.filter((result) => result.status === 'rejected');
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
		const rows = await t.db
			.selectFrom('reuse_request')
			.select('id')
			.where('project_id', '=', projectId)
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('limits requests per person to 20 a day', async () => {
		const busy = await personIn(t.db, [{ municipalityId: world.berghaupten, role: 'member' }]);
		for (let index = 0; index < 21; index++) {
			const projectId = await addProject(t.db, world.kehl, `Viel gefragt ${index}`, 'public');
			const asking = requestReuse(
				ctx(busy),
				{ projectId },
				{ requestingMunicipalityId: world.berghaupten, message: 'Wir auch' },
				{ origin: ORIGIN }
			);
			if (index < 20) await asking;
			else expect((await errorOf(asking)).code).toBe('RATE_LIMITED');
		}
	});
});

describe('answering', () => {
	let projectId: number;
	let requestId: number;

	beforeAll(async () => {
		projectId = await addProject(t.db, world.kehl, 'Online-Terminvergabe', 'public', {
			contactIds: [kehlContact.personId]
		});
		requestId = await requestReuse(
			ctx(lahrMember),
			{ projectId },
			{ requestingMunicipalityId: world.lahr, message: 'Wie habt ihr das gemacht?' },
			{ origin: ORIGIN }
		);
	});

	it('lets only the right side take each step, and keeps third parties out', async () => {
		const move = (actor: PersonActor, status: string, note?: string) =>
			transitionReuseRequest(
				ctx(actor, 60),
				{ requestId, status: status as never, note },
				{
					origin: ORIGIN
				}
			);
		expect((await errorOf(move(lahrMember, 'in_discussion'))).code).toBe('FORBIDDEN');
		expect((await errorOf(move(lahrMember, 'adopted'))).code).toBe('FORBIDDEN');
		expect((await errorOf(move(kehlMember, 'withdrawn'))).code).toBe('FORBIDDEN');
		expect((await errorOf(move(gengenbachMember, 'adopted'))).code).toBe('NOT_FOUND');
		expect((await errorOf(getReuseRequest(ctx(gengenbachMember), requestId))).code).toBe(
			'NOT_FOUND'
		);
		const noNote = await errorOf(move(kehlMember, 'declined'));
		expect(noNote.code).toBe('INVALID');
		expect(noNote.fields).toEqual({ note: 'note_required' });

		await move(kehlMember, 'in_discussion', 'Rufen Sie uns an.');
		expect((await errorOf(move(kehlMember, 'in_discussion'))).code).toBe('CONFLICT');
		await move(coordinatorActor, 'adopted');
		expect((await errorOf(move(lahrMember, 'withdrawn'))).code).toBe('CONFLICT');

		const view = await getReuseRequest(ctx(kehlMember), requestId);
		expect(view.status).toBe('adopted');
		expect(view.closedAt).not.toBeNull();
		expect(view.events.map((event) => [event.status, event.note])).toEqual([
			['open', null],
			['in_discussion', 'Rufen Sie uns an.'],
			['adopted', null]
		]);
		const mails = await mailsTo(lahrMember.email);
		expect(mails.map((mail) => mail.subject)).toEqual([
			'Nachnutzung „Online-Terminvergabe“: Im Gespräch',
			'Nachnutzung „Online-Terminvergabe“: Übernommen'
		]);
		expect(mails[0]?.text_body).toContain('Rufen Sie uns an.');
		expect(mails[1]?.text_body).toContain(`${ORIGIN}/nachnutzung/${requestId}`);
	});

	it('links an existing own project, once', async () => {
		const other = await addProject(t.db, world.kehl, 'Nicht von Lahr', 'public');
		const wrong = await errorOf(linkReuseResult(ctx(lahrMember), { requestId, projectId: other }));
		expect(wrong.fields).toEqual({ projectId: 'project_not_own' });
		expect(
			(await errorOf(linkReuseResult(ctx(kehlMember), { requestId, projectId: other }))).code
		).toBe('FORBIDDEN');
		const own = await addProject(t.db, world.lahr, 'Terminvergabe Lahr', 'network');
		expect(await linkReuseResult(ctx(lahrMember), { requestId, projectId: own })).toBe(own);
		const view = await getReuseRequest(ctx(lahrMember), requestId);
		expect(view.resultProject).toEqual({ id: own, title: 'Terminvergabe Lahr' });
		expect(view.canLinkResult).toBe(false);
		expect(
			(await errorOf(linkReuseResult(ctx(lahrMember), { requestId, projectId: own }))).code
		).toBe('CONFLICT');
	});

	it('creates a draft of the requesting municipality as the result', async () => {
		const source = await addProject(t.db, world.kehl, 'Kita-Info-App', 'public');
		const id = await requestReuse(
			ctx(lahrMember),
			{ projectId: source },
			{ requestingMunicipalityId: world.lahr, message: 'Gern!' },
			{ origin: ORIGIN }
		);
		await transitionReuseRequest(
			ctx(kehlMember),
			{ requestId: id, status: 'adopted' },
			{ origin: ORIGIN }
		);
		const created = await linkReuseResult(ctx(lahrMember), { requestId: id, createProject: true });
		const project = await t.db
			.selectFrom('project')
			.select(['title', 'summary', 'municipality_id', 'status', 'visibility'])
			.where('id', '=', created)
			.executeTakeFirstOrThrow();
		expect(project).toEqual({
			title: 'Kita-Info-App',
			summary: 'Kita-Info-App in kurz.',
			municipality_id: world.lahr,
			status: 'planung',
			visibility: 'draft'
		});
	});

	it('declines with a note and mails it; a withdrawal mails the owner side', async () => {
		const declined = await addProject(t.db, world.kehl, 'Abgelehnt-Projekt', 'public', {
			contactIds: [kehlContact.personId]
		});
		const first = await requestReuse(
			ctx(lahrOther),
			{ projectId: declined },
			{ requestingMunicipalityId: world.lahr, message: 'Bitte' },
			{ origin: ORIGIN }
		);
		await transitionReuseRequest(
			ctx(kehlMember),
			{ requestId: first, status: 'declined', note: 'Passt leider nicht.' },
			{ origin: ORIGIN }
		);
		const lutz = await mailsTo(lahrOther.email);
		expect(lutz.at(-1)?.subject).toBe('Nachnutzung „Abgelehnt-Projekt“: Abgelehnt');
		expect(lutz.at(-1)?.text_body).toContain('Passt leider nicht.');

		const second = await requestReuse(
			ctx(lahrOther),
			{ projectId: declined },
			{ requestingMunicipalityId: world.lahr, message: 'Noch einmal' },
			{ origin: ORIGIN }
		);
		const before = (await mailsTo(kehlContact.email)).length;
		await transitionReuseRequest(
			ctx(lahrOther),
			{ requestId: second, status: 'withdrawn' },
			{ origin: ORIGIN }
		);
		const contact = await mailsTo(kehlContact.email);
		expect(contact).toHaveLength(before + 1);
		expect(contact.at(-1)?.subject).toBe('Nachnutzung „Abgelehnt-Projekt“: Zurückgezogen');
	});

	it('lists requests for both sides, with a status filter', async () => {
		const lahr = await listReuseRequests(ctx(lahrMember));
		expect(lahr.incoming).toEqual([]);
		expect(lahr.outgoing.map((item) => item.subjectTitle)).toContain('Online-Terminvergabe');
		const kehl = await listReuseRequests(ctx(kehlMember), { status: 'adopted' });
		expect(kehl.outgoing).toEqual([]);
		expect(kehl.incoming.length).toBeGreaterThan(0);
		expect(kehl.incoming.every((item) => item.status === 'adopted')).toBe(true);
		expect(kehl.incoming[0]?.otherMunicipalityName).toBe('Lahr/Schwarzwald');
		expect((await listReuseRequests(ctx(gengenbachMember))).incoming).toEqual([]);
	});
});

describe('products', () => {
	it('asks a municipality running the product and mails its contact for it', async () => {
		const productId = await addProduct(t.db, 'enaio');
		await addAdoption(t.db, productId, world.kehl, 'live', kehlContact.personId);
		await addAdoption(t.db, productId, world.gengenbach, 'interested', null);
		const notRunning = await errorOf(
			requestReuse(
				ctx(lahrMember),
				{ productId, ownerMunicipalityId: world.gengenbach },
				{ requestingMunicipalityId: world.lahr, message: 'Hallo' },
				{ origin: ORIGIN }
			)
		);
		expect(notRunning.fields).toEqual({ ownerMunicipalityId: 'owner_not_running' });
		const form = await getReuseRequestForm(ctx(lahrMember), { productId });
		expect(form.runners.map((runner) => runner.name)).toEqual(['Kehl']);
		const before = (await mailsTo(kehlContact.email)).length;
		const id = await requestReuse(
			ctx(lahrMember),
			{ productId, ownerMunicipalityId: world.kehl },
			{ requestingMunicipalityId: world.lahr, message: 'Wie läuft enaio bei Ihnen?' },
			{ origin: ORIGIN }
		);
		const mails = await mailsTo(kehlContact.email);
		expect(mails).toHaveLength(before + 1);
		expect(mails.at(-1)?.text_body).toContain('die Lösung „enaio“, die Kehl einsetzt');
		await transitionReuseRequest(
			ctx(kehlAdmin),
			{ requestId: id, status: 'adopted' },
			{ origin: ORIGIN }
		);
		const summary = await getProductReuseSummary(ctx(lahrMember), productId);
		expect(summary).toEqual({
			adoptedCount: 1,
			activeCount: 0,
			ownRequest: { id, status: 'adopted' },
			canRequest: true
		});
		expect((await getProductReuseSummary(ctx(kehlMember), productId)).canRequest).toBe(false);
	});
});

describe('counts', () => {
	it('counts adopting municipalities per project and wheels network-wide by visibility', async () => {
		const offenburgAdmin = await personIn(t.db, [
			{ municipalityId: world.ohlsbach, role: 'member' }
		]);
		const publicProject = await addProject(t.db, world.kehl, 'Zählprojekt', 'public');
		const networkProject = await addProject(t.db, world.kehl, 'Internes Zählprojekt', 'network');
		const anonymous = { kind: 'anonymous' } as const;
		const wheelsBefore = {
			anonymous: await wheelsOf(ctx(anonymous)),
			member: await wheelsOf(ctx(lahrMember))
		};
		for (const [actor, municipalityId] of [
			[lahrMember, world.lahr],
			[offenburgAdmin, world.ohlsbach]
		] as const) {
			for (const projectId of [publicProject, networkProject]) {
				const id = await requestReuse(
					ctx(actor),
					{ projectId },
					{ requestingMunicipalityId: municipalityId, message: 'Wir auch' },
					{ origin: ORIGIN }
				);
				await transitionReuseRequest(
					ctx(kehlMember),
					{ requestId: id, status: 'adopted' },
					{
						origin: ORIGIN
					}
				);
			}
		}
		await requestReuse(
			ctx(gengenbachMember),
			{ projectId: publicProject },
			{ requestingMunicipalityId: world.gengenbach, message: 'Wir auch' },
			{ origin: ORIGIN }
		);
		expect(await getProjectReuseSummary(ctx(anonymous), publicProject)).toEqual({
			adoptedCount: 2,
			activeCount: 1,
			ownRequest: null,
			canRequest: false
		});
		const forGengenbach = await getProjectReuseSummary(ctx(gengenbachMember), publicProject);
		expect(forGengenbach.ownRequest?.status).toBe('open');
		expect(forGengenbach.canRequest).toBe(false);
		expect((await getProjectReuseSummary(ctx(kehlMember), publicProject)).canRequest).toBe(false);
		expect((await errorOf(getProjectReuseSummary(ctx(anonymous), networkProject))).code).toBe(
			'NOT_FOUND'
		);
		expect(await wheelsOf(ctx(anonymous))).toBe(wheelsBefore.anonymous + 2);
		expect(await wheelsOf(ctx(lahrMember))).toBe(wheelsBefore.member + 4);

		// A project that becomes a draft leaves the visitors' count and the others' view.
		await t.db
			.updateTable('project')
			.set({ visibility: 'draft' })
			.where('id', '=', publicProject)
			.execute();
		expect(await wheelsOf(ctx(anonymous))).toBe(wheelsBefore.anonymous);
		expect(await wheelsOf(ctx(await actorFor(t.db, gengenbachMember.personId)))).toBe(
			wheelsBefore.member + 2
		);
		const list = await listReuseRequests(ctx(gengenbachMember));
		expect(list.outgoing[0]?.subjectTitle).toBeNull();
	});
});
