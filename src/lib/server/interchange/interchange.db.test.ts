/**
 * Import and export against real databases, on SQLite and PostgreSQL: a good file imports all
 * rows, a dry run and a file with one bad row import nothing and name row, column and problem in
 * German; exports follow the project visibility; export → import into a fresh database with the
 * same register → export gives the same file, in CSV, XLSX and JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, systemContext, type Ctx, type PersonActor } from '../context';
import type { Db } from '../db';
import { isDomainError } from '../errors';
import { actorFor, at, buildWorld, type World } from '../memberships/membership.test-support';
import { createProject } from '../projects';
import { createProduct } from '../solutions';
import { readSheet, type InterchangeFormat } from './interchange.file';
import {
	exportProducts,
	exportProjects,
	importProducts,
	importProjects,
	parseProjectExportFilter
} from './index';

/** A matcher for a text that contains `part` (typed, for use inside object literals). */
const containing = (part: string): string => expect.stringContaining(part) as string;

const source = useTestDatabase();

const csv = (text: string) => ({ name: 'projekte.csv', bytes: new TextEncoder().encode(text) });
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const system = (db: Db): Ctx => systemContext(db, 'test', () => at());
const ctxOf = (db: Db, actor: Ctx['actor']): Ctx => ({ db, actor, now: () => at() });

/** A person with a fixed address (the same in every test database), member of the given ones. */
async function personWith(
	db: Db,
	email: string,
	municipalityIds: number[],
	isCoordinator = false
): Promise<PersonActor> {
	const row = await db
		.insertInto('person')
		.values({
			email,
			display_name: email.split('@')[0] ?? email,
			is_coordinator: isCoordinator,
			email_visibility: 'municipality',
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const municipalityId of municipalityIds) {
		await db
			.insertInto('person_municipality')
			.values({ person_id: row.id, municipality_id: municipalityId, role: 'member' })
			.execute();
	}
	return actorFor(db, row.id);
}

interface Register {
	world: World;
	coordinator: PersonActor;
	lahrMember: PersonActor;
	kehlMember: PersonActor;
}

/** The same register in every database: municipalities, people, no catalogue yet. */
async function buildRegister(db: Db): Promise<Register> {
	const world = await buildWorld(db);
	return {
		world,
		coordinator: await personWith(db, 'koordination@netz.example', [], true),
		lahrMember: await personWith(db, 'lotsin@lahr.example', [world.lahr]),
		kehlMember: await personWith(db, 'lotse@kehl.example', [world.kehl])
	};
}

async function projectTitles(db: Db): Promise<string[]> {
	const rows = await db
		.selectFrom('project')
		.select('title')
		.where('deleted_at', 'is', null)
		.orderBy('title')
		.execute();
	return rows.map((row) => row.title);
}

let register: Register;
const HEADER =
	'title;summary;municipality_ags;partner_ags;status;visibility;themenfeld;domain;products;tags;started_on;live_on;costs_once_eur;costs_yearly_eur;hours_saved_per_year;contact_email';

beforeAll(async () => {
	register = await buildRegister(source.db);
	const ctx = system(source.db);
	await createProduct(ctx, { name: 'enaio', vendorName: 'Optimal Systems', category: 'dms' });
	await createProduct(ctx, {
		name: 'Terminvergabe',
		vendorName: 'Hersteller A',
		category: 'termin'
	});
	await createProduct(ctx, {
		name: 'Terminvergabe',
		vendorName: 'Hersteller B',
		category: 'termin',
		isOpenSource: true,
		licence: 'EUPL-1.2',
		website: 'https://b.example/termin',
		operator: 'ITEOS',
		descriptionMd: 'Termine **online** buchen.\n\nMit zweitem Absatz.'
	});
	// A project with every column filled.
	await createProject(ctx, {
		title: 'Alles drin',
		summary: 'Jede Spalte; mit Semikolon, "Anführungszeichen" und Umlauten: äöüß',
		descriptionMd: '# Überschrift\n\nZeile 1\r\nZeile 2, mit Komma',
		lessonsLearnedMd: 'Früher anfangen.',
		municipalityId: register.world.lahr,
		partnerMunicipalityIds: [register.world.kehl],
		status: 'umsetzung',
		domainId: (
			await source.db
				.selectFrom('domain')
				.select('id')
				.where('name', '=', 'Finanzen und Kasse')
				.executeTakeFirstOrThrow()
		).id,
		topicFieldKey: 'bauen-wohnen',
		tags: ['Zahlung', 'E-Payment', '0815'],
		productIds: (await source.db.selectFrom('product').select('id').execute()).map((p) => p.id),
		startedOn: '2021-01-31',
		liveOn: null,
		costsOnceCents: 29,
		costsYearlyCents: 123456789,
		staffEffort: '2 Personentage',
		fundingProgramme: 'Digitalakademie@bw',
		hoursSavedPerYear: 0,
		casesPerYear: 12000,
		contactPersonIds: [register.lahrMember.personId, register.kehlMember.personId],
		links: [
			{ label: 'Bericht', url: 'https://lahr.example/bericht?a=1&b=2' },
			{ label: 'https://kehl.example', url: 'https://kehl.example' }
		],
		visibility: 'draft',
		partnersCanEdit: true
	});
});

describe('importing projects', () => {
	it('imports every row of a good file, with labels, German amounts and dates', async () => {
		const file = csv(
			`\uFEFF${HEADER}\r\n` +
				'E-Akte;Akten digital;08317065;08317057;In Betrieb;öffentlich;Querschnittsleistungen;Organisation und IT;enaio;"E-Akte; DMS";01.02.2022;2023-05-01;12.500,50;1200;350;lotsin@lahr.example\r\n' +
				'Kita-App;;8317057;;idee;Nur Netzwerkmitglieder;familie-kind;;Terminvergabe (Hersteller A);;;;;;;lotse@kehl.example\r\n'
		);
		const result = await importProjects(ctxOf(source.db, register.coordinator), file, {
			dryRun: false
		});
		expect(result).toEqual({ format: 'csv', rows: 2, imported: 2, dryRun: false, problems: [] });

		const project = await source.db
			.selectFrom('project')
			.selectAll()
			.where('title', '=', 'E-Akte')
			.executeTakeFirstOrThrow();
		expect(project).toMatchObject({
			municipality_id: register.world.lahr,
			status: 'betrieb',
			visibility: 'public',
			topic_field_key: 'querschnitt',
			started_on: '2022-02-01',
			live_on: '2023-05-01',
			costs_once_cents: 1250050,
			costs_yearly_cents: 120000,
			hours_saved_per_year: 350
		});
		const tags = await source.db
			.selectFrom('project_tag')
			.select('tag')
			.where('project_id', '=', project.id)
			.orderBy('tag_sort')
			.execute();
		expect(tags.map((tag) => tag.tag)).toEqual(['DMS', 'E-Akte']);
		const revision = await source.db
			.selectFrom('project_revision')
			.select('action')
			.where('project_id', '=', project.id)
			.executeTakeFirstOrThrow();
		expect(revision.action).toBe('imported');
	});

	it('checks everything in a dry run and writes nothing', async () => {
		const before = await projectTitles(source.db);
		const result = await importProjects(
			system(source.db),
			csv(`${HEADER}\nProbelauf;;08317065;;planung;entwurf;;;;;;;;;;\n`),
			{ dryRun: true }
		);
		expect(result).toMatchObject({ rows: 1, imported: 0, dryRun: true, problems: [] });
		expect(await projectTitles(source.db)).toEqual(before);
	});

	it('imports nothing when one row is bad, and names row, column and problem in German', async () => {
		const before = await projectTitles(source.db);
		const file = csv(
			'title,municipality_ags,status,costs_once_eur,contact_email,products\n' +
				'Gut,08317065,idee,,,\n' +
				'Schlecht,08317065,fertig,zehn Euro,lotse@kehl.example,Unbekannt\n' +
				`${'x'.repeat(201)},08317099,idee,,,\n` +
				'Kein Mitglied,08317034,idee,,,\n' +
				'Mehrdeutig,08317065,idee,,,Terminvergabe\n'
		);
		const result = await importProjects(system(source.db), file, { dryRun: false });
		expect(result.imported).toBe(0);
		expect(result.problems).toEqual([
			{
				row: 3,
				column: 'status',
				message: containing('„fertig“ ist kein zulässiger Wert. Erlaubt: Idee')
			},
			{
				row: 3,
				column: 'products',
				message: 'Das Produkt „Unbekannt“ ist nicht im Lösungsregister.'
			},
			{
				row: 3,
				column: 'costs_once_eur',
				message: containing('„zehn Euro“ ist kein Betrag')
			},
			{
				row: 3,
				column: 'contact_email',
				message:
					'lotse@kehl.example gehört weder zur Kommune des Projekts noch zu einer Partnerkommune.'
			},
			{
				row: 4,
				column: 'title',
				message: 'Der Text ist 201 Zeichen lang; erlaubt sind höchstens 200.'
			},
			{
				row: 4,
				column: 'municipality_ags',
				message: 'Keine Kommune mit dem Gemeindeschlüssel 08317099.'
			},
			{
				row: 5,
				column: 'municipality_ags',
				message: 'Gengenbach (08317034) ist kein Mitglied des Netzwerks.'
			},
			{
				row: 6,
				column: 'products',
				message:
					'„Terminvergabe“ gibt es mehrfach im Register; bitte als „Name (Hersteller)“ angeben.'
			}
		]);
		expect(await projectTitles(source.db)).toEqual(before);
	});

	it('gives one clear German problem for a broken file or header', async () => {
		const broken = await importProjects(
			system(source.db),
			csv('title,municipality_ags,status\n"offen,08317065,idee\n'),
			{ dryRun: false }
		);
		expect(broken.problems).toEqual([
			{ row: null, column: null, message: containing('Die CSV-Datei ist fehlerhaft') }
		]);
		const header = await importProjects(system(source.db), csv('titel,status\nA,idee\n'), {
			dryRun: false
		});
		expect(header.problems).toEqual([
			{ row: 1, column: 'titel', message: containing('Unbekannte Spalte') },
			{ row: 1, column: 'title', message: 'Die Pflichtspalte fehlt.' },
			{ row: 1, column: 'municipality_ags', message: 'Die Pflichtspalte fehlt.' }
		]);
	});

	it('names wrong JSON types by entry and column', async () => {
		const json = JSON.stringify([
			{ title: 'JSON', municipality_ags: '08317065', status: 'idee', costs_once_eur: 100 },
			{
				title: { de: 'x' },
				municipality_ags: '08317065',
				status: 'idee',
				hours_saved_per_year: 1.5
			}
		]);
		const result = await importProjects(
			system(source.db),
			{ name: 'p.json', bytes: new TextEncoder().encode(json) },
			{ dryRun: true }
		);
		expect(result.problems).toEqual([
			{ row: 2, column: 'title', message: containing('Falscher Typ') },
			{ row: 2, column: 'hours_saved_per_year', message: 'Bitte eine ganze Zahl ab 0 angeben.' }
		]);
	});

	it('lets only the coordination and the system import', async () => {
		const refused = await importProjects(
			ctxOf(source.db, register.lahrMember),
			csv(`${HEADER}\n`),
			{ dryRun: true }
		).catch((error: unknown) => error);
		expect(isDomainError(refused) && refused.code).toBe('FORBIDDEN');
		const anonymous = await importProducts(ctxOf(source.db, ANONYMOUS), csv('name\n'), {
			dryRun: true
		}).catch((error: unknown) => error);
		expect(isDomainError(anonymous) && anonymous.code).toBe('FORBIDDEN');
	});
});

describe('importing products', () => {
	it('imports products with category labels and yes/no, and refuses a duplicate', async () => {
		const ok = await importProducts(
			system(source.db),
			csv('name,vendor,category,open_source\nOpenR@thaus,Gemeinsam,Portal,ja\n'),
			{ dryRun: false }
		);
		expect(ok).toMatchObject({ imported: 1, problems: [] });
		const duplicate = await importProducts(
			system(source.db),
			csv(
				'name,vendor,category\nNeu,,dms\nenaio,Optimal Systems,Dokumentenmanagement\nX,,Kaffee\n'
			),
			{ dryRun: false }
		);
		expect(duplicate.imported).toBe(0);
		expect(duplicate.problems).toEqual([
			{
				row: 4,
				column: 'category',
				message: containing('„Kaffee“ ist kein zulässiger Wert')
			}
		]);
		const taken = await importProducts(
			system(source.db),
			csv('name,vendor,category\nNeu,,dms\nenaio,Optimal Systems,Dokumentenmanagement\n'),
			{ dryRun: false }
		);
		expect(taken.problems).toEqual([
			{
				row: 3,
				column: 'name',
				message: 'Ein Produkt mit diesem Namen und Hersteller gibt es schon im Register.'
			}
		]);
		const neu = await source.db
			.selectFrom('product')
			.select('id')
			.where('name', '=', 'Neu')
			.execute();
		expect(neu).toEqual([]);
	});
});

describe('exporting projects', () => {
	let titles: Record<string, number>;

	beforeAll(async () => {
		const ctx = system(source.db);
		const add = (
			title: string,
			municipalityId: number,
			visibility: 'public' | 'network' | 'draft'
		) => createProject(ctx, { title, municipalityId, status: 'planung', visibility });
		titles = {
			publicKehl: (await add('Sichtbar Kehl', register.world.kehl, 'public')).id,
			networkKehl: (await add('Mitglieder Kehl', register.world.kehl, 'network')).id,
			draftKehl: (await add('Entwurf Kehl', register.world.kehl, 'draft')).id,
			draftLahr: (await add('Entwurf Lahr', register.world.lahr, 'draft')).id,
			deleted: (await add('Gelöscht', register.world.lahr, 'public')).id
		};
		await source.db
			.updateTable('project')
			.set({ deleted_at: at().toISOString() })
			.where('id', '=', titles.deleted!)
			.execute();
	});

	async function exportedTitles(actor: Ctx['actor']): Promise<string[]> {
		const file = await exportProjects(ctxOf(source.db, actor), 'json');
		const rows = JSON.parse(decode(file.bytes)) as { title: string }[];
		return rows.map((row) => row.title);
	}

	it('gives anonymous visitors public projects only, and no contact addresses', async () => {
		const titlesSeen = await exportedTitles(ANONYMOUS);
		expect(titlesSeen).toContain('Sichtbar Kehl');
		expect(titlesSeen).not.toContain('Mitglieder Kehl');
		expect(titlesSeen).not.toContain('Entwurf Kehl');
		expect(titlesSeen).not.toContain('Entwurf Lahr');
		expect(titlesSeen).not.toContain('Gelöscht');
		const file = await exportProjects(ctxOf(source.db, ANONYMOUS), 'csv');
		expect(decode(file.bytes)).not.toContain('@');
	});

	it('gives members the network and their own drafts, the coordination all but deleted', async () => {
		const member = await exportedTitles(register.lahrMember);
		expect(member).toEqual(
			expect.arrayContaining(['Sichtbar Kehl', 'Mitglieder Kehl', 'Entwurf Lahr'])
		);
		expect(member).not.toContain('Entwurf Kehl');
		expect(member).not.toContain('Gelöscht');
		const coordination = await exportedTitles(register.coordinator);
		expect(coordination).toEqual(expect.arrayContaining(['Entwurf Kehl', 'Entwurf Lahr']));
		expect(coordination).not.toContain('Gelöscht');
	});

	it('narrows the export by municipality and status from a download link', async () => {
		const filter = parseProjectExportFilter(
			new URLSearchParams({ kommune: '08317057', status: 'planung' })
		);
		expect(filter).toEqual({ municipalityAgs: '08317057', status: 'planung' });
		expect(parseProjectExportFilter(new URLSearchParams({ kommune: 'x', status: 'y' }))).toEqual({
			municipalityAgs: undefined,
			status: undefined
		});
		const file = await exportProjects(ctxOf(source.db, register.coordinator), 'json', filter);
		const rows = JSON.parse(decode(file.bytes)) as { title: string }[];
		expect(rows.map((row) => row.title).sort()).toEqual([
			'Entwurf Kehl',
			'Mitglieder Kehl',
			'Sichtbar Kehl'
		]);
	});

	it('sends the right content type and file name', async () => {
		const file = await exportProjects(ctxOf(source.db, ANONYMOUS), 'xlsx');
		expect(file.contentType).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(file.filename).toBe('drehscheibe-projekte-2026-11-25.xlsx');
	});
});

describe.each(['csv', 'xlsx', 'json'] as InterchangeFormat[])('round trip in %s', (format) => {
	const target = useTestDatabase();

	beforeAll(async () => {
		await buildRegister(target.db);
	});

	it('exports, imports into a fresh database and exports the same again', async () => {
		const products = await exportProducts(system(source.db), format);
		const projects = await exportProjects(system(source.db), format);
		const name = (kind: string) => `${kind}.${format}`;

		const productImport = await importProducts(
			system(target.db),
			{ name: name('produkte'), bytes: products.bytes },
			{ dryRun: false }
		);
		expect(productImport.problems).toEqual([]);
		const projectImport = await importProjects(
			system(target.db),
			{ name: name('projekte'), bytes: projects.bytes },
			{ dryRun: false }
		);
		expect(projectImport.problems).toEqual([]);
		expect(projectImport.imported).toBeGreaterThan(5);

		const productsAgain = await exportProducts(system(target.db), format);
		const projectsAgain = await exportProjects(system(target.db), format);
		if (format === 'xlsx') {
			// Zip entries carry their own timestamps: compare what the sheets hold.
			const cells = async (bytes: Uint8Array) => (await readSheet({ name: 'x.xlsx', bytes })).rows;
			expect(await cells(productsAgain.bytes)).toEqual(await cells(products.bytes));
			expect(await cells(projectsAgain.bytes)).toEqual(await cells(projects.bytes));
		} else {
			expect(decode(productsAgain.bytes)).toBe(decode(products.bytes));
			expect(decode(projectsAgain.bytes)).toBe(decode(projects.bytes));
		}
		const full = decode(projectsAgain.bytes);
		if (format !== 'xlsx') {
			expect(full).toContain('Alles drin');
			expect(full).toContain('lotsin@lahr.example');
			expect(full).toContain('Terminvergabe (Hersteller B)');
		}
	});
});
