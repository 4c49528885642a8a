/**
 * The overview map against a real database, on SQLite and PostgreSQL: the furthest stage per
 * municipality from adoptions and projects (owner and partners), what each audience may count,
 * membership marks and that they agree with the network's key figures, and that a write shows
 * at the next call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { systemContext, type Actor } from '../context';
import type { AdoptionStage, ProjectStatus, ProjectVisibility } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import {
	createTopic,
	getNetworkFigures,
	getOverviewMap,
	getProductStages,
	getTopicStages,
	listMapProducts,
	parseMapColouring,
	type OverviewMap
} from './index';

const t = useTestDatabase();
const NOW = '2026-11-25T10:00:00.000Z';

/** Municipality ids by name. */
const ids: Record<string, number> = {};
let member: Actor;
let coordinator: Actor;
const anonymous: Actor = { kind: 'anonymous' };

async function addMunicipality(
	name: string,
	ags: string,
	options: {
		status?: 'member' | 'applied' | 'none';
		founding?: boolean;
		location?: [number, number] | null;
		population?: number | null;
	} = {}
): Promise<void> {
	const status = options.status ?? 'none';
	const [latitude, longitude] =
		options.location === null ? [null, null] : (options.location ?? [48.5, 7.9]);
	const row = await t.db
		.insertInto('municipality')
		.values({
			ags,
			name,
			name_sort: germanSortKey(name),
			type: 'gemeinde',
			population: options.population === undefined ? 10_000 : options.population,
			latitude,
			longitude,
			membership_status: status,
			member_since: status === 'member' ? '2019-10-01' : null,
			applied_on: status === 'applied' ? '2026-10-01' : null,
			is_founding_member: options.founding ?? false,
			is_demo: false,
			updated_at: NOW
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ids[name] = row.id;
}

async function addProduct(name: string): Promise<number> {
	const row = await t.db
		.insertInto('product')
		.values({ name, name_sort: germanSortKey(name), category: 'termin', updated_at: NOW })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function adopt(productId: number, municipality: string, stage: AdoptionStage) {
	await t.db
		.insertInto('adoption')
		.values({ product_id: productId, municipality_id: ids[municipality]!, stage, updated_at: NOW })
		.execute();
}

async function addProject(
	productId: number,
	owner: string,
	status: ProjectStatus,
	visibility: ProjectVisibility,
	options: { partners?: string[]; deleted?: boolean } = {}
): Promise<number> {
	const title = `Projekt ${owner} ${status} ${visibility} ${Math.random()}`;
	const row = await t.db
		.insertInto('project')
		.values({
			title,
			title_sort: germanSortKey(title),
			municipality_id: ids[owner]!,
			status,
			visibility,
			updated_at: NOW,
			deleted_at: options.deleted ? NOW : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('project_product')
		.values({ project_id: row.id, product_id: productId })
		.execute();
	for (const partner of options.partners ?? []) {
		await t.db
			.insertInto('project_partner')
			.values({ project_id: row.id, municipality_id: ids[partner]! })
			.execute();
	}
	return row.id;
}

/** Stages by municipality name, for readable expectations. */
async function stagesOf(actor: Actor, productId: number): Promise<Record<string, string>> {
	const stages = await getProductStages(t.ctx(actor), productId);
	const names = new Map<number, string>(Object.entries(ids).map(([name, id]) => [id, name]));
	const named: Record<string, string> = {};
	for (const [id, stage] of stages) named[names.get(id) ?? `#${id}`] = stage;
	return named;
}

const colouredBy = (value: string) => parseMapColouring(new URLSearchParams({ farbe: value }));

function marksOf(map: OverviewMap): Record<string, string> {
	return Object.fromEntries(map.municipalities.map((m) => [m.name, m.mark]));
}

let termin: number;
let akte: number;

beforeAll(async () => {
	await addMunicipality('Kehl', '08317057', {
		status: 'member',
		founding: true,
		population: 36_000
	});
	await addMunicipality('Lahr', '08317065', {
		status: 'member',
		population: 48_000,
		location: [48.34, 7.87]
	});
	await addMunicipality('Achern', '08317001', { status: 'member', location: [48.63, 8.08] });
	await addMunicipality('Ohlsbach', '08317097', { location: [48.43, 7.99] });
	await addMunicipality('Hornberg', '08317050', { status: 'applied', location: [48.21, 8.23] });
	await addMunicipality('Nirgendwo', '08317999', { location: null });
	member = personActor(9001, 'Mira Mitglied', [ids.Lahr!]);
	coordinator = personActor(9002, 'Kora Koordination', [], { isCoordinator: true });

	termin = await addProduct('Terminplaner');
	akte = await addProduct('Aktenwerk');
	// Kehl: an adoption (interested) and a public project in operation, with Ohlsbach as partner.
	await adopt(termin, 'Kehl', 'interested');
	await addProject(termin, 'Kehl', 'betrieb', 'public', { partners: ['Ohlsbach'] });
	// Lahr: live by adoption; a public project in planning does not lower it.
	await adopt(termin, 'Lahr', 'live');
	await addProject(termin, 'Lahr', 'planung', 'public');
	// Achern: only a members-only project (building), a draft (live) and a deleted one (live).
	await addProject(termin, 'Achern', 'umsetzung', 'network', { partners: ['Hornberg'] });
	await addProject(termin, 'Achern', 'betrieb', 'draft', { partners: ['Ohlsbach'] });
	await addProject(termin, 'Achern', 'betrieb', 'public', { deleted: true });
	// Aktenwerk is used only in a members-only project.
	await addProject(akte, 'Ohlsbach', 'idee', 'network');
});

describe('getProductStages', () => {
	it('takes the furthest stage of adoptions and public projects, for owners and partners', async () => {
		expect(await stagesOf(anonymous, termin)).toEqual({
			Kehl: 'live',
			Ohlsbach: 'live',
			Lahr: 'live'
		});
	});

	it('counts members-only projects for members, never drafts or deleted projects', async () => {
		const expected = {
			Kehl: 'live',
			Ohlsbach: 'live',
			Lahr: 'live',
			Achern: 'building',
			Hornberg: 'building'
		};
		expect(await stagesOf(member, termin)).toEqual(expected);
		// Even the draft's own municipality and the coordination see the same picture.
		const acherner = personActor(9003, 'Achim Achern', [ids.Achern!]);
		expect(await stagesOf(acherner, termin)).toEqual(expected);
		expect(await stagesOf(coordinator, termin)).toEqual(expected);
		expect(await stagesOf(anonymous, akte)).toEqual({});
		expect(await stagesOf(member, akte)).toEqual({ Ohlsbach: 'idea' });
	});

	it('counts nothing for a deleted or unknown product', async () => {
		const gone = await addProduct('Altsystem');
		await adopt(gone, 'Kehl', 'live');
		await addProject(gone, 'Lahr', 'betrieb', 'public');
		expect(await stagesOf(member, gone)).toEqual({ Kehl: 'live', Lahr: 'live' });
		await t.db.updateTable('product').set({ deleted_at: NOW }).where('id', '=', gone).execute();
		expect(await stagesOf(member, gone)).toEqual({});
		expect(await stagesOf(member, 999_999)).toEqual({});
		expect((await listMapProducts(t.ctx(member))).map((p) => p.id)).not.toContain(gone);
	});

	it('shows a write at the next call', async () => {
		const fresh = await addProduct('Frischware');
		expect(await stagesOf(anonymous, fresh)).toEqual({});
		await adopt(fresh, 'Achern', 'pilot');
		expect(await stagesOf(anonymous, fresh)).toEqual({ Achern: 'building' });
		const project = await addProject(fresh, 'Ohlsbach', 'idee', 'network');
		expect(await stagesOf(anonymous, fresh)).toEqual({ Achern: 'building' });
		await t.db
			.updateTable('project')
			.set({ visibility: 'public' })
			.where('id', '=', project)
			.execute();
		expect(await stagesOf(anonymous, fresh)).toEqual({ Achern: 'building', Ohlsbach: 'idea' });
		await t.db
			.updateTable('adoption')
			.set({ stage: 'stopped' })
			.where('product_id', '=', fresh)
			.execute();
		expect(await stagesOf(anonymous, fresh)).toEqual({ Achern: 'stopped', Ohlsbach: 'idea' });
	});
});

describe('listMapProducts', () => {
	it('offers products in use, members-only use only to members', async () => {
		const names = async (actor: Actor) =>
			(await listMapProducts(t.ctx(actor))).map((product) => product.name);
		const unused = await addProduct('Ungenutzt');
		expect(unused).toBeGreaterThan(0);
		expect(await names(anonymous)).toContain('Terminplaner');
		expect(await names(anonymous)).not.toContain('Aktenwerk');
		expect(await names(anonymous)).not.toContain('Ungenutzt');
		expect(await names(member)).toContain('Aktenwerk');
		expect(await names(member)).not.toContain('Ungenutzt');
	});
});

describe('getOverviewMap', () => {
	it('marks membership; applications only for the coordination; agrees with the key figures', async () => {
		const publicMap = await getOverviewMap(
			t.ctx(anonymous),
			parseMapColouring(new URLSearchParams())
		);
		expect(publicMap.colouring).toEqual({ kind: 'membership' });
		expect(publicMap.problem).toBeNull();
		expect(marksOf(publicMap)).toEqual({
			Achern: 'member',
			Hornberg: 'none',
			Kehl: 'founding',
			Lahr: 'member',
			Nirgendwo: 'none',
			Ohlsbach: 'none'
		});
		expect(publicMap.legend).toEqual([
			{ mark: 'founding', count: 1 },
			{ mark: 'member', count: 2 },
			{ mark: 'none', count: 3 }
		]);
		expect(JSON.stringify(publicMap)).not.toContain('applied');
		expect(
			JSON.stringify(await getOverviewMap(t.ctx(member), colouredBy('mitgliedschaft')))
		).not.toContain('applied');
		const internal = await getOverviewMap(t.ctx(coordinator), colouredBy('mitgliedschaft'));
		expect(marksOf(internal).Hornberg).toBe('applied');

		const figures = await getNetworkFigures(t.ctx(anonymous));
		const count = (mark: string) => publicMap.legend.find((entry) => entry.mark === mark)?.count;
		expect(figures.members).toBe((count('founding') ?? 0) + (count('member') ?? 0));
		expect(figures.foundingMembers).toBe(count('founding'));
		expect(figures.municipalities).toBe(publicMap.municipalities.length);
	});

	it('draws municipalities with a reference point; lists all of them alphabetically', async () => {
		const map = await getOverviewMap(t.ctx(anonymous), colouredBy('mitgliedschaft'));
		expect(map.municipalities.map((m) => m.name)).toEqual([
			'Achern',
			'Hornberg',
			'Kehl',
			'Lahr',
			'Nirgendwo',
			'Ohlsbach'
		]);
		expect(map.points.map((p) => p.name).sort()).toEqual([
			'Achern',
			'Hornberg',
			'Kehl',
			'Lahr',
			'Ohlsbach'
		]);
		expect(map.municipalities.find((m) => m.name === 'Nirgendwo')?.isPlaced).toBe(false);
		expect(map.municipalities.find((m) => m.name === 'Kehl')?.isPlaced).toBe(true);
		// Lahr, the largest, is drawn first.
		expect(map.points[0]?.name).toBe('Lahr');
		for (const point of map.points) {
			expect(point.x - point.r).toBeGreaterThanOrEqual(0);
			expect(point.y + point.r).toBeLessThanOrEqual(map.height);
		}
	});

	it('colours by a product as each audience may see it', async () => {
		const publicMap = await getOverviewMap(t.ctx(anonymous), colouredBy(`produkt-${termin}`));
		expect(publicMap.colouring).toEqual({ kind: 'product', id: termin });
		expect(publicMap.subject).toBe('Terminplaner');
		expect(marksOf(publicMap)).toMatchObject({
			Kehl: 'live',
			Lahr: 'live',
			Ohlsbach: 'live',
			Achern: 'none'
		});
		expect(publicMap.points.find((p) => p.name === 'Achern')?.mark).toBe('none');
		expect(publicMap.legend.find((entry) => entry.mark === 'live')?.count).toBe(3);
		expect(publicMap.legend.find((entry) => entry.mark === 'building')?.count).toBe(0);
		expect(publicMap.legend.map((entry) => entry.mark)).toEqual([
			'live',
			'building',
			'planning',
			'idea',
			'paused',
			'stopped',
			'none'
		]);

		const memberMap = await getOverviewMap(t.ctx(member), colouredBy(`produkt-${termin}`));
		expect(marksOf(memberMap)).toMatchObject({ Achern: 'building', Hornberg: 'building' });
	});

	it('names an unknown or invisible product and a malformed value, and falls back to membership', async () => {
		for (const [value, problem] of [
			['produkt-999999', 'unknown_product'],
			[`produkt-${akte}`, 'unknown_product'],
			['thema-999999', 'unknown_topic'],
			['produkt-abc', 'invalid'],
			['<script>', 'invalid']
		] as const) {
			const map = await getOverviewMap(t.ctx(anonymous), colouredBy(value));
			expect(map.problem, value).toBe(problem);
			expect(map.colouring, value).toEqual({ kind: 'membership' });
			expect(marksOf(map).Kehl, value).toBe('founding');
		}
		// Aktenwerk's only use is members-only: a member may colour by it.
		const memberMap = await getOverviewMap(t.ctx(member), colouredBy(`produkt-${akte}`));
		expect(memberMap.problem).toBeNull();
		expect(marksOf(memberMap).Ohlsbach).toBe('idea');
	});

	it('colours by a topic with the stages of the matrix, as each audience may see them', async () => {
		const { id } = await createTopic(systemContext(t.db, 'test'), {
			name: 'Terminwesen',
			productIds: [termin],
			position: 1
		});
		const value = `thema-${id}`;
		const publicMap = await getOverviewMap(t.ctx(anonymous), colouredBy(value));
		expect(publicMap.problem).toBeNull();
		expect(publicMap.colouring).toEqual({ kind: 'topic', id });
		expect(publicMap.subject).toBe('Terminwesen');
		expect(publicMap.topics).toContainEqual({ id, name: 'Terminwesen' });
		expect(marksOf(publicMap)).toMatchObject({ Kehl: 'live', Lahr: 'live', Achern: 'none' });

		const memberMap = await getOverviewMap(t.ctx(member), colouredBy(value));
		expect(marksOf(memberMap).Achern).toBe('building');

		// The map shows exactly the matrix's stages: one source for both pictures.
		for (const actor of [anonymous, member]) {
			const map = await getOverviewMap(t.ctx(actor), colouredBy(value));
			const stages = await getTopicStages(t.ctx(actor), id);
			const names = new Map(Object.entries(ids).map(([name, mid]) => [mid, name]));
			const expected: Record<string, string> = {};
			for (const name of Object.keys(ids)) expected[name] = 'none';
			for (const [mid, stage] of stages) expected[names.get(mid) ?? `#${mid}`] = stage;
			expect(marksOf(map)).toEqual(expected);
		}
	});
});
