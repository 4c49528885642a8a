/**
 * The API's reads against a real database, on SQLite and PostgreSQL: keyset pages that follow
 * one another without duplicates or gaps (also across equal timestamps), visibility per caller,
 * every project filter, products by name and adoptions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, type Actor, type PersonActor } from '../context';
import { isDomainError } from '../errors';
import { createProject } from '../projects';
import { createProduct, recordAdoption } from '../solutions';
import { germanSortKey } from '../text/sort-key';
import { AdoptionPageSchema, ProjectPageSchema, ProjectSchema, SolutionSchema } from './api.schema';
import { parseQuery, ProjectListQuerySchema, SolutionListQuerySchema } from './api.query';
import { getProjectForApi, listProjectsForApi } from './project.service';
import { getSolutionForApi, listAdoptionsForApi, listSolutionsForApi } from './solution.service';

const t = useTestDatabase();
const municipality: Record<string, number> = {};
let kehl: PersonActor;
let lahr: PersonActor;
const projects: { id: number; visibility: string; owner: string; status: string }[] = [];
let productId = 0;

/** A clock that moves on by one second per call; `frozen` keeps it still (equal timestamps). */
let tick = Date.parse('2026-01-01T00:00:00.000Z');
let frozen = false;
const clock = () => new Date(frozen ? tick : (tick += 1000));

async function allIds(actor: Actor, query: string, limit = 4) {
	const ids: number[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const params = new URLSearchParams(query);
		params.set('limit', String(limit));
		if (cursor) params.set('cursor', cursor);
		const page = await listProjectsForApi(
			t.ctx(actor, clock),
			parseQuery(ProjectListQuerySchema, params)
		);
		ids.push(...page.items.map((item) => item.id));
		cursor = page.nextCursor;
		pages += 1;
	} while (cursor && pages < 100);
	return ids;
}

beforeAll(async () => {
	for (const [key, ags, name] of [
		['kehl', '08317057', 'Kehl'],
		['lahr', '08317065', 'Lahr']
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
				updated_at: '2026-01-01T00:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		municipality[key] = row.id;
	}
	for (const key of ['kehl', 'lahr']) {
		const actor = await insertPersonActor(
			t.db,
			{ email: `${key}@api.example`, display_name: key, updated_at: '2026-01-01T00:00:00.000Z' },
			[municipality[key]!],
			{ hasTwoFactor: true }
		);
		if (key === 'kehl') kehl = actor;
		else lahr = actor;
	}
	productId = (
		await createProduct(t.ctx(kehl, clock), {
			name: 'enaio',
			vendorName: 'Optimal Systems',
			category: 'dms'
		})
	).id;
	await createProduct(t.ctx(kehl, clock), { name: 'Ämterportal', category: 'portal' });
	await createProduct(t.ctx(kehl, clock), { name: 'Zahlbox', category: 'e_payment' });
	await recordAdoption(t.ctx(lahr, clock), {
		productId,
		municipalityId: municipality.lahr!,
		stage: 'live',
		rating: 5
	});
	const visibilities = ['public', 'public', 'network', 'draft'] as const;
	const statuses = ['idee', 'betrieb', 'umsetzung'] as const;
	for (let index = 0; index < 22; index += 1) {
		const owner = index % 5 === 4 ? 'lahr' : 'kehl';
		const visibility = visibilities[index % 4]!;
		const status = statuses[index % 3]!;
		// Projects 10–15 share one timestamp: the id decides their order.
		frozen = index >= 10 && index <= 15;
		const { id } = await createProject(t.ctx(owner === 'kehl' ? kehl : lahr, clock), {
			title: `Projekt ${index} ${index % 2 === 0 ? 'Bürgerbüro' : 'Kasse'}`,
			municipalityId: municipality[owner],
			status,
			visibility,
			tags: index % 3 === 0 ? ['E-Akte'] : [],
			productIds: index % 4 === 1 ? [productId] : []
		});
		projects.push({ id, visibility, owner, status });
	}
	frozen = false;
});

const newestFirst = (list: typeof projects) => list.map((p) => p.id).reverse();

describe('project pages', () => {
	it('give a visitor every public project once, newest change first, across equal timestamps', async () => {
		const expected = newestFirst(projects.filter((p) => p.visibility === 'public'));
		expect(await allIds(ANONYMOUS, '')).toEqual(expected);
		expect(await allIds(ANONYMOUS, '', 1)).toEqual(expected);
		// Both dialects answer in the documented shapes (timestamps, dates, numbers).
		const page = await listProjectsForApi(t.ctx(ANONYMOUS), { limit: 5 });
		expect(ProjectPageSchema.safeParse(page).error).toBeUndefined();
		const detail = await getProjectForApi(t.ctx(kehl), page.items[0]!.id);
		expect(ProjectSchema.safeParse(detail).error).toBeUndefined();
	});

	it('give members network projects and their own drafts, not others’ drafts', async () => {
		const seen = (p: (typeof projects)[number]) => p.visibility !== 'draft' || p.owner === 'lahr';
		expect(await allIds(lahr, '', 3)).toEqual(newestFirst(projects.filter(seen)));
	});

	it('apply every filter', async () => {
		const visible = projects.filter((p) => p.visibility === 'public');
		expect(await allIds(ANONYMOUS, 'status=betrieb')).toEqual(
			newestFirst(visible.filter((p) => p.status === 'betrieb'))
		);
		expect(await allIds(ANONYMOUS, 'municipality=08317065')).toEqual(
			newestFirst(visible.filter((p) => p.owner === 'lahr'))
		);
		const indexOf = (id: number) => projects.findIndex((p) => p.id === id);
		expect((await allIds(ANONYMOUS, 'tag=e-akte')).map(indexOf).every((i) => i % 3 === 0)).toBe(
			true
		);
		expect(
			(await allIds(ANONYMOUS, `product=${productId}`)).map(indexOf).every((i) => i % 4 === 1)
		).toBe(true);
		expect((await allIds(ANONYMOUS, 'q=burgerburo')).map(indexOf).every((i) => i % 2 === 0)).toBe(
			true
		);
		const since = await allIds(ANONYMOUS, 'updatedSince=2026-01-01T00:00:20.000Z');
		expect(since.length).toBeGreaterThan(0);
		expect(since.length).toBeLessThan(visible.length);
	});

	it('answer NOT_FOUND for a project the caller may not see, and the project to who may', async () => {
		const draft = projects.find((p) => p.visibility === 'draft' && p.owner === 'kehl')!;
		const error = await getProjectForApi(t.ctx(lahr), draft.id).catch((e: unknown) => e);
		expect(isDomainError(error) && error.code).toBe('NOT_FOUND');
		const mine = await getProjectForApi(t.ctx(kehl), draft.id);
		expect(mine).toMatchObject({ id: draft.id, visibility: 'draft', contacts: [] });
		const garbage = await getProjectForApi(t.ctx(kehl), 'abc').catch((e: unknown) => e);
		expect(isDomainError(garbage) && garbage.code).toBe('NOT_FOUND');
	});
});

describe('solutions and adoptions', () => {
	it('page products by German name order', async () => {
		const names: string[] = [];
		let cursor: string | undefined;
		do {
			const params = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) });
			const page = await listSolutionsForApi(
				t.ctx(ANONYMOUS),
				parseQuery(SolutionListQuerySchema, params)
			);
			names.push(...page.items.map((item) => item.name));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		expect(names).toEqual(['Ämterportal', 'enaio', 'Zahlbox']);
	});

	it('show adoptions, with the contact only for members', async () => {
		const product = await getSolutionForApi(t.ctx(ANONYMOUS), productId);
		expect(product).toMatchObject({
			name: 'enaio',
			vendor: { name: 'Optimal Systems' },
			adoptionCount: 1,
			adoptions: [{ municipality: { ags: '08317065' }, stage: 'live', rating: 5, contact: null }]
		});
		const page = await listAdoptionsForApi(t.ctx(kehl), {
			municipality: '08317065',
			limit: 20
		});
		expect(page.items.map((item) => item.product.name)).toEqual(['enaio']);
		expect(AdoptionPageSchema.safeParse(page).error).toBeUndefined();
		expect(SolutionSchema.safeParse(product).error).toBeUndefined();
		expect(page.nextCursor).toBeNull();
	});
});
