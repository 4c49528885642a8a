/**
 * The statistics against a real database (SQLite and PostgreSQL): exact series for a small
 * catalogue, the status at each year's end from the dated changes, who counts for whom, agreement
 * with the key figures, and that a write shows at the next call (no stale cache).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { registerEntry, registerSource } from '../../../../tests/support/factories';
import { ANONYMOUS, systemContext, type Ctx } from '../context';
import type { Db } from '../db';
import { readContentVersion } from '../db/content-version';
import type {
	AdoptionStage,
	ProjectStatus,
	ProjectVisibility,
	ReuseRequestStatus
} from '../db/schema';
import { seedDatabase } from '../seed';
import { germanSortKey } from '../text/sort-key';
import { getNetworkFigures, getNetworkStatistics, type NetworkStatistics } from './index';

const t = useTestDatabase();
const NOW = new Date('2026-11-25T12:00:00Z');
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

let ids: Record<'a' | 'b' | 'c' | 'd' | 'e', number>;
let projects: Record<
	'live' | 'paused' | 'draft' | 'deleted' | 'undated' | 'sameDay' | 'hindsight',
	number
>;

async function municipalityId(db: Db, ags: string): Promise<number> {
	const row = await db
		.selectFrom('municipality')
		.select('id')
		.where('ags', '=', ags)
		.executeTakeFirstOrThrow();
	return row.id;
}

interface ProjectSpec {
	title: string;
	visibility: ProjectVisibility;
	status: ProjectStatus;
	history: [ProjectStatus, string][];
	topic?: string;
	hours?: number;
	createdAt?: string;
	deleted?: boolean;
}

async function addProject(db: Db, owner: number, spec: ProjectSpec): Promise<number> {
	const row = await db
		.insertInto('project')
		.values({
			title: spec.title,
			title_sort: germanSortKey(spec.title),
			municipality_id: owner,
			status: spec.status,
			topic_field_key: spec.topic ?? null,
			hours_saved_per_year: spec.hours ?? null,
			visibility: spec.visibility,
			created_at: spec.createdAt ?? NOW.toISOString(),
			updated_at: NOW.toISOString(),
			deleted_at: spec.deleted ? NOW.toISOString() : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	// In the order given: two changes on one day are ordered by entry.
	for (const [status, on] of spec.history) {
		await db
			.insertInto('project_status_change')
			.values({ project_id: row.id, status, changed_on: on, person_id: null })
			.execute();
	}
	return row.id;
}

async function addProduct(db: Db, name: string, deleted = false): Promise<number> {
	const row = await db
		.insertInto('product')
		.values({
			name,
			name_sort: germanSortKey(name),
			category: 'fachverfahren',
			updated_at: NOW.toISOString(),
			deleted_at: deleted ? NOW.toISOString() : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function addAdoption(db: Db, productId: number, municipality: number, stage: AdoptionStage) {
	await db
		.insertInto('adoption')
		.values({
			product_id: productId,
			municipality_id: municipality,
			stage,
			updated_at: NOW.toISOString()
		})
		.execute();
}

async function addRequest(
	db: Db,
	subject: { projectId: number } | { productId: number },
	status: ReuseRequestStatus,
	createdAt: string
) {
	await db
		.insertInto('reuse_request')
		.values({
			project_id: 'projectId' in subject ? subject.projectId : null,
			product_id: 'productId' in subject ? subject.productId : null,
			requesting_municipality_id: ids.b,
			owner_municipality_id: ids.a,
			message: 'Das wollen wir auch.',
			status,
			created_at: createdAt,
			updated_at: createdAt
		})
		.execute();
}

const anonymous = (): Ctx => t.ctx(ANONYMOUS, () => NOW);
// A member of the draft's owner: the draft still never counts (pictures are per audience).
const member = (): Ctx => t.ctx(personActor(1, 'Mia Mitglied', [ids.a]), () => NOW);

/** The series of one status, or all statuses of one year. */
const ofYear = (stats: NetworkStatistics, year: number) =>
	Object.fromEntries(
		Object.entries(stats.projectsByStatus)
			.map(([status, values]) => [status, values[YEARS.indexOf(year)] ?? 0] as const)
			.filter(([, n]) => n > 0)
	);

beforeAll(async () => {
	const db = t.db;
	await seedDatabase(systemContext(db, 'test'), 'register', {
		register: registerSource([
			registerEntry({ ags: '08999001', name: 'Achern' }),
			registerEntry({ ags: '08999002', name: 'Bühl' }),
			registerEntry({ ags: '08999003', name: 'Calw' }),
			registerEntry({ ags: '08999004', name: 'Durbach' }),
			registerEntry({ ags: '08999005', name: 'Ettenheim' })
		])
	});
	ids = {
		a: await municipalityId(db, '08999001'),
		b: await municipalityId(db, '08999002'),
		c: await municipalityId(db, '08999003'),
		d: await municipalityId(db, '08999004'),
		e: await municipalityId(db, '08999005')
	};
	const join = async (id: number, since: string | null) =>
		db
			.updateTable('municipality')
			.set({ membership_status: 'member', member_since: since })
			.where('id', '=', id)
			.execute();
	await join(ids.a, '2019-10-01');
	await join(ids.b, '2021-03-01');
	await join(ids.c, null);
	await join(ids.e, '2024-05-05');

	projects = {
		live: await addProject(db, ids.a, {
			title: 'E-Akte',
			visibility: 'public',
			status: 'betrieb',
			topic: 'querschnitt',
			hours: 100,
			history: [
				['planung', '2020-02-01'],
				['umsetzung', '2020-06-01'],
				['betrieb', '2021-03-15']
			]
		}),
		paused: await addProject(db, ids.a, {
			title: 'Videokonferenzen',
			visibility: 'network',
			status: 'pausiert',
			topic: 'umwelt',
			hours: 50,
			history: [
				['umsetzung', '2021-01-10'],
				['betrieb', '2021-04-01'],
				['pausiert', '2025-12-31']
			]
		}),
		draft: await addProject(db, ids.a, {
			title: 'Entwurf',
			visibility: 'draft',
			status: 'betrieb',
			topic: 'umwelt',
			hours: 999,
			history: [['betrieb', '2022-01-01']]
		}),
		deleted: await addProject(db, ids.a, {
			title: 'Gelöscht',
			visibility: 'public',
			status: 'betrieb',
			hours: 777,
			history: [['betrieb', '2020-01-01']],
			deleted: true
		}),
		undated: await addProject(db, ids.b, {
			title: 'Ohne Verlauf',
			visibility: 'public',
			status: 'planung',
			createdAt: '2024-06-01T09:00:00.000Z',
			history: []
		}),
		sameDay: await addProject(db, ids.b, {
			title: 'Bauantrag',
			visibility: 'public',
			status: 'umsetzung',
			topic: 'bauen-wohnen',
			history: [
				['idee', '2023-05-01'],
				['planung', '2023-05-01'],
				['umsetzung', '2026-02-01']
			]
		}),
		hindsight: await addProject(db, ids.e, {
			title: 'Ratsinfo',
			visibility: 'network',
			status: 'betrieb',
			topic: 'querschnitt',
			hours: 200,
			history: [['betrieb', '2019-10-01']]
		})
	};

	const akte = await addProduct(db, 'Zentrale Akte');
	const portal = await addProduct(db, 'Ämter-Portal');
	const tried = await addProduct(db, 'Probierwerk');
	const gone = await addProduct(db, 'Gelöschtes Produkt', true);
	await addAdoption(db, akte, ids.a, 'pilot');
	await addAdoption(db, akte, ids.b, 'live');
	await addAdoption(db, akte, ids.c, 'interested');
	await addAdoption(db, portal, ids.a, 'live');
	await addAdoption(db, portal, ids.b, 'live');
	await addAdoption(db, tried, ids.a, 'evaluating');
	await addAdoption(db, tried, ids.b, 'stopped');
	for (const id of [ids.a, ids.b, ids.c]) await addAdoption(db, gone, id, 'live');

	await addRequest(db, { projectId: projects.live }, 'adopted', '2025-03-01T10:00:00.000Z');
	await addRequest(db, { projectId: projects.paused }, 'open', '2026-02-01T10:00:00.000Z');
	await addRequest(db, { productId: akte }, 'declined', '2026-04-01T10:00:00.000Z');
	await addRequest(db, { projectId: projects.draft }, 'adopted', '2026-05-01T10:00:00.000Z');
	await addRequest(db, { productId: gone }, 'adopted', '2026-06-01T10:00:00.000Z');
});

describe('getNetworkStatistics for anonymous visitors', () => {
	it('counts public projects only, at each year end from the dated changes', async () => {
		const stats = await getNetworkStatistics(anonymous());
		expect(stats.audience).toBe('public');
		expect(stats.asOf).toBe('2026-11-25');
		expect(stats.years).toEqual(YEARS);
		expect(stats.projectsByStatus).toEqual({
			idee: [0, 0, 0, 0, 0, 0, 0, 0],
			planung: [0, 0, 0, 0, 1, 2, 2, 1],
			umsetzung: [0, 1, 0, 0, 0, 0, 0, 1],
			betrieb: [0, 0, 1, 1, 1, 1, 1, 1],
			pausiert: [0, 0, 0, 0, 0, 0, 0, 0],
			eingestellt: [0, 0, 0, 0, 0, 0, 0, 0]
		});
		expect(stats.hoursSaved).toEqual([0, 0, 100, 100, 100, 100, 100, 100]);
		expect(stats.projectsByTopicField).toEqual([
			{ key: 'bauen-wohnen', name: 'Bauen & Wohnen', projects: 1 },
			{ key: 'querschnitt', name: 'Querschnittsleistungen', projects: 1 },
			{ key: null, name: null, projects: 1 }
		]);
		expect(stats.reuseRequests).toEqual({
			open: [0, 0, 0, 0, 0, 0, 0, 0],
			in_discussion: [0, 0, 0, 0, 0, 0, 0, 0],
			adopted: [0, 0, 0, 0, 0, 0, 1, 0],
			declined: [0, 0, 0, 0, 0, 0, 0, 1],
			withdrawn: [0, 0, 0, 0, 0, 0, 0, 0]
		});
	});

	it('counts members by the year they joined, and products by municipalities running them', async () => {
		const stats = await getNetworkStatistics(anonymous());
		// Calw has no date of joining: it counts from the current year.
		expect(stats.members).toEqual({
			joined: [1, 0, 1, 0, 0, 1, 0, 1],
			total: [1, 1, 2, 2, 2, 3, 3, 4]
		});
		// Ties in German order ("Ämter" as "Aemter"); evaluating, stopped and deleted do not count.
		expect(stats.topProducts.map((p) => [p.name, p.municipalities])).toEqual([
			['Ämter-Portal', 2],
			['Zentrale Akte', 2]
		]);
	});

	it('agrees with the key figures', async () => {
		const ctx = anonymous();
		const stats = await getNetworkStatistics(ctx);
		const figures = await getNetworkFigures(ctx);
		expect(stats.figures).toEqual(figures);
		expectAgreement(stats);
		expect(figures).toMatchObject({ projects: 3, liveProjects: 1, hoursSavedPerYear: 100 });
	});
});

describe('getNetworkStatistics for members', () => {
	it('adds members-only projects, never drafts or deleted ones', async () => {
		const stats = await getNetworkStatistics(member());
		expect(stats.audience).toBe('network');
		expect(stats.years).toEqual(YEARS);
		expect(ofYear(stats, 2019)).toEqual({ betrieb: 1 });
		expect(ofYear(stats, 2020)).toEqual({ umsetzung: 1, betrieb: 1 });
		expect(ofYear(stats, 2021)).toEqual({ betrieb: 3 });
		expect(ofYear(stats, 2023)).toEqual({ betrieb: 3, planung: 1 });
		// Paused on 31 December: paused at the end of 2025.
		expect(ofYear(stats, 2025)).toEqual({ betrieb: 2, pausiert: 1, planung: 2 });
		expect(ofYear(stats, 2026)).toEqual({ betrieb: 2, pausiert: 1, planung: 1, umsetzung: 1 });
		expect(stats.hoursSaved).toEqual([200, 200, 350, 350, 350, 350, 300, 300]);
		expect(stats.projectsByTopicField.map((f) => [f.key, f.projects])).toEqual([
			['bauen-wohnen', 1],
			['querschnitt', 2],
			['umwelt', 1],
			[null, 1]
		]);
		expect(stats.reuseRequests.open).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
		expect(stats.reuseRequests.adopted).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
		expect(stats.reuseRequests.declined).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
	});

	it('agrees with the key figures', async () => {
		const ctx = member();
		const stats = await getNetworkStatistics(ctx);
		expect(stats.figures).toEqual(await getNetworkFigures(ctx));
		expectAgreement(stats);
		expect(stats.figures).toMatchObject({
			projects: 5,
			liveProjects: 2,
			hoursSavedPerYear: 300,
			members: 4,
			reuseAdopted: 1
		});
	});
});

/** The current year's column of every series is the key figure of the same thing. */
function expectAgreement(stats: NetworkStatistics) {
	const now = stats.years.length - 1;
	const current = Object.values(stats.projectsByStatus).reduce((sum, v) => sum + (v[now] ?? 0), 0);
	expect(current).toBe(stats.figures.projects);
	expect(stats.projectsByStatus.betrieb[now]).toBe(stats.figures.liveProjects);
	expect(stats.hoursSaved[now]).toBe(stats.figures.hoursSavedPerYear);
	expect(stats.members.total[now]).toBe(stats.figures.members);
	expect(stats.projectsByTopicField.reduce((sum, f) => sum + f.projects, 0)).toBe(
		stats.figures.projects
	);
	expect(stats.reuseRequests.adopted.reduce((sum, n) => sum + n, 0)).toBe(
		stats.figures.reuseAdopted
	);
}

describe('caching', () => {
	it('computes once per content version and sees a write at the next call', async () => {
		const first = await getNetworkStatistics(anonymous());
		expect(await getNetworkStatistics(anonymous())).toBe(first);
		const version = await readContentVersion(t.db);

		const id = await addProject(t.db, ids.d, {
			title: 'Neu in Betrieb',
			visibility: 'public',
			status: 'betrieb',
			hours: 40,
			history: [['betrieb', '2022-07-01']]
		});
		expect(await readContentVersion(t.db)).toBeGreaterThan(version);
		const after = await getNetworkStatistics(anonymous());
		expect(after.projectsByStatus.betrieb).toEqual([0, 0, 1, 2, 2, 2, 2, 2]);
		expect(after.hoursSaved).toEqual([0, 0, 100, 140, 140, 140, 140, 140]);
		expect(after.figures.liveProjects).toBe(2);

		// A members-only project changes the members' picture, not the visitors'.
		await t.db.updateTable('project').set({ visibility: 'network' }).where('id', '=', id).execute();
		expect((await getNetworkStatistics(anonymous())).projectsByStatus.betrieb).toEqual(
			first.projectsByStatus.betrieb
		);
		expect((await getNetworkStatistics(member())).projectsByStatus.betrieb[3]).toBe(4);
	});
});
