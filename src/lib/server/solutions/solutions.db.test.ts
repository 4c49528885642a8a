/**
 * The solutions register against a real database, on SQLite and PostgreSQL: products and their
 * vendors, adoptions and who may record them, and what the product page shows to whom.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import type { Actor, PersonActor } from '../context';
import { inTransaction } from '../db';
import type { ContactVisibility, ProjectVisibility } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import {
	adoptProduct,
	createProduct,
	deleteProduct,
	getAdoptionForm,
	getProductPage,
	listProductOptions,
	listProducts,
	parseProductFilter,
	recordAdoption,
	removeAdoption,
	restoreProduct,
	updateProduct,
	type ProductInput
} from './index';

const t = useTestDatabase();
const NOW = '2026-11-25T10:00:00.000Z';
const municipalityIds: Record<string, number> = {};
const KEHL = '08317057';
const LAHR = '08317065';
const OFFENBURG = '08317096';

let people = 0;
async function person(
	name: string,
	ags: string[],
	extra: {
		isCoordinator?: boolean;
		readOnly?: boolean;
		emailVisibility?: ContactVisibility;
		phoneVisibility?: ContactVisibility;
	} = {}
): Promise<PersonActor> {
	people += 1;
	return insertPersonActor(
		t.db,
		{
			email: `solutions${people}@example.org`,
			display_name: name,
			name_sort: germanSortKey(name),
			phone: '07851 88-0',
			email_visibility: extra.emailVisibility ?? 'network',
			phone_visibility: extra.phoneVisibility ?? 'network',
			updated_at: NOW
		},
		ags.map((code) => municipalityIds[code]!),
		extra
	);
}

function product(overrides: Partial<ProductInput> = {}): ProductInput {
	return {
		name: 'enaio',
		vendorName: 'OPTIMAL SYSTEMS',
		category: 'dms',
		website: 'https://www.optimal-systems.de',
		isOpenSource: false,
		licence: null,
		operator: 'Komm.ONE',
		descriptionMd: 'E-Akte und **Dokumentenmanagement**',
		...overrides
	};
}

async function project(
	title: string,
	ags: string,
	visibility: ProjectVisibility,
	productId: number
): Promise<number> {
	const row = await t.db
		.insertInto('project')
		.values({
			title,
			title_sort: germanSortKey(title),
			municipality_id: municipalityIds[ags]!,
			status: 'betrieb',
			visibility,
			updated_at: NOW
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('project_product')
		.values({ project_id: row.id, product_id: productId })
		.execute();
	return row.id;
}

let kehlMember: PersonActor;
let kehlContact: PersonActor;
let lahrMember: PersonActor;
let offenburgMember: PersonActor;
let coordinator: PersonActor;
let readOnly: PersonActor;
const anonymous: Actor = { kind: 'anonymous' };

beforeAll(async () => {
	for (const [ags, name] of [
		[KEHL, 'Kehl'],
		[LAHR, 'Lahr'],
		[OFFENBURG, 'Offenburg']
	] as const) {
		const row = await t.db
			.insertInto('municipality')
			.values({
				ags,
				name,
				name_sort: germanSortKey(name),
				type: 'stadt',
				membership_status: 'member',
				is_founding_member: false,
				is_demo: false,
				updated_at: NOW
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		municipalityIds[ags] = row.id;
	}
	kehlMember = await person('Karla Kehler', [KEHL]);
	kehlContact = await person('Konrad Kontakt', [KEHL], {
		emailVisibility: 'network',
		phoneVisibility: 'municipality'
	});
	lahrMember = await person('Lena Lahrer', [LAHR]);
	offenburgMember = await person('Otto Offenburger', [OFFENBURG]);
	coordinator = await person('Cora Koordination', [], { isCoordinator: true });
	readOnly = await person('Rudi Lesend', [KEHL], { readOnly: true });
});

describe('products', () => {
	it('creates a product with a new vendor and reuses the vendor by its sort key', async () => {
		const first = await createProduct(t.ctx(kehlMember), product({ name: 'enaio E-Akte' }));
		const second = await createProduct(
			t.ctx(lahrMember),
			product({ name: 'enaio Workflow', vendorName: 'Optimal  Systems', category: 'fachverfahren' })
		);
		const rows = await t.db
			.selectFrom('product')
			.select(['id', 'vendor_id', 'name_sort', 'created_by_person_id'])
			.where('id', 'in', [first.id, second.id])
			.orderBy('id')
			.execute();
		expect(rows[0]!.vendor_id).not.toBeNull();
		expect(rows[1]!.vendor_id).toBe(rows[0]!.vendor_id);
		expect(rows[0]!.name_sort).toBe('enaio e akte');
		expect(rows[0]!.created_by_person_id).toBe(kehlMember.personId);
		const vendors = await t.db.selectFrom('vendor').select('name').execute();
		expect(vendors.map((v) => v.name)).toEqual(['OPTIMAL SYSTEMS']);
	});

	it('refuses the same name with the same vendor, but not with another vendor', async () => {
		await createProduct(
			t.ctx(kehlMember),
			product({ name: 'Bürgerportal', vendorName: 'Anbieter A' })
		);
		const error = await errorOf(
			createProduct(t.ctx(lahrMember), product({ name: 'BÜRGERPORTAL', vendorName: 'anbieter  a' }))
		);
		expect(error.code).toBe('INVALID');
		expect(error.fields).toEqual({ name: 'name_taken' });
		await expect(
			createProduct(t.ctx(lahrMember), product({ name: 'Bürgerportal', vendorName: 'Anbieter B' }))
		).resolves.toHaveProperty('id');
	});

	it('updates a product and refuses to rename it onto another one', async () => {
		const { id } = await createProduct(
			t.ctx(kehlMember),
			product({ name: 'Termino', vendorName: null })
		);
		await createProduct(t.ctx(kehlMember), product({ name: 'Termino Plus', vendorName: null }));
		await updateProduct(
			t.ctx(offenburgMember),
			id,
			product({ name: 'Termino 2', vendorName: 'Termin GmbH', category: 'termin', website: null })
		);
		const row = await t.db
			.selectFrom('product')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('Termino 2');
		expect(row.category).toBe('termin');
		expect(row.website).toBeNull();
		expect(row.vendor_id).not.toBeNull();
		const error = await errorOf(
			updateProduct(t.ctx(kehlMember), id, product({ name: 'Termino Plus', vendorName: null }))
		);
		expect(error.fields).toEqual({ name: 'name_taken' });
	});

	it('validates input and changes nothing on bad input', async () => {
		const before = await t.db.selectFrom('product').select('id').execute();
		const error = await errorOf(
			createProduct(
				t.ctx(kehlMember),
				product({ name: ' ', category: 'quatsch' as never, website: 'javascript:alert(1)' })
			)
		);
		expect(error.fields).toEqual({
			name: 'name_required',
			category: 'category_invalid',
			website: 'website_invalid'
		});
		const after = await t.db.selectFrom('product').select('id').execute();
		expect(after.length).toBe(before.length);
	});

	it('refuses visitors and read-only tokens', async () => {
		expect((await errorOf(createProduct(t.ctx(anonymous), product({ name: 'X1' })))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(createProduct(t.ctx(readOnly), product({ name: 'X2' })))).code).toBe(
			'FORBIDDEN'
		);
		const { id } = await createProduct(
			t.ctx(kehlMember),
			product({ name: 'X3', vendorName: null })
		);
		expect((await errorOf(updateProduct(t.ctx(readOnly), id, product({ name: 'X4' })))).code).toBe(
			'FORBIDDEN'
		);
	});

	it('joins an outer transaction (an importer adds many at once, all or nothing)', async () => {
		await expect(
			inTransaction(t.db, async (tx) => {
				const ctx = { ...t.ctx(kehlMember), db: tx };
				await createProduct(ctx, product({ name: 'Import Eins', vendorName: 'Import AG' }));
				await createProduct(ctx, product({ name: 'Import Zwei', vendorName: 'Import AG' }));
				throw new Error('row 3 is broken');
			})
		).rejects.toThrow('row 3 is broken');
		const rows = await t.db
			.selectFrom('product')
			.select('id')
			.where('name', 'like', 'Import%')
			.execute();
		expect(rows).toEqual([]);
		const vendors = await t.db
			.selectFrom('vendor')
			.select('id')
			.where('name', '=', 'Import AG')
			.execute();
		expect(vendors).toEqual([]);
	});

	it('lets only the coordination delete and restore, and hides deleted products', async () => {
		const { id } = await createProduct(
			t.ctx(kehlMember),
			product({ name: 'Löschkandidat', vendorName: null })
		);
		expect((await errorOf(deleteProduct(t.ctx(kehlMember), id))).code).toBe('FORBIDDEN');
		await deleteProduct(t.ctx(coordinator), id);
		const deletedView = parseProductFilter(new URLSearchParams('geloescht=ja'));
		expect((await listProducts(t.ctx(coordinator), deletedView)).items.map((p) => p.id)).toEqual([
			id
		]);
		expect(
			(await listProducts(t.ctx(kehlMember), deletedView)).items.map((p) => p.id)
		).not.toContain(id);
		expect((await listProductOptions(t.ctx(kehlMember))).some((p) => p.id === id)).toBe(false);
		expect((await errorOf(getProductPage(t.ctx(kehlMember), id))).code).toBe('NOT_FOUND');
		expect((await getProductPage(t.ctx(coordinator), id)).canRestore).toBe(true);
		expect((await errorOf(restoreProduct(t.ctx(kehlMember), id))).code).toBe('NOT_FOUND');
		await restoreProduct(t.ctx(coordinator), id);
		expect((await listProductOptions(t.ctx(anonymous))).some((p) => p.id === id)).toBe(true);
	});

	it('lists options by name and pages of the register with filters', async () => {
		const options = await listProductOptions(t.ctx(anonymous));
		const keys = options.map((o) => germanSortKey(o.name));
		expect(keys).toEqual([...keys].sort());
		const dms = await listProducts(
			t.ctx(anonymous),
			parseProductFilter(new URLSearchParams('kategorie=dms&q=enaio'))
		);
		expect(dms.items.map((p) => p.name)).toEqual(['enaio E-Akte']);
		expect(dms.total).toBe(1);
		const byVendor = await listProducts(
			t.ctx(anonymous),
			parseProductFilter(new URLSearchParams('q=optimal'))
		);
		expect(byVendor.items.map((p) => p.name)).toEqual(['enaio E-Akte', 'enaio Workflow']);
	});
});

describe('adoptions', () => {
	let productId = 0;
	beforeAll(async () => {
		productId = (
			await createProduct(t.ctx(kehlMember), product({ name: 'Kita-Info-App', category: 'app' }))
		).id;
	});

	it('records one adoption per product and municipality and updates it in place', async () => {
		const first = await recordAdoption(t.ctx(kehlMember), {
			productId,
			municipalityId: municipalityIds[KEHL]!,
			stage: 'pilot',
			sinceOn: '2024-03-01',
			usedFor: 'Elterninformation',
			contactPersonId: kehlContact.personId,
			rating: 4,
			experience: 'Läuft stabil.'
		});
		expect(first.isNew).toBe(true);
		const second = await recordAdoption(t.ctx(kehlContact), {
			productId,
			municipalityId: municipalityIds[KEHL]!,
			stage: 'live',
			sinceOn: '2024-03-01',
			usedFor: 'Elterninformation',
			contactPersonId: kehlContact.personId,
			rating: 5,
			experience: 'Sehr zufrieden.'
		});
		expect(second).toEqual({ id: first.id, isNew: false });
		const rows = await t.db
			.selectFrom('adoption')
			.selectAll()
			.where('product_id', '=', productId)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ stage: 'live', rating: 5, experience: 'Sehr zufrieden.' });
	});

	it('refuses a member of another municipality, a read-only token and a visitor', async () => {
		const input = { productId, municipalityId: municipalityIds[KEHL]!, stage: 'stopped' as const };
		expect((await errorOf(recordAdoption(t.ctx(lahrMember), input))).code).toBe('FORBIDDEN');
		expect((await errorOf(recordAdoption(t.ctx(readOnly), input))).code).toBe('FORBIDDEN');
		expect((await errorOf(recordAdoption(t.ctx(anonymous), input))).code).toBe('FORBIDDEN');
		expect((await errorOf(removeAdoption(t.ctx(lahrMember), input))).code).toBe('FORBIDDEN');
		const row = await t.db
			.selectFrom('adoption')
			.select('stage')
			.where('product_id', '=', productId)
			.where('municipality_id', '=', municipalityIds[KEHL]!)
			.executeTakeFirstOrThrow();
		expect(row.stage).toBe('live');
	});

	it('requires the contact person to belong to the municipality, and a valid rating', async () => {
		const error = await errorOf(
			recordAdoption(t.ctx(lahrMember), {
				productId,
				municipalityId: municipalityIds[LAHR]!,
				stage: 'evaluating',
				contactPersonId: kehlContact.personId
			})
		);
		expect(error.fields).toEqual({ contactPersonId: 'contact_not_member' });
		const rating = await errorOf(
			recordAdoption(t.ctx(lahrMember), {
				productId,
				municipalityId: municipalityIds[LAHR]!,
				stage: 'evaluating',
				rating: 6,
				sinceOn: '2024-02-30'
			})
		);
		expect(rating.fields).toEqual({ rating: 'rating_invalid', sinceOn: 'since_invalid' });
	});

	it('adopts in one step once, lets the coordination manage any, and removes', async () => {
		await adoptProduct(t.ctx(lahrMember), { productId, municipalityId: municipalityIds[LAHR]! });
		const again = await errorOf(
			adoptProduct(t.ctx(lahrMember), { productId, municipalityId: municipalityIds[LAHR]! })
		);
		expect(again.fields).toEqual({ municipalityId: 'already_recorded' });
		await recordAdoption(t.ctx(coordinator), {
			productId,
			municipalityId: municipalityIds[OFFENBURG]!,
			stage: 'interested'
		});
		await removeAdoption(t.ctx(offenburgMember), {
			productId,
			municipalityId: municipalityIds[OFFENBURG]!
		});
		const stages = await t.db
			.selectFrom('adoption')
			.select(['municipality_id', 'stage'])
			.where('product_id', '=', productId)
			.orderBy('municipality_id')
			.execute();
		expect(stages).toEqual([
			{ municipality_id: municipalityIds[KEHL], stage: 'live' },
			{ municipality_id: municipalityIds[LAHR], stage: 'live' }
		]);
	});

	it('gives the adoption form only to people of the municipality', async () => {
		const form = await getAdoptionForm(t.ctx(kehlMember), productId, null);
		expect(form.municipality.ags).toBe(KEHL);
		expect(form.adoption?.rating).toBe(5);
		expect(form.people.map((p) => p.name)).toEqual(
			expect.arrayContaining(['Karla Kehler', 'Konrad Kontakt'])
		);
		expect((await errorOf(getAdoptionForm(t.ctx(lahrMember), productId, KEHL))).code).toBe(
			'NOT_FOUND'
		);
		expect((await errorOf(getAdoptionForm(t.ctx(anonymous), productId, null))).code).toBe(
			'FORBIDDEN'
		);
	});

	it('counts live use and filters the list by municipality and stage', async () => {
		const byUse = await listProducts(
			t.ctx(anonymous),
			parseProductFilter(new URLSearchParams('sortierung=verbreitung'))
		);
		expect(byUse.items[0]).toMatchObject({ name: 'Kita-Info-App', liveCount: 2 });
		const lahr = await listProducts(
			t.ctx(anonymous),
			parseProductFilter(new URLSearchParams(`kommune=${LAHR}&phase=live`))
		);
		expect(lahr.items.map((p) => p.name)).toEqual(['Kita-Info-App']);
		const none = await listProducts(
			t.ctx(anonymous),
			parseProductFilter(new URLSearchParams(`kommune=${LAHR}&phase=pilot`))
		);
		expect(none.total).toBe(0);
	});

	describe('the product page', () => {
		beforeAll(async () => {
			await project('Kita-App öffentlich', KEHL, 'public', productId);
			await project('Kita-App im Netzwerk', KEHL, 'network', productId);
			await project('Kita-App Entwurf Kehl', KEHL, 'draft', productId);
		});

		it('shows visitors the stages but no ratings, experiences or contacts, and public projects only', async () => {
			const page = await getProductPage(t.ctx(anonymous), productId);
			expect(
				page.stageGroups.map((g) => [g.stage, g.adoptions.map((a) => a.municipalityName)])
			).toEqual([['live', ['Kehl', 'Lahr']]]);
			const kehl = page.stageGroups[0]!.adoptions[0]!;
			expect(kehl.usedFor).toBe('Elterninformation');
			expect(kehl.rating).toBeNull();
			expect(kehl.experience).toBeNull();
			expect(kehl.contact).toBeNull();
			expect(page.ratings).toBeNull();
			expect(page.projects.map((p) => p.title)).toEqual(['Kita-App öffentlich']);
			expect(page.adoptAs).toEqual([]);
			expect(page.canEdit).toBe(false);
		});

		it('shows members ratings and contacts as the contact allows, and their visible projects', async () => {
			const lahr = await getProductPage(t.ctx(lahrMember), productId);
			const kehl = lahr.stageGroups[0]!.adoptions.find((a) => a.ags === KEHL)!;
			expect(kehl.rating).toBe(5);
			expect(kehl.experience).toBe('Sehr zufrieden.');
			expect(kehl.contact).toMatchObject({ name: 'Konrad Kontakt', phone: null });
			expect(kehl.contact?.email).toMatch(/@example\.org$/);
			expect(lahr.ratings).toEqual({ average: 5, count: 1 });
			expect(lahr.projects.map((p) => p.title)).toEqual([
				'Kita-App im Netzwerk',
				'Kita-App öffentlich'
			]);
			expect(kehl.canManage).toBe(false);

			const own = await getProductPage(t.ctx(kehlMember), productId);
			const ownKehl = own.stageGroups[0]!.adoptions.find((a) => a.ags === KEHL)!;
			expect(ownKehl.contact?.phone).toBe('07851 88-0');
			expect(ownKehl.canManage).toBe(true);
			expect(own.projects.map((p) => p.title)).toEqual([
				'Kita-App Entwurf Kehl',
				'Kita-App im Netzwerk',
				'Kita-App öffentlich'
			]);

			const offenburg = await getProductPage(t.ctx(offenburgMember), productId);
			expect(offenburg.adoptAs.map((m) => m.ags)).toEqual([OFFENBURG]);
		});
	});
});
