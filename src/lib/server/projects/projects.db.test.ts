/**
 * The project catalogue against a real database, on SQLite and PostgreSQL: writing with revision
 * and status history, who may edit, soft deletion, every list filter and visibility.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { ANONYMOUS, type Actor, type PersonActor } from '../context';
import { inTransaction } from '../db';
import { germanSortKey } from '../text/sort-key';
import {
	createProject,
	createQuickNote,
	deleteProject,
	getProject,
	getProjectForEdit,
	listDeletedProjects,
	listOwnerChoices,
	listProjectRevisions,
	listProjects,
	parseProjectFilter,
	projectScopeOf,
	projectVisibleTo,
	restoreProject,
	updateProject,
	type ProjectInputRaw
} from './index';

const t = useTestDatabase();
const ids: Record<string, number> = {};
let people = 0;
let productId = 0;
let otherProductId = 0;
let domainId = 0;
let associationId = 0;

async function person(
	name: string,
	municipalities: string[],
	extra: {
		isCoordinator?: boolean;
		readOnly?: boolean;
		emailVisibility?: 'network' | 'municipality' | 'hidden';
	} = {}
): Promise<PersonActor> {
	people += 1;
	return insertPersonActor(
		t.db,
		{
			email: `p${people}@projekte.example`,
			display_name: name,
			name_sort: germanSortKey(name),
			job_title: 'Digitallotsin',
			phone: '07851 123',
			email_visibility: extra.emailVisibility ?? 'network',
			phone_visibility: 'municipality',
			updated_at: '2026-11-25T10:00:00.000Z'
		},
		municipalities.map((key) => ids[key]!),
		{ ...extra, hasTwoFactor: true }
	);
}

let kehl: PersonActor;
let lahr: PersonActor;
let gengenbach: PersonActor;
let coordinator: PersonActor;
let readOnly: PersonActor;

function base(overrides: ProjectInputRaw = {}): ProjectInputRaw {
	return {
		title: 'E-Akte',
		municipalityId: ids.kehl,
		status: 'umsetzung',
		visibility: 'public',
		...overrides
	};
}

beforeAll(async () => {
	const association = await t.db
		.insertInto('association')
		.values({ name: 'GVV Kinzigtal', name_sort: 'gvv kinzigtal' })
		.returning('id')
		.executeTakeFirstOrThrow();
	associationId = association.id;
	for (const [key, ags, name, status, assoc] of [
		['kehl', '08317057', 'Kehl', 'member', null],
		['lahr', '08317065', 'Lahr', 'member', null],
		['gengenbach', '08317038', 'Gengenbach', 'member', associationId],
		['achern', '08317001', 'Achern', 'none', null]
	] as const) {
		const row = await t.db
			.insertInto('municipality')
			.values({
				ags,
				name,
				name_sort: germanSortKey(name),
				type: 'stadt',
				association_id: assoc,
				membership_status: status,
				is_founding_member: false,
				is_demo: false,
				updated_at: '2026-11-25T10:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids[key] = row.id;
	}
	const vendor = await t.db
		.insertInto('vendor')
		.values({ name: 'Optimal Systems', name_sort: 'optimal systems' })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const name of ['enaio', 'Kita-Portal']) {
		const row = await t.db
			.insertInto('product')
			.values({
				name,
				name_sort: germanSortKey(name),
				vendor_id: vendor.id,
				category: 'dms',
				updated_at: '2026-11-25T10:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (name === 'enaio') productId = row.id;
		else otherProductId = row.id;
	}
	const domain = await t.db.selectFrom('domain').select('id').executeTakeFirstOrThrow();
	domainId = domain.id;
	kehl = await person('Özlem Arslan', ['kehl']);
	lahr = await person('Peter Zeller', ['lahr'], { emailVisibility: 'municipality' });
	gengenbach = await person('Gisela Gengenbacher', ['gengenbach']);
	coordinator = await person('Kora Koordination', [], { isCoordinator: true });
	readOnly = await person('Tina Token', ['kehl'], { readOnly: true });
});

describe('writing projects', () => {
	it('creates a full project with all its parts, a status change and a revision', async () => {
		const topic = await t.db.selectFrom('topic_field').select('key').executeTakeFirstOrThrow();
		const { id } = await createProject(
			t.ctx(lahr),
			base({
				title: 'E-Akte auf enaio',
				summary: 'Die ganze Verwaltung arbeitet mit der E-Akte.',
				descriptionMd: '**Einführung** in allen Ämtern',
				municipalityId: ids.lahr,
				partnerMunicipalityIds: [ids.kehl, ids.lahr],
				status: 'betrieb',
				statusChangedOn: '2024-03-01',
				domainId,
				topicFieldKey: topic.key,
				tags: 'E-Akte, DMS',
				productIds: [productId],
				startedOn: '2022-01-10',
				liveOn: '2024-03-01',
				costsOnceCents: 12_000_000,
				costsYearlyCents: 1_800_000,
				hoursSavedPerYear: 2000,
				casesPerYear: 15000,
				contactPersonIds: [lahr.personId, kehl.personId],
				links: [{ label: 'Bericht', url: 'https://lahr.de/e-akte' }],
				visibility: 'public',
				partnersCanEdit: true
			})
		);
		const detail = await getProject(t.ctx(kehl), id);
		expect(detail.owner.name).toBe('Lahr');
		expect(detail.partners.map((p) => p.name)).toEqual(['Kehl']);
		expect(detail.products).toEqual([{ id: productId, name: 'enaio', vendor: 'Optimal Systems' }]);
		expect(detail.tags).toEqual(['DMS', 'E-Akte']);
		expect(detail.domain?.id).toBe(domainId);
		expect(detail.topicField?.key).toBe(topic.key);
		expect(detail.costsOnceCents).toBe(12_000_000);
		expect(detail.links).toEqual([{ label: 'Bericht', url: 'https://lahr.de/e-akte' }]);
		expect(detail.statusHistory).toEqual([{ status: 'betrieb', changedOn: '2024-03-01' }]);
		expect(detail.descriptionHtml).toContain('<strong>Einführung</strong>');
		expect(detail.canEdit).toBe(true); // partners may edit here
		expect(detail.canDelete).toBe(false); // but not delete
		// Contacts: Kehl's viewer shares no municipality with Peter (visibility `municipality`).
		const peter = detail.contacts.find((c) => c.id === lahr.personId);
		expect(peter).toMatchObject({ name: 'Peter Zeller', jobTitle: 'Digitallotsin', email: null });
		const oezlem = detail.contacts.find((c) => c.id === kehl.personId);
		expect(oezlem?.email).toMatch(/@projekte\.example$/);
		// Anonymous visitors: names and functions only.
		const seenByPublic = await getProject(t.ctx(ANONYMOUS), id);
		expect(seenByPublic.contacts.map((c) => [c.name, c.email, c.phone])).toEqual([
			['Peter Zeller', null, null],
			['Özlem Arslan', null, null]
		]);
		expect(seenByPublic.canEdit).toBe(false);
		const history = await listProjectRevisions(t.ctx(lahr), id);
		expect(history.revisions).toHaveLength(1);
		expect(history.revisions[0]).toMatchObject({ action: 'created', actorLabel: 'Peter Zeller' });
		expect(history.revisions[0]!.changes.map((c) => c.field)).toContain('costsOnceCents');
	});

	it('adds a quick note with visibility network by default', async () => {
		const { id } = await createQuickNote(t.ctx(gengenbach), {
			title: 'Online-Anmeldung Kita',
			status: 'idee',
			summary: 'Eltern melden ihr Kind online an.',
			municipalityId: String(ids.gengenbach)
		});
		const detail = await getProject(t.ctx(gengenbach), id);
		expect(detail).toMatchObject({
			title: 'Online-Anmeldung Kita',
			status: 'idee',
			visibility: 'network',
			summary: 'Eltern melden ihr Kind online an.'
		});
		expect(detail.statusHistory).toEqual([{ status: 'idee', changedOn: '2026-11-25' }]);
		expect((await errorOf(getProject(t.ctx(ANONYMOUS), id))).code).toBe('NOT_FOUND');
	});

	it('refuses bad input and references with field codes, writing nothing', async () => {
		const before = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const bad = await errorOf(
			createProject(t.ctx(kehl), base({ title: '', links: [{ label: 'x', url: 'ftp://x' }] }))
		);
		expect(bad.fields).toEqual({ title: 'title_required', 'links.0.url': 'url_invalid' });
		const refs = await errorOf(
			createProject(
				t.ctx(kehl),
				base({
					partnerMunicipalityIds: [999_999],
					domainId: 999_999,
					topicFieldKey: 'gibt-es-nicht',
					productIds: [999_999],
					contactPersonIds: [lahr.personId]
				})
			)
		);
		expect(refs.fields).toEqual({
			partnerMunicipalityIds: 'partner_invalid',
			domainId: 'domain_invalid',
			topicFieldKey: 'topic_field_invalid',
			productIds: 'product_invalid',
			contactPersonIds: 'contact_invalid'
		});
		// Achern is no member; Kehl's person cannot add for Lahr.
		const coordinatorCtx = t.ctx(coordinator);
		expect(
			(await errorOf(createProject(coordinatorCtx, base({ municipalityId: ids.achern })))).fields
		).toEqual({ municipalityId: 'municipality_not_member' });
		expect(
			(await errorOf(createProject(t.ctx(kehl), base({ municipalityId: ids.lahr })))).fields
		).toEqual({ municipalityId: 'municipality_not_yours' });
		expect((await errorOf(createProject(t.ctx(readOnly), base()))).code).toBe('FORBIDDEN');
		expect((await errorOf(createProject(t.ctx(ANONYMOUS), base()))).code).toBe('FORBIDDEN');
		const after = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('updates with a revision of the changed fields and a status change when the status changed', async () => {
		const { id } = await createProject(t.ctx(kehl), base({ title: 'E-Payment' }));
		await updateProject(
			t.ctx(kehl, () => new Date('2026-11-26T09:00:00Z')),
			id,
			base({ title: 'E-Payment Finanzen', status: 'betrieb', statusChangedOn: '2026-11-26' })
		);
		const history = await listProjectRevisions(t.ctx(kehl), id);
		expect(history.revisions[0]).toMatchObject({ action: 'updated', actorLabel: 'Özlem Arslan' });
		expect(history.revisions[0]!.changes).toEqual([
			{ field: 'title', before: 'E-Payment', after: 'E-Payment Finanzen' },
			{ field: 'status', before: 'umsetzung', after: 'betrieb' }
		]);
		expect(history.statusHistory).toEqual([
			{ status: 'betrieb', changedOn: '2026-11-26' },
			{ status: 'umsetzung', changedOn: '2026-11-25' }
		]);
		// Saving unchanged values leaves no empty revision and no status change.
		await updateProject(t.ctx(kehl), id, base({ title: 'E-Payment Finanzen', status: 'betrieb' }));
		const again = await listProjectRevisions(t.ctx(kehl), id);
		expect(again.revisions).toHaveLength(2);
		expect(again.statusHistory).toHaveLength(2);
		const detail = await getProject(t.ctx(kehl), id);
		expect(detail.updatedAt).toBe('2026-11-26T09:00:00.000Z');
	});

	it('lets partners edit only where the owner allows, and never their own rights', async () => {
		const { id } = await createProject(
			t.ctx(kehl),
			base({ title: 'Bürgerportal', partnerMunicipalityIds: [ids.lahr] })
		);
		const refused = await errorOf(
			updateProject(
				t.ctx(lahr),
				id,
				base({ title: 'Von Lahr geändert', partnerMunicipalityIds: [ids.lahr] })
			)
		);
		expect(refused.code).toBe('FORBIDDEN');
		await updateProject(
			t.ctx(kehl),
			id,
			base({ title: 'Bürgerportal', partnerMunicipalityIds: [ids.lahr], partnersCanEdit: true })
		);
		await updateProject(
			t.ctx(lahr),
			id,
			base({
				title: 'Bürgerportal (gemeinsam)',
				partnerMunicipalityIds: [ids.lahr],
				partnersCanEdit: true
			})
		);
		expect((await getProject(t.ctx(lahr), id)).title).toBe('Bürgerportal (gemeinsam)');
		const widen = await errorOf(
			updateProject(
				t.ctx(lahr),
				id,
				base({
					title: 'Bürgerportal (gemeinsam)',
					partnerMunicipalityIds: [ids.lahr, ids.gengenbach],
					partnersCanEdit: true
				})
			)
		);
		expect(widen.fields).toEqual({ municipalityId: 'owner_only' });
		// A member of another municipality can neither edit nor open the form.
		expect((await errorOf(updateProject(t.ctx(gengenbach), id, base()))).code).toBe('FORBIDDEN');
		expect((await errorOf(getProjectForEdit(t.ctx(gengenbach), id))).code).toBe('FORBIDDEN');
		// A read-only token of the owner changes nothing.
		expect((await errorOf(updateProject(t.ctx(readOnly), id, base()))).code).toBe('FORBIDDEN');
		expect((await getProject(t.ctx(kehl), id)).title).toBe('Bürgerportal (gemeinsam)');
	});

	it('offers the edit form its choices: products, people of owner and partners', async () => {
		const { id } = await createProject(
			t.ctx(kehl),
			base({ title: 'Formular-Test', partnerMunicipalityIds: [ids.lahr] })
		);
		const form = await getProjectForEdit(t.ctx(kehl), id);
		expect(form.choices.products.map((p) => p.name)).toEqual(['enaio', 'Kita-Portal']);
		expect(form.choices.people.map((p) => p.name)).toEqual(
			expect.arrayContaining(['Özlem Arslan', 'Peter Zeller'])
		);
		expect(form.choices.people.map((p) => p.name)).not.toContain('Gisela Gengenbacher');
		expect(form.choices.owners.map((o) => o.name)).toEqual(['Kehl']);
		expect(form.canManageSharing).toBe(true);
		expect((await listOwnerChoices(t.ctx(gengenbach))).map((o) => o.name)).toEqual(['Gengenbach']);
		expect(await listOwnerChoices(t.ctx(ANONYMOUS))).toEqual([]);
	});

	it('works inside an outer transaction (importer) and rolls back with it', async () => {
		const title = 'Import-Rollback-Test';
		await expect(
			inTransaction(t.db, async (tx) => {
				const ctx = { ...t.ctx(kehl), db: tx };
				await createProject(ctx, base({ title }), { action: 'imported' });
				await createProject(ctx, base({ title: `${title} 2` }), { action: 'imported' });
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		const found = await t.db
			.selectFrom('project')
			.select('id')
			.where('title', 'like', `${title}%`)
			.execute();
		expect(found).toEqual([]);
	});
});

describe('deleting and restoring', () => {
	it('hides a deleted project until the coordination restores it', async () => {
		const { id } = await createProject(t.ctx(kehl), base({ title: 'Wird gelöscht' }));
		expect((await errorOf(deleteProject(t.ctx(lahr), id))).code).toBe('FORBIDDEN');
		expect((await errorOf(deleteProject(t.ctx(readOnly), id))).code).toBe('FORBIDDEN');
		await deleteProject(t.ctx(kehl), id);
		expect((await errorOf(getProject(t.ctx(kehl), id))).code).toBe('NOT_FOUND');
		expect((await errorOf(getProject(t.ctx(ANONYMOUS), id))).code).toBe('NOT_FOUND');
		const list = await listProjects(
			t.ctx(kehl),
			parseProjectFilter(new URLSearchParams('q=gelöscht'))
		);
		expect(list.total).toBe(0);
		expect((await errorOf(restoreProject(t.ctx(kehl), id))).code).toBe('FORBIDDEN');
		expect((await errorOf(listDeletedProjects(t.ctx(kehl)))).code).toBe('FORBIDDEN');
		const deleted = await listDeletedProjects(t.ctx(coordinator));
		expect(deleted.find((d) => d.id === id)).toMatchObject({
			title: 'Wird gelöscht',
			deletedBy: 'Özlem Arslan',
			owner: { name: 'Kehl' }
		});
		await restoreProject(t.ctx(coordinator), id);
		expect((await getProject(t.ctx(ANONYMOUS), id)).title).toBe('Wird gelöscht');
		const history = await listProjectRevisions(t.ctx(kehl), id);
		expect(history.revisions.map((r) => r.action)).toEqual(['restored', 'deleted', 'created']);
		expect((await errorOf(restoreProject(t.ctx(coordinator), id))).code).toBe('NOT_FOUND');
	});
});

describe('the list', () => {
	const created: Record<string, number> = {};

	beforeAll(async () => {
		const clock = (iso: string) => () => new Date(iso);
		created.kitaGengenbach = (
			await createProject(
				t.ctx(gengenbach, clock('2026-01-01T10:00:00Z')),
				base({
					title: 'Kita-Platzvergabe Übersicht',
					summary: 'Zentrale Vergabe der Kitaplätze.',
					municipalityId: ids.gengenbach,
					status: 'planung',
					tags: ['Kita'],
					startedOn: '2025-05-01'
				})
			)
		).id;
		created.payKehl = (
			await createProject(
				t.ctx(kehl, clock('2026-02-01T10:00:00Z')),
				base({
					title: 'Zahlungsverkehr online',
					summary: 'E-Payment für Gebühren, ÜBERALL.',
					status: 'betrieb',
					domainId,
					productIds: [otherProductId],
					partnerMunicipalityIds: [ids.gengenbach],
					liveOn: '2024-06-01',
					startedOn: '2023-01-01',
					tags: ['E-Payment', 'Finanzen']
				})
			)
		).id;
		created.networkKehl = (
			await createProject(
				t.ctx(kehl, clock('2026-03-01T10:00:00Z')),
				base({ title: 'Interne Wissensdatenbank', visibility: 'network', status: 'betrieb' })
			)
		).id;
		created.draftKehl = (
			await createProject(
				t.ctx(kehl, clock('2026-04-01T10:00:00Z')),
				base({ title: 'Geheimer Entwurf', visibility: 'draft', status: 'idee' })
			)
		).id;
		// One adopted reuse request on the payment project.
		await t.db
			.insertInto('reuse_request')
			.values({
				project_id: created.payKehl,
				requesting_municipality_id: ids.lahr!,
				owner_municipality_id: ids.kehl!,
				message: 'Das wollen wir auch',
				status: 'adopted',
				updated_at: '2026-04-02T10:00:00.000Z'
			})
			.execute();
	});

	async function titles(actor: Actor, query: string): Promise<string[]> {
		const page = await listProjects(t.ctx(actor), parseProjectFilter(new URLSearchParams(query)));
		return page.items
			.map((item) => item.title)
			.filter((title) =>
				[
					'Kita-Platzvergabe Übersicht',
					'Zahlungsverkehr online',
					'Interne Wissensdatenbank',
					'Geheimer Entwurf'
				].includes(title)
			);
	}

	it('shows anonymous visitors public projects only, in list, count and detail', async () => {
		const page = await listProjects(t.ctx(ANONYMOUS), parseProjectFilter(new URLSearchParams()));
		expect(page.items.every((item) => item.visibility === 'public')).toBe(true);
		const publicCount = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('visibility', '=', 'public')
			.where('deleted_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(page.total).toBe(Number(publicCount.n));
		expect(await titles(ANONYMOUS, 'q=wissensdatenbank')).toEqual([]);
		expect(
			(await listProjects(t.ctx(ANONYMOUS), parseProjectFilter(new URLSearchParams('q=geheim'))))
				.total
		).toBe(0);
		expect((await errorOf(getProject(t.ctx(ANONYMOUS), created.networkKehl!))).code).toBe(
			'NOT_FOUND'
		);
		expect((await errorOf(getProject(t.ctx(ANONYMOUS), created.draftKehl!))).code).toBe(
			'NOT_FOUND'
		);
		expect((await errorOf(listProjectRevisions(t.ctx(ANONYMOUS), created.draftKehl!))).code).toBe(
			'NOT_FOUND'
		);
	});

	it('shows members network projects and drafts of their own municipalities only', async () => {
		expect(await titles(lahr, 'q=wissensdatenbank')).toEqual(['Interne Wissensdatenbank']);
		expect(await titles(lahr, 'q=entwurf')).toEqual([]);
		expect((await errorOf(getProject(t.ctx(lahr), created.draftKehl!))).code).toBe('NOT_FOUND');
		expect(await titles(kehl, 'q=entwurf')).toEqual(['Geheimer Entwurf']);
		expect(await titles(coordinator, 'q=entwurf')).toEqual(['Geheimer Entwurf']);
		// A read-only token reads like its person.
		expect(await titles(readOnly, 'q=entwurf')).toEqual(['Geheimer Entwurf']);
	});

	it('counts exactly what the visibility rule shows, per actor (partner drafts included)', async () => {
		const { id } = await createProject(
			t.ctx(kehl),
			base({
				title: 'Gemeinsamer Entwurf',
				visibility: 'draft',
				partnerMunicipalityIds: [ids.lahr]
			})
		);
		expect(await titles(lahr, 'q=gemeinsamer')).toEqual([]); // filtered by the helper below
		const lahrPage = await listProjects(
			t.ctx(lahr),
			parseProjectFilter(new URLSearchParams('q=gemeinsamer entwurf'))
		);
		expect(lahrPage.items.map((i) => i.id)).toEqual([id]);
		expect((await getProject(t.ctx(lahr), id)).title).toBe('Gemeinsamer Entwurf');
		for (const actor of [ANONYMOUS, kehl, lahr, gengenbach, coordinator] as Actor[]) {
			const page = await listProjects(t.ctx(actor), parseProjectFilter(new URLSearchParams()));
			const expected = await t.db
				.selectFrom('project')
				.where(projectVisibleTo(projectScopeOf(actor)))
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(page.total).toBe(Number(expected.n));
		}
	});

	it('filters by text, case- and umlaut-insensitively, in title and summary', async () => {
		expect(await titles(ANONYMOUS, 'q=UBERSICHT')).toEqual(['Kita-Platzvergabe Übersicht']);
		expect(await titles(ANONYMOUS, 'q=kita platzvergabe')).toEqual(['Kita-Platzvergabe Übersicht']);
		expect(await titles(ANONYMOUS, 'q=e-payment')).toEqual(['Zahlungsverkehr online']);
		expect(await titles(ANONYMOUS, 'q=100%25')).toEqual([]);
	});

	it('filters by status (several), owner, association, domain, product, partner, tag and reuse', async () => {
		expect(await titles(kehl, 'status=planung&status=idee')).toEqual([
			'Geheimer Entwurf',
			'Kita-Platzvergabe Übersicht'
		]);
		expect(await titles(kehl, 'kommune=08317038')).toEqual(['Kita-Platzvergabe Übersicht']);
		expect(await titles(kehl, `verband=${associationId}`)).toEqual(['Kita-Platzvergabe Übersicht']);
		expect(await titles(kehl, `fachbereich=${domainId}&q=zahlung`)).toEqual([
			'Zahlungsverkehr online'
		]);
		expect(await titles(kehl, `loesung=${otherProductId}`)).toEqual(['Zahlungsverkehr online']);
		expect(await titles(kehl, 'partner=08317038')).toEqual(['Zahlungsverkehr online']);
		expect(await titles(kehl, 'schlagwort=e payment')).toEqual(['Zahlungsverkehr online']);
		expect(await titles(kehl, 'nachnutzung=1')).toEqual(['Zahlungsverkehr online']);
		expect(await titles(kehl, 'kommune=08399999')).toEqual([]);
		const page = await listProjects(
			t.ctx(kehl),
			parseProjectFilter(new URLSearchParams('nachnutzung=1'))
		);
		expect(page.items[0]).toMatchObject({ adoptedCount: 1, tags: ['E-Payment', 'Finanzen'] });
		expect(page.items[0]!.owner).toMatchObject({ name: 'Kehl', ags: '08317057' });
	});

	it('filters by topic field', async () => {
		const topic = await t.db.selectFrom('topic_field').select('key').executeTakeFirstOrThrow();
		const { id } = await createProject(
			t.ctx(kehl),
			base({ title: 'Themenfeld-Projekt', topicFieldKey: topic.key })
		);
		const page = await listProjects(
			t.ctx(kehl),
			parseProjectFilter(new URLSearchParams(`themenfeld=${topic.key}`))
		);
		expect(page.items.map((i) => i.id)).toContain(id);
		expect(page.items.every((i) => i.topicFieldKey === topic.key)).toBe(true);
	});

	it('sorts by update, title, start and go-live, and pages by 20', async () => {
		const q = 'status=planung&status=betrieb&status=idee&q=';
		const mine = async (sort: string) =>
			(await titles(kehl, `${q}&sort=${sort}`)).filter((title) => title !== 'Geheimer Entwurf');
		expect(await mine('titel')).toEqual([
			'Interne Wissensdatenbank',
			'Kita-Platzvergabe Übersicht',
			'Zahlungsverkehr online'
		]);
		expect((await mine('start')).slice(0, 2)).toEqual([
			'Kita-Platzvergabe Übersicht',
			'Zahlungsverkehr online'
		]);
		expect((await mine('betrieb'))[0]).toBe('Zahlungsverkehr online');
		const updated = await listProjects(t.ctx(kehl), parseProjectFilter(new URLSearchParams()));
		const sortedDesc = [...updated.items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
		expect(updated.items.map((i) => i.id)).toEqual(sortedDesc.map((i) => i.id));

		for (let index = 0; index < 21; index++) {
			await createProject(
				t.ctx(gengenbach),
				base({ title: `Serie ${index}`, municipalityId: ids.gengenbach, tags: ['Serie'] })
			);
		}
		const first = await listProjects(
			t.ctx(ANONYMOUS),
			parseProjectFilter(new URLSearchParams('schlagwort=serie'))
		);
		expect(first).toMatchObject({ total: 21, pageCount: 2, page: 1 });
		expect(first.items).toHaveLength(20);
		const last = await listProjects(
			t.ctx(ANONYMOUS),
			parseProjectFilter(new URLSearchParams('schlagwort=serie&seite=9'))
		);
		expect(last).toMatchObject({ page: 2 });
		expect(last.items).toHaveLength(1);
	});
});
