/**
 * The wheel finder against a real database, on SQLite and PostgreSQL: the index written with
 * the records, the examples, visibility in hits and facets, ranking, the answer box,
 * similar projects, the editable synonym list and the rebuild.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { ANONYMOUS, type PersonActor } from '../context';
import { inTransaction } from '../db';
import { readContentVersion } from '../db/content-version';
import { createProject, deleteProject, updateProject, type ProjectInputRaw } from '../projects';
import { createProduct, updateProduct } from '../solutions';
import { germanSortKey } from '../text/sort-key';
import {
	findSimilarProjects,
	getSynonymList,
	rebuildSearchIndex,
	resetSynonymList,
	saveSynonymList,
	search,
	searchForApi
} from './index';

const t = useTestDatabase();
const ids: Record<string, number> = {};
let kehl: PersonActor;
let lahr: PersonActor;
let coordinator: PersonActor;

async function project(key: string, actor: PersonActor, raw: ProjectInputRaw): Promise<number> {
	const { id } = await createProject(t.ctx(actor), {
		status: 'betrieb',
		visibility: 'public',
		...raw
	});
	ids[key] = id;
	return id;
}

/** The titles of the project hits for a query, best first. */
async function titles(q: string, actor: PersonActor | typeof ANONYMOUS = ANONYMOUS) {
	const result = await search(t.ctx(actor), { q, type: 'project' });
	return result.hits.map((hit) => hit.title);
}

beforeAll(async () => {
	for (const [key, ags, name] of [
		['kehl', '08317057', 'Kehl'],
		['lahr', '08317065', 'Lahr'],
		['gengenbach', '08317038', 'Gengenbach']
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
				updated_at: '2026-11-25T10:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids[key] = row.id;
	}
	const person = (name: string, email: string, municipality: number, isCoordinator = false) =>
		insertPersonActor(
			t.db,
			{
				email,
				display_name: name,
				name_sort: germanSortKey(name),
				updated_at: '2026-11-25T10:00:00.000Z'
			},
			municipality === 0 ? [] : [municipality],
			{ isCoordinator, hasTwoFactor: true }
		);
	kehl = await person('Jonas Weber', 'jonas@kehl.example', ids.kehl!);
	lahr = await person('Lena Roth', 'lena@lahr.example', ids.lahr!);
	coordinator = await person('Cora Koordination', 'cora@netz.example', 0, true);

	const tevis = await createProduct(t.ctx(coordinator), {
		name: 'TEVIS',
		vendorName: 'TEVIS GmbH',
		category: 'termin',
		descriptionMd: 'Terminvereinbarung für Bürgerbüros.'
	});
	ids.tevis = tevis.id;
	await project('termine', kehl, {
		title: 'Online-Terminvergabe im Bürgerbüro',
		summary: 'Bürgerinnen und Bürger buchen Termine für Pass und Ausweis online.',
		municipalityId: ids.kehl,
		productIds: [tevis.id],
		liveOn: '2020-03-01',
		tags: ['Bürgerservice']
	});
	await project('licht', lahr, {
		title: 'LED-Straßenbeleuchtung mit Fernwartung',
		summary: 'Die Stadt stellt alle Leuchten auf LED um.',
		municipalityId: ids.lahr
	});
	await project('hund', lahr, {
		title: 'Hundesteuer online anmelden',
		summary: 'Hunde werden über ein Formular an- und abgemeldet.',
		municipalityId: ids.lahr,
		status: 'umsetzung'
	});
	await project('dms', kehl, {
		title: 'Dokumentenmanagementsystem für alle Ämter',
		summary: 'Akten werden elektronisch geführt, vom Posteingang bis zum Archiv.',
		municipalityId: ids.kehl
	});
	await project('schule', lahr, {
		title: 'WLAN für die Grundschulen',
		summary: 'Alle vier Grundschulen bekommen flächendeckendes WLAN.',
		municipalityId: ids.lahr,
		status: 'planung'
	});
	await project('schulung', kehl, {
		title: 'Schulungen für Digitallotsen',
		summary: 'Die Verwaltung schult ihre Beschäftigten im Umgang mit Office.',
		municipalityId: ids.kehl
	});
	await project('intern', kehl, {
		title: 'Hundesteuer intern: Abgleich mit dem Melderegister',
		summary: 'Nur für das Netzwerk.',
		municipalityId: ids.kehl,
		visibility: 'network'
	});
	await project('entwurf', kehl, {
		title: 'Hundesteuer-Entwurf',
		summary: 'Noch nicht fertig.',
		municipalityId: ids.kehl,
		visibility: 'draft'
	});
});

describe('the issue’s examples', () => {
	it('finds “Online-Terminvergabe” for “Terminbuchung” (synonym)', async () => {
		expect((await titles('Terminbuchung'))[0]).toBe('Online-Terminvergabe im Bürgerbüro');
	});

	it('finds “Straßenbeleuchtung” for “Strassenbeleuchtung” (ß as ss, compound part)', async () => {
		expect((await titles('Strassenbeleuchtung'))[0]).toBe('LED-Straßenbeleuchtung mit Fernwartung');
	});

	it('finds “Hundesteuer” for “Hundesteuerbescheid” (a compound finds its parts)', async () => {
		expect((await titles('Hundesteuerbescheid'))[0]).toBe('Hundesteuer online anmelden');
	});

	it('answers “Wer hat schon eine E-Akte?” with the document management system', async () => {
		expect((await titles('Wer hat schon eine E-Akte?'))[0]).toBe(
			'Dokumentenmanagementsystem für alle Ämter'
		);
	});

	it('finds the primary schools for “Schule”, not the training (a part finds the compound)', async () => {
		const found = await titles('Schule');
		expect(found[0]).toBe('WLAN für die Grundschulen');
		expect(found).not.toContain('Schulungen für Digitallotsen');
	});

	it('tolerates one typo in a longer word and spelling with ae/oe/ue', async () => {
		expect((await titles('Terminvergbe'))[0]).toBe('Online-Terminvergabe im Bürgerbüro');
		expect((await titles('Buergerbuero'))[0]).toBe('Online-Terminvergabe im Bürgerbüro');
		expect(await titles('Atlantis')).toEqual([]);
	});
});

describe('visibility', () => {
	it('shows members-only projects and drafts only to those who may see them, in hits and facets', async () => {
		const anonymous = await search(t.ctx(), { q: 'Hundesteuer' });
		expect(anonymous.hits.map((h) => h.title)).toEqual(['Hundesteuer online anmelden']);
		expect(anonymous.facets.municipality).toEqual([{ key: '08317065', label: 'Lahr', count: 1 }]);

		const member = await titles('Hundesteuer', lahr);
		expect(member).toContain('Hundesteuer intern: Abgleich mit dem Melderegister');
		expect(member).not.toContain('Hundesteuer-Entwurf');

		expect(await titles('Hundesteuer', kehl)).toContain('Hundesteuer-Entwurf');
	});

	it('drops a deleted project at once', async () => {
		const id = await project('weg', kehl, {
			title: 'Friedhofsverwaltung digital',
			municipalityId: ids.kehl
		});
		expect((await titles('Friedhofsverwaltung'))[0]).toBe('Friedhofsverwaltung digital');
		await deleteProject(t.ctx(kehl), id);
		expect(await titles('Friedhofsverwaltung')).not.toContain('Friedhofsverwaltung digital');
	});
});

describe('the index is written with the record', () => {
	it('finds a change at once and nothing of a rolled-back write', async () => {
		await updateProject(t.ctx(lahr), ids.licht!, {
			title: 'Intelligente Straßenbeleuchtung',
			summary: 'Leuchten dimmen nachts.',
			municipalityId: ids.lahr,
			status: 'betrieb',
			visibility: 'public'
		});
		expect(await titles('intelligente')).toEqual(['Intelligente Straßenbeleuchtung']);
		expect(await titles('Fernwartung')).toEqual([]);

		await expect(
			inTransaction(t.db, async (tx) => {
				await createProject(
					{ ...t.ctx(kehl), db: tx },
					{
						title: 'Parkraumbewirtschaftung',
						municipalityId: ids.kehl,
						status: 'idee',
						visibility: 'public'
					}
				);
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(await titles('Parkraumbewirtschaftung')).toEqual([]);
		// A word searched for before it existed is found as soon as it is written.
		await project('parken', kehl, { title: 'Parkraumbewirtschaftung', municipalityId: ids.kehl });
		expect(await titles('Parkraumbewirtschaftung')).toEqual(['Parkraumbewirtschaftung']);
	});

	it('carries a renamed product into the projects that use it', async () => {
		await updateProduct(t.ctx(coordinator), ids.tevis!, {
			name: 'TEVIS Terminmanager',
			vendorName: 'TEVIS GmbH',
			category: 'termin',
			descriptionMd: 'Terminvereinbarung für Bürgerbüros.'
		});
		expect(await titles('Terminmanager')).toEqual(['Online-Terminvergabe im Bürgerbüro']);
	});

	it('rebuilds to the same results', async () => {
		const before = await search(t.ctx(kehl), { q: 'Hundesteuer Schule Terminbuchung' });
		const counts = await rebuildSearchIndex(t.db);
		expect(counts.projects).toBeGreaterThanOrEqual(8);
		const after = await search(t.ctx(kehl), { q: 'Hundesteuer Schule Terminbuchung' });
		expect(after.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id));
	});
});

describe('what is kept per content version', () => {
	it('finds and labels a renamed municipality by its new name at once', async () => {
		const before = await search(t.ctx(ANONYMOUS), { q: 'Wochenmarkt Seelbach' });
		expect(before.hits.filter((hit) => hit.type === 'municipality')).toEqual([]);
		const gengenbach = Number(ids.gengenbach);
		const markt = await project('markt', coordinator, {
			title: 'Wochenmarkt digital',
			summary: 'Standplätze für den Wochenmarkt online vergeben.',
			municipalityId: gengenbach
		});
		const named = await search(t.ctx(ANONYMOUS), { q: 'Wochenmarkt' });
		expect(named.facets.municipality).toEqual([{ key: '08317038', label: 'Gengenbach', count: 1 }]);

		await t.db
			.updateTable('municipality')
			.set({ name: 'Seelbach', name_sort: germanSortKey('Seelbach') })
			.where('id', '=', gengenbach)
			.execute();
		const renamed = await search(t.ctx(ANONYMOUS), { q: 'Wochenmarkt' });
		expect(renamed.facets.municipality).toEqual([{ key: '08317038', label: 'Seelbach', count: 1 }]);
		const byName = await search(t.ctx(ANONYMOUS), { q: 'Seelbach' });
		expect(byName.hits[0]).toMatchObject({
			type: 'municipality',
			id: '08317038',
			title: 'Seelbach'
		});

		await t.db
			.updateTable('municipality')
			.set({ name: 'Gengenbach', name_sort: germanSortKey('Gengenbach') })
			.where('id', '=', gengenbach)
			.execute();
		expect((await search(t.ctx(ANONYMOUS), { q: 'Seelbach' })).hits).toEqual([]);
		await deleteProject(t.ctx(coordinator), markt);
	});
});

describe('ranking, answers, API shape', () => {
	it('ranks a title match above a summary match', async () => {
		await project('nebenbei', kehl, {
			title: 'Bürgerportal',
			summary: 'Auch die Hundesteuer lässt sich hier anmelden.',
			municipalityId: ids.kehl
		});
		const found = await titles('Hundesteuer');
		expect(found.indexOf('Hundesteuer online anmelden')).toBeLessThan(
			found.indexOf('Bürgerportal')
		);
	});

	it('says who already runs it, with product and year; contacts only for members', async () => {
		const result = await search(t.ctx(), { q: 'Terminvergabe' });
		expect(result.answer[0]).toMatchObject({
			municipality: { ags: '08317057', name: 'Kehl' },
			stage: 'betrieb',
			product: 'TEVIS Terminmanager',
			sinceYear: 2020,
			contact: null
		});
	});

	it('answers the API in the documented shape, with typed hits and facets', async () => {
		const body = await searchForApi(t.ctx(), { q: 'Terminvergabe', page: 1 });
		expect(body.hits[0]).toMatchObject({
			type: 'project',
			id: ids.termine,
			url: `/projekte/${ids.termine}`,
			municipality: { ags: '08317057', name: 'Kehl' }
		});
		expect(body.hits[0]?.snippet).toContain('Termine');
		expect(body.facets.type.map((f) => f.key)).toContain('project');
		expect(body.total).toBe(body.hits.length);
	});
});

describe('similar projects', () => {
	it('shows “Das gibt es schon” for a draft title, without the project itself', async () => {
		const similar = await findSimilarProjects(t.ctx(lahr), {
			title: 'Terminbuchung online',
			summary: 'Termine im Bürgerbüro'
		});
		expect(similar.map((p) => p.title)[0]).toBe('Online-Terminvergabe im Bürgerbüro');
		const self = await findSimilarProjects(t.ctx(lahr), {
			title: 'Online-Terminvergabe im Bürgerbüro',
			excludeId: ids.termine
		});
		expect(self.map((p) => p.id)).not.toContain(ids.termine);
		expect(await findSimilarProjects(t.ctx(), { title: 'Atlantis versenken' })).toEqual([]);
	});
});

describe('the synonym list', () => {
	it('takes an edited list from the next search on, and the shipped one again on reset', async () => {
		expect(await titles('Lichtmast')).toEqual([]);
		const before = await readContentVersion(t.db);
		await saveSynonymList(t.ctx(coordinator), '# Test\nLichtmast, Straßenbeleuchtung\n');
		// Cached public result pages are keyed by the content version: it must move.
		expect(await readContentVersion(t.db)).toBeGreaterThan(before);
		expect(await titles('Lichtmast')).toEqual(['Intelligente Straßenbeleuchtung']);
		const list = await getSynonymList(t.ctx(coordinator));
		expect(list).toMatchObject({ isShipped: false, groupCount: 1 });
		await resetSynonymList(t.ctx(coordinator));
		expect(await titles('Lichtmast')).toEqual([]);
		expect((await getSynonymList(t.ctx(coordinator))).isShipped).toBe(true);
	});

	it('refuses a list with a broken line, naming it, and lets only the coordination edit', async () => {
		const error = await errorOf(saveSynonymList(t.ctx(coordinator), 'Müll, Abfall\nBauantrag\n'));
		expect(error).toMatchObject({
			code: 'INVALID',
			fields: { synonyms: 'synonym_group_single:2' }
		});
		expect((await getSynonymList(t.ctx(coordinator))).isShipped).toBe(true);
		expect(await errorOf(saveSynonymList(t.ctx(kehl), 'Müll, Abfall'))).toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(await errorOf(getSynonymList(t.ctx()))).toMatchObject({ code: 'FORBIDDEN' });
	});
});
