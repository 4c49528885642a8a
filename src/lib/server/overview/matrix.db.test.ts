/**
 * The network overview's one query module against a real database, on SQLite and PostgreSQL:
 * topics matched by tags, products and search phrases; the furthest stage per municipality and
 * topic; audiences (visitors public only, members also members-only, drafts never); the figures;
 * that a write is seen at the next request; the topic administration's rules.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { insertMunicipalities } from '../../../../tests/support/municipalities';
import { recordVisit } from '../auth/auth.repository';
import { ANONYMOUS, type Actor, type PersonActor } from '../context';
import { createProject, deleteProject, updateProject, type ProjectInputRaw } from '../projects';
import { createProduct, recordAdoption } from '../solutions';
import { germanSortKey } from '../text/sort-key';
import {
	createTopic,
	deleteTopic,
	exportAdoptionMatrix,
	getAdoptionMatrix,
	getNetworkFigures,
	getNewSinceLastVisit,
	getTopicOverview,
	getTopicStages,
	insertShippedTopics,
	listTopics,
	parseMatrixFilter,
	readShippedTopics,
	updateTopic,
	type MatrixFilter,
	type OverviewStage
} from './index';

const t = useTestDatabase();
let ids: Map<string, number>;
const projects: Record<string, number> = {};
const topics: Record<string, number> = {};
let kehl: PersonActor;
let lahr: PersonActor;
let gengenbach: PersonActor;
let coordinator: PersonActor;
let enaio: number;

const KEHL = '08317057';
const LAHR = '08317065';
const GENGENBACH = '08317038';
const ACHERN = '08317001';

const idOf = (ags: string) => ids.get(ags) ?? 0;
const noFilter = (): MatrixFilter => parseMatrixFilter(new URLSearchParams());

async function project(key: string, actor: PersonActor, raw: ProjectInputRaw): Promise<number> {
	const { id } = await createProject(t.ctx(actor), {
		status: 'betrieb',
		visibility: 'public',
		...raw
	});
	projects[key] = id;
	return id;
}

/** Stage per municipality name for one topic, as the matrix shows it to `actor`. */
async function column(actor: Actor, topic: string): Promise<Record<string, OverviewStage | null>> {
	const matrix = await getAdoptionMatrix(t.ctx(actor), noFilter());
	const index = matrix.topics.findIndex((candidate) => candidate.name === topic);
	expect(index).toBeGreaterThanOrEqual(0);
	return Object.fromEntries(
		matrix.rows.map((row) => [row.municipality.name, row.stages[index] ?? null])
	);
}

beforeAll(async () => {
	ids = await insertMunicipalities(t.db, [
		{ ags: ACHERN, name: 'Achern', population: 25_000 },
		{
			ags: GENGENBACH,
			name: 'Gengenbach',
			type: 'gemeinde',
			membership: 'none',
			population: 11_000
		},
		{ ags: KEHL, name: 'Kehl', population: 37_000 },
		{ ags: LAHR, name: 'Lahr', population: 47_000 }
	]);
	const person = (name: string, email: string, ags: string | null, isCoordinator = false) =>
		insertPersonActor(
			t.db,
			{
				email,
				display_name: name,
				name_sort: germanSortKey(name),
				updated_at: '2026-11-25T10:00:00.000Z'
			},
			ags === null ? [] : [idOf(ags)],
			{ isCoordinator, hasTwoFactor: true }
		);
	kehl = await person('Jonas Weber', 'jonas@kehl.example', KEHL);
	lahr = await person('Lena Roth', 'lena@lahr.example', LAHR);
	gengenbach = await person('Gerd Gengenbach', 'gerd@gengenbach.example', GENGENBACH);
	coordinator = await person('Cora Koordination', 'cora@netz.example', null, true);

	enaio = (
		await createProduct(t.ctx(coordinator), {
			name: 'enaio',
			vendorName: 'OPTIMAL SYSTEMS',
			category: 'dms',
			descriptionMd: 'Dokumentenmanagement.'
		})
	).id;

	await project('kehlAkte', kehl, {
		title: 'Einführung der E-Akte im Hauptamt',
		summary: 'Alle Vorgänge des Hauptamts werden elektronisch geführt.',
		municipalityId: idOf(KEHL),
		tags: ['E-Akte'],
		hoursSavedPerYear: 400
	});
	// Members only, found through the synonym list (E-Akte = Dokumentenmanagement).
	await project('lahrDms', lahr, {
		title: 'Dokumentenmanagement im Bauamt',
		summary: 'Bauakten werden gescannt und digital bearbeitet.',
		municipalityId: idOf(LAHR),
		status: 'umsetzung',
		visibility: 'network'
	});
	// A draft is its owner's until published: never in a picture (if it counted, Lahr would be live).
	await project('lahrDraft', lahr, {
		title: 'E-Akte für das Ordnungsamt',
		summary: 'Die E-Akte läuft im Ordnungsamt.',
		municipalityId: idOf(LAHR),
		visibility: 'draft'
	});
	// Joint project: the partner reaches the stage too.
	await project('termine', kehl, {
		title: 'Online-Terminvergabe im Bürgerbüro',
		summary: 'Termine für Pass und Ausweis online buchen.',
		municipalityId: idOf(KEHL),
		partnerMunicipalityIds: [idOf(LAHR)],
		status: 'planung'
	});
	// Mentions the topic only in its description: does not run it.
	await project('lahrPassing', lahr, {
		title: 'Neues Intranet',
		summary: 'Ein Intranet für alle Beschäftigten.',
		descriptionMd: 'Später soll es auch an die E-Akte angebunden werden.',
		municipalityId: idOf(LAHR)
	});
	// Deleted projects count nowhere.
	await project('kehlDeleted', kehl, {
		title: 'Terminvergabe im Standesamt',
		summary: 'Termine für Eheschließungen.',
		municipalityId: idOf(KEHL),
		tags: ['Terminvergabe']
	});
	await deleteProject(t.ctx(kehl), projects.kehlDeleted ?? 0);
	await recordAdoption(t.ctx(coordinator), {
		productId: enaio,
		municipalityId: idOf(ACHERN),
		stage: 'live'
	});

	topics.akte = (
		await createTopic(t.ctx(coordinator), {
			name: 'E-Akte',
			tags: 'E-Akte, DMS',
			phrases: 'E-Akte',
			productIds: [enaio],
			position: 1
		})
	).id;
	topics.termine = (
		await createTopic(t.ctx(coordinator), {
			name: 'Online-Terminvergabe',
			phrases: 'Terminvergabe',
			position: 2
		})
	).id;
});

describe('the adoption matrix', () => {
	it('shows visitors the furthest stage from public projects, partners and adoptions', async () => {
		expect(await column(ANONYMOUS, 'E-Akte')).toEqual({
			Achern: 'live',
			Gengenbach: null,
			Kehl: 'live',
			Lahr: null
		});
		expect(await column(ANONYMOUS, 'Online-Terminvergabe')).toEqual({
			Achern: null,
			Gengenbach: null,
			Kehl: 'planning',
			Lahr: 'planning'
		});
	});

	it('shows members members-only projects too, and drafts to nobody', async () => {
		for (const actor of [kehl, lahr, gengenbach, coordinator]) {
			expect(await column(actor, 'E-Akte')).toEqual({
				Achern: 'live',
				Gengenbach: null,
				Kehl: 'live',
				Lahr: 'building'
			});
		}
	});

	it('lists the projects and adoptions behind a cell, partners marked', async () => {
		const lahrTermine = await getTopicOverview(t.ctx(lahr), topics.termine ?? 0, LAHR);
		expect(lahrTermine.detail?.stage).toBe('planning');
		expect(lahrTermine.detail?.projects).toEqual([
			expect.objectContaining({ id: projects.termine, isOwner: false, status: 'planung' })
		]);
		const achernAkte = await getTopicOverview(t.ctx(ANONYMOUS), topics.akte ?? 0, ACHERN);
		expect(achernAkte.detail?.projects).toEqual([]);
		expect(achernAkte.detail?.adoptions).toEqual([
			{ productId: enaio, productName: 'enaio', stage: 'live' }
		]);
		const visitorLahr = await getTopicOverview(t.ctx(ANONYMOUS), topics.akte ?? 0, LAHR);
		expect(visitorLahr.detail).toMatchObject({ stage: null, projects: [], adoptions: [] });
		const places = await getTopicOverview(t.ctx(kehl), topics.akte ?? 0);
		expect(places.places.map((place) => [place.municipality.name, place.stage])).toEqual([
			['Achern', 'live'],
			['Kehl', 'live'],
			['Lahr', 'building']
		]);
		expect((await errorOf(getTopicOverview(t.ctx(), 999_999))).code).toBe('NOT_FOUND');
	});

	it('gives the map the same stages as the matrix', async () => {
		const stages = await getTopicStages(t.ctx(kehl), topics.akte ?? 0);
		expect(Object.fromEntries([...stages].map(([id, stage]) => [id, stage]))).toEqual({
			[idOf(ACHERN)]: 'live',
			[idOf(KEHL)]: 'live',
			[idOf(LAHR)]: 'building'
		});
	});

	it('filters, sorts and counts the rows', async () => {
		const filter = (query: string) => parseMatrixFilter(new URLSearchParams(query));
		const names = async (query: string, actor: Actor = ANONYMOUS) =>
			(await getAdoptionMatrix(t.ctx(actor), filter(query))).rows.map(
				(row) => row.municipality.name
			);
		expect(await names('membership=member')).toEqual(['Achern', 'Kehl', 'Lahr']);
		expect(await names('membership=none')).toEqual(['Gengenbach']);
		expect(await names('type=gemeinde')).toEqual(['Gengenbach']);
		expect(await names('sort=population')).toEqual(['Lahr', 'Kehl', 'Achern', 'Gengenbach']);
		// Kehl and Achern each run one topic; Kehl also plans one. Lahr runs none.
		expect(await names('sort=coverage')).toEqual(['Kehl', 'Achern', 'Lahr', 'Gengenbach']);
		// Malformed values mean "no filter".
		expect(await names('membership=applied&type=x&sort=y&page=-3')).toEqual([
			'Achern',
			'Gengenbach',
			'Kehl',
			'Lahr'
		]);
		const matrix = await getAdoptionMatrix(t.ctx(kehl), noFilter());
		expect(matrix.topicTotals).toEqual([
			{ live: 2, active: 3 },
			{ live: 0, active: 2 }
		]);
		expect(matrix.rows.find((row) => row.municipality.name === 'Kehl')).toMatchObject({
			live: 1,
			active: 2
		});
	});

	it('exports what the page shows, to the same audience', async () => {
		const csv = new TextDecoder().decode(
			(await exportAdoptionMatrix(t.ctx(ANONYMOUS), noFilter(), 'csv')).bytes
		);
		const lines = csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe(
			'AGS,Kommune,Art,Verwaltungsverband,Einwohner,Mitglied,E-Akte,Online-Terminvergabe,Themen in Betrieb'
		);
		expect(lines).toContain(`${LAHR},Lahr,Stadt,,47000,ja,,In Planung,0`);
		expect(lines).toContain(`${KEHL},Kehl,Stadt,,37000,ja,In Betrieb,In Planung,1`);

		const file = await exportAdoptionMatrix(t.ctx(lahr), noFilter(), 'xlsx');
		expect(file.filename).toMatch(/^drehscheibe-matrix-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.bytes.buffer);
		const sheet = workbook.getWorksheet('Matrix');
		const lahrRow = sheet?.getRows(2, 4)?.find((row) => row.getCell(2).value === 'Lahr');
		expect(lahrRow?.getCell(7).value).toBe('In Umsetzung');
	});
});

describe('freshness', () => {
	it('sees a change at the next request, through any write path', async () => {
		expect((await column(ANONYMOUS, 'E-Akte')).Lahr).toBeNull();
		await updateProject(t.ctx(lahr), projects.lahrDms ?? 0, {
			title: 'Dokumentenmanagement im Bauamt',
			summary: 'Bauakten werden gescannt und digital bearbeitet.',
			municipalityId: idOf(LAHR),
			status: 'umsetzung',
			visibility: 'public'
		});
		expect((await column(ANONYMOUS, 'E-Akte')).Lahr).toBe('building');

		// The topic without its phrase and tag: only the product's adoption is left.
		await updateTopic(t.ctx(coordinator), topics.akte ?? 0, {
			name: 'E-Akte',
			productIds: [enaio],
			position: 1
		});
		expect(await column(ANONYMOUS, 'E-Akte')).toEqual({
			Achern: 'live',
			Gengenbach: null,
			Kehl: null,
			Lahr: null
		});
		await updateTopic(t.ctx(coordinator), topics.akte ?? 0, {
			name: 'E-Akte',
			tags: 'E-Akte, DMS',
			phrases: 'E-Akte',
			productIds: [enaio],
			position: 1
		});
		expect((await column(ANONYMOUS, 'E-Akte')).Kehl).toBe('live');
	});
});

describe('the key figures', () => {
	it('count published, non-deleted projects per audience and agree with the matrix', async () => {
		const visitor = await getNetworkFigures(t.ctx(ANONYMOUS));
		const member = await getNetworkFigures(t.ctx(kehl));
		// Public: kehlAkte, lahrDms (made public above), termine, lahrPassing.
		expect(visitor).toMatchObject({
			municipalities: 4,
			members: 3,
			projects: 4,
			liveProjects: 2,
			products: 1,
			hoursSavedPerYear: 400
		});
		expect(member.projects).toBe(4);
		await updateProject(t.ctx(lahr), projects.lahrPassing ?? 0, {
			title: 'Neues Intranet',
			summary: 'Ein Intranet für alle Beschäftigten.',
			municipalityId: idOf(LAHR),
			status: 'betrieb',
			visibility: 'network',
			hoursSavedPerYear: 50
		});
		expect(await getNetworkFigures(t.ctx(ANONYMOUS))).toMatchObject({
			projects: 3,
			liveProjects: 1,
			hoursSavedPerYear: 400
		});
		expect(await getNetworkFigures(t.ctx(gengenbach))).toMatchObject({
			projects: 4,
			liveProjects: 2,
			hoursSavedPerYear: 450
		});
	});
});

describe('topic administration', () => {
	it('refuses bad input with a message per field and writes nothing', async () => {
		const before = await listTopics(t.ctx());
		const fieldsOf = async (raw: Record<string, unknown>) =>
			(await errorOf(createTopic(t.ctx(coordinator), raw))).fields;
		expect(await fieldsOf({ name: '  ', phrases: 'x', position: 3 })).toEqual({
			name: 'name_required'
		});
		expect(await fieldsOf({ name: 'e-akte', phrases: 'x', position: 3 })).toEqual({
			name: 'name_taken'
		});
		expect(await fieldsOf({ name: 'WLAN', position: 3 })).toEqual({ phrases: 'match_required' });
		expect(await fieldsOf({ name: 'WLAN', productIds: [999_999], position: 3 })).toEqual({
			productIds: 'product_invalid'
		});
		expect(await fieldsOf({ name: 'WLAN', phrases: 'WLAN', position: 'erste' })).toEqual({
			position: 'position_invalid'
		});
		expect(
			await fieldsOf({ name: 'WLAN', phrases: 'a'.repeat(101), tags: 'x'.repeat(61), position: 3 })
		).toEqual({ phrases: 'phrase_too_long', tags: 'tag_too_long' });
		expect(await listTopics(t.ctx())).toEqual(before);
	});

	it('is the coordination’s alone', async () => {
		expect(
			(await errorOf(createTopic(t.ctx(kehl), { name: 'WLAN', phrases: 'WLAN', position: 3 }))).code
		).toBe('FORBIDDEN');
		expect(
			(await errorOf(createTopic(t.ctx(ANONYMOUS), { name: 'WLAN', phrases: 'WLAN', position: 3 })))
				.code
		).toBe('FORBIDDEN');
		expect((await errorOf(deleteTopic(t.ctx(lahr), topics.termine ?? 0))).code).toBe('FORBIDDEN');
		expect((await errorOf(deleteTopic(t.ctx(coordinator), 999_999))).code).toBe('NOT_FOUND');
	});

	it('keeps the order, and a deleted topic leaves the matrix', async () => {
		const wlan = await createTopic(t.ctx(coordinator), {
			name: 'WLAN',
			phrases: 'WLAN\nHotspot\nwlan',
			position: 1
		});
		const listed = await listTopics(t.ctx());
		// Same position: by name. Phrases are de-duplicated regardless of case.
		expect(listed.map((topic) => topic.name)).toEqual(['E-Akte', 'WLAN', 'Online-Terminvergabe']);
		expect(listed.find((topic) => topic.id === wlan.id)?.phrases).toEqual(['WLAN', 'Hotspot']);
		await deleteTopic(t.ctx(coordinator), wlan.id);
		const matrix = await getAdoptionMatrix(t.ctx(), noFilter());
		expect(matrix.topics.map((topic) => topic.name)).toEqual(['E-Akte', 'Online-Terminvergabe']);
	});

	it('loads the shipped list only into an empty list, linking products it knows', async () => {
		const shipped = readShippedTopics();
		expect(shipped.length).toBeGreaterThanOrEqual(8);
		expect(await insertShippedTopics(t.db, t.ctx(coordinator), shipped)).toBe(0);
		for (const topic of await listTopics(t.ctx())) await deleteTopic(t.ctx(coordinator), topic.id);
		expect(await insertShippedTopics(t.db, t.ctx(coordinator), shipped)).toBe(shipped.length);
		const loaded = await listTopics(t.ctx());
		expect(loaded.map((topic) => topic.name)).toEqual(shipped.map((topic) => topic.name));
		expect(loaded.find((topic) => topic.name === 'E-Akte')?.products).toEqual([
			{ id: enaio, name: 'enaio' }
		]);
	});
});

describe('new since the last visit', () => {
	it('starts a new visit after a pause and keeps the end of the one before', async () => {
		const at = (iso: string) => ({ ...t.ctx(kehl), now: () => new Date(iso) });
		const visits = async () =>
			t.db
				.selectFrom('person')
				.select(['last_visit_at', 'previous_visit_at'])
				.where('id', '=', kehl.personId)
				.executeTakeFirstOrThrow();
		const gapStart = (iso: string) =>
			new Date(new Date(iso).getTime() - 3 * 3600_000).toISOString();
		for (const iso of ['2026-11-20T08:00:00.000Z', '2026-11-20T09:30:00.000Z']) {
			await recordVisit(t.db, kehl.personId, iso, gapStart(iso));
		}
		expect((await getNewSinceLastVisit(at('2026-11-20T09:31:00Z')))?.isFirstVisit).toBe(true);
		await recordVisit(
			t.db,
			kehl.personId,
			'2026-11-24T08:00:00.000Z',
			gapStart('2026-11-24T08:00:00.000Z')
		);
		const row = await visits();
		expect(new Date(row.previous_visit_at ?? '').toISOString()).toBe('2026-11-20T09:30:00.000Z');
		expect(new Date(row.last_visit_at ?? '').toISOString()).toBe('2026-11-24T08:00:00.000Z');

		// Everything in this file was written "now" (after the previous visit).
		const news = await getNewSinceLastVisit(at('2026-11-24T08:01:00Z'));
		expect(news?.isFirstVisit).toBe(false);
		expect(news?.since).toBe('2026-11-20T09:30:00.000Z');
		expect(news?.products.map((product) => product.name)).toEqual(['enaio']);
		expect(news?.projects.map((p) => p.id)).not.toContain(projects.lahrDraft);
		expect(news?.projects.map((p) => p.id)).not.toContain(projects.kehlDeleted);
		expect(news?.projects.map((p) => p.id)).toContain(projects.kehlAkte);
		expect(await getNewSinceLastVisit(t.ctx(ANONYMOUS))).toBeNull();
	});
});
