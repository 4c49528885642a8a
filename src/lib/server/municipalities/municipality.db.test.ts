import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import {
	registerEntry,
	registerSource,
	syntheticRegister
} from '../../../../tests/support/factories';
import { systemContext } from '../context';
import { isDomainError } from '../errors';
import { seedDatabase } from '../seed';
import { germanSortKey } from '../text/sort-key';
import { parseMunicipalityFilter } from './municipality.schema';
import {
	getMunicipality,
	getRegisterFigures,
	listAssociations,
	listMunicipalities
} from './municipality.service';

const t = useTestDatabase();
const filter = (query: Record<string, string> = {}) =>
	parseMunicipalityFilter(new URLSearchParams(query));

const entries = [
	registerEntry({
		ags: '08000001',
		name: 'Zell am See',
		population: 9000,
		association: 'VVG Zell'
	}),
	registerEntry({ ags: '08000002', name: 'Ötigheim', population: 4800, association: 'VVG Zell' }),
	registerEntry({
		ags: '08000003',
		name: 'Oberkirch',
		population: 19628,
		type: 'grosse_kreisstadt'
	}),
	registerEntry({ ags: '08000004', name: 'Äpfelbach', population: 700 }),
	registerEntry({ ags: '08000005', name: 'Achern', population: 25696, type: 'grosse_kreisstadt' }),
	registerEntry({ ags: '08000006', name: 'Meißenheim', population: 4135, association: 'VVG Zell' }),
	registerEntry({ ags: '08000007', name: 'Hornberg', population: 4160, type: 'stadt' })
];

beforeAll(async () => {
	await seedDatabase(systemContext(t.db, 'test'), 'register', {
		register: registerSource(entries)
	});
	await t.db
		.updateTable('municipality')
		.set({ membership_status: 'member', member_since: '2020-01-01' })
		.where('ags', 'in', ['08000001', '08000003', '08000005'])
		.execute();
	await t.db
		.updateTable('municipality')
		.set({ is_founding_member: true })
		.where('ags', 'in', ['08000003', '08000005'])
		.execute();
	await t.db
		.updateTable('municipality')
		.set({ membership_status: 'applied', applied_on: '2026-10-01' })
		.where('ags', '=', '08000007')
		.execute();
});

describe('listMunicipalities', () => {
	it('lists in German alphabetical order (umlauts as their base letter)', async () => {
		const page = await listMunicipalities(t.ctx(), filter());
		expect(page.items.map((item) => item.name)).toEqual([
			'Achern',
			'Äpfelbach',
			'Hornberg',
			'Meißenheim',
			'Oberkirch',
			'Ötigheim',
			'Zell am See'
		]);
		expect(page).toMatchObject({ total: 7, page: 1, pageCount: 1, pageSize: 100 });
	});

	it('sorts by population both ways and by name descending', async () => {
		const desc = await listMunicipalities(t.ctx(), filter({ sort: '-population' }));
		expect(desc.items[0]?.name).toBe('Achern');
		expect(desc.items.at(-1)?.name).toBe('Äpfelbach');
		const asc = await listMunicipalities(t.ctx(), filter({ sort: 'population' }));
		expect(asc.items[0]?.name).toBe('Äpfelbach');
		const byNameDesc = await listMunicipalities(t.ctx(), filter({ sort: '-name' }));
		expect(byNameDesc.items[0]?.name).toBe('Zell am See');
	});

	it('filters by membership, type, association and name', async () => {
		const members = await listMunicipalities(t.ctx(), filter({ membership: 'member' }));
		expect(members.items.map((i) => i.name)).toEqual(['Achern', 'Oberkirch', 'Zell am See']);

		const towns = await listMunicipalities(t.ctx(), filter({ type: 'grosse_kreisstadt' }));
		expect(towns.total).toBe(2);

		const [zell] = (await listAssociations(t.ctx())).filter((a) => a.name === 'VVG Zell');
		const inAssociation = await listMunicipalities(
			t.ctx(),
			filter({ association: String(zell?.id) })
		);
		expect(inAssociation.items.map((i) => i.name)).toEqual([
			'Meißenheim',
			'Ötigheim',
			'Zell am See'
		]);

		// Name search folds case, umlauts and ß.
		const byName = await listMunicipalities(t.ctx(), filter({ q: 'MEISSEN' }));
		expect(byName.items.map((i) => i.name)).toEqual(['Meißenheim']);
		const byUmlaut = await listMunicipalities(t.ctx(), filter({ q: 'otig' }));
		expect(byUmlaut.items.map((i) => i.name)).toEqual(['Ötigheim']);
	});

	it('treats LIKE wildcards in the name filter as plain text', async () => {
		// Unescaped, "ob%kirch" would match Oberkirch and "o_igheim" Ötigheim.
		const percent = await listMunicipalities(t.ctx(), filter({ q: 'ob%kirch' }));
		expect(percent.total).toBe(0);
		const underscore = await listMunicipalities(t.ctx(), filter({ q: 'o_igheim' }));
		expect(underscore.total).toBe(0);
	});

	it('hides pending applications from the public', async () => {
		const publicView = await listMunicipalities(t.ctx(), filter({ q: 'hornberg' }));
		expect(publicView.items[0]).toMatchObject({ membershipStatus: 'none', appliedOn: null });
		const publicFilter = await listMunicipalities(t.ctx(), filter({ membership: 'none' }));
		expect(publicFilter.items.map((i) => i.name)).toContain('Hornberg');
		// The applied filter is not offered to the public and is ignored.
		const ignored = await listMunicipalities(t.ctx(), filter({ membership: 'applied' }));
		expect(ignored.total).toBe(7);

		const system = systemContext(t.db, 'test');
		const internal = await listMunicipalities(system, filter({ membership: 'applied' }));
		expect(internal.items).toMatchObject([
			{ name: 'Hornberg', membershipStatus: 'applied', appliedOn: '2026-10-01' }
		]);
	});

	it('ignores malformed filter values instead of failing', async () => {
		const page = await listMunicipalities(
			t.ctx(),
			filter({
				membership: 'x',
				type: '<script>',
				association: 'abc',
				sort: 'drop table',
				page: '-3'
			})
		);
		expect(page.total).toBe(7);
		expect(page.page).toBe(1);
	});
});

describe('pagination', () => {
	const big = useTestDatabase();

	beforeAll(async () => {
		await seedDatabase(systemContext(big.db, 'test'), 'register', {
			register: registerSource(syntheticRegister(1100, 7))
		});
	});

	it('pages 1,100 municipalities 50 at a time without gaps or repeats', async () => {
		const seen = new Set<string>();
		let last = '';
		const first = await listMunicipalities(big.ctx(), filter());
		expect(first).toMatchObject({ total: 1100, pageCount: 22, pageSize: 50 });
		for (let page = 1; page <= first.pageCount; page++) {
			const result = await listMunicipalities(big.ctx(), filter({ page: String(page) }));
			for (const item of result.items) {
				expect(seen.has(item.ags)).toBe(false);
				seen.add(item.ags);
				const key = germanSortKey(item.name);
				expect(key >= last).toBe(true);
				last = key;
			}
		}
		expect(seen.size).toBe(1100);
	});

	it('shows the last page for a page number past the end', async () => {
		const result = await listMunicipalities(big.ctx(), filter({ page: '99' }));
		expect(result.page).toBe(22);
		expect(result.items).toHaveLength(50);
	});

	it('shows a filtered list of up to 100 whole, on one page', async () => {
		const [association] = await listAssociations(big.ctx());
		const result = await listMunicipalities(
			big.ctx(),
			filter({ association: String(association?.id) })
		);
		expect(result.total).toBeGreaterThan(0);
		expect(result).toMatchObject({ pageCount: 1, pageSize: 100 });
		expect(result.items).toHaveLength(result.total);
	});
});

describe('getMunicipality', () => {
	it('returns the facts and the association peers', async () => {
		const zell = await getMunicipality(t.ctx(), '08000001');
		expect(zell).toMatchObject({
			ags: '08000001',
			name: 'Zell am See',
			population: 9000,
			populationDate: '2022-05-15',
			membershipStatus: 'member',
			memberSince: '2020-01-01',
			dataSource: 'Testquelle',
			association: { name: 'VVG Zell' }
		});
		expect(zell.associationPeers.map((p) => p.name)).toEqual(['Meißenheim', 'Ötigheim']);
	});

	it.each(['08999999', 'abc', "08000001' or 1=1 --", ''])(
		'answers NOT_FOUND for %j',
		async (ags) => {
			const error = await getMunicipality(t.ctx(), ags).catch((e: unknown) => e);
			expect(isDomainError(error) && error.code).toBe('NOT_FOUND');
		}
	);
});

describe('getRegisterFigures', () => {
	it('adds up members and their population', async () => {
		expect(await getRegisterFigures(t.ctx())).toEqual({
			municipalities: 7,
			members: 3,
			foundingMembers: 2,
			memberPopulation: 9000 + 19628 + 25696
		});
	});
});
