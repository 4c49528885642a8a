/**
 * Import and export of projects and products in the canonical format (docs/interchange.md,
 * decision 0019).
 *
 * Import: the coordination (or the system, from the CLI) hands over a file; every row is read,
 * its names resolved against the register and checked; problems name the row, the column and
 * what is wrong, in German. A file with any problem imports nothing: all rows are written through
 * the projects and solutions services in one transaction, and a dry run rolls that back.
 *
 * Export: what the actor may see (project visibility applies, deleted records never), in the
 * same columns, so that an export imported into another installation with the same register and
 * exported again gives the same file.
 */
import type { Actor, Ctx } from '../context';
import { inTransaction, type Db } from '../db';
import type { ProjectStatus, ProjectVisibility } from '../db/schema';
import { forbidden, isDomainError } from '../errors';
import { canSeeContact } from '../people';
import {
	createProject,
	PROJECT_LIMITS,
	projectScopeOf,
	type ProjectInputRaw,
	type ProjectScope
} from '../projects';
import { createProduct, PRODUCT_LIMITS, type ProductInput } from '../solutions';
import {
	CATEGORY_OPTIONS,
	PRODUCT_COLUMNS,
	PROJECT_COLUMNS,
	REQUIRED_PRODUCT_COLUMNS,
	REQUIRED_PROJECT_COLUMNS,
	STATUS_OPTIONS,
	VISIBILITY_OPTIONS
} from './interchange.columns';
import {
	InterchangeFileError,
	readSheet,
	WRONG_TYPE,
	writeSheet,
	type InterchangeFormat,
	type OutValue,
	type Sheet,
	type SheetRow,
	type UploadedFile,
	type WrittenFile
} from './interchange.file';
import { canExport, canImport } from './interchange.policy';
import {
	findAllDomains,
	findAllTopicFields,
	findExportProducts,
	findExportProjects,
	findMembershipsOf,
	findMunicipalitiesByAgs,
	findPartnerAgs,
	findPeopleByEmail,
	findProjectContacts,
	findProjectLinks,
	findProjectProducts,
	findProjectTags,
	findRegisterProducts
} from './interchange.repository';
import {
	cellText,
	formatLinks,
	isEmptyCell,
	normaliseKey,
	parseCoded,
	parseCount,
	parseDay,
	parseEuroCents,
	parseLinks,
	parseList,
	parseText,
	parseYesNo,
	type Cell,
	type Parsed
} from './interchange.values';

/** One problem of an import: where (row as a spreadsheet counts it, column) and what. */
export interface ImportProblem {
	/** null: the file as a whole. */
	row: number | null;
	column: string | null;
	message: string;
}

export interface ImportResult {
	format: InterchangeFormat | null;
	/** Data rows read. */
	rows: number;
	/** Records written: 0 for a dry run and for a file with problems. */
	imported: number;
	dryRun: boolean;
	problems: ImportProblem[];
}

export interface ImportOptions {
	dryRun: boolean;
}

/** More problems than this are not listed (the file needs fixing anyway). */
export const MAX_LISTED_PROBLEMS = 500;

class RollBack extends Error {}

class Problems {
	readonly list: ImportProblem[] = [];
	add(row: number | null, column: string | null, message: string): void {
		if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push({ row, column, message });
	}
	get size(): number {
		return this.list.length;
	}
}

function requireImport(actor: Actor): void {
	if (!canImport(actor)) throw forbidden('only the coordination imports');
}

/** Checks the header row: known columns only, each once, the required ones present. */
function checkHeader(
	sheet: Sheet,
	known: readonly string[],
	required: readonly string[],
	problems: Problems
): void {
	const seen = new Set<string>();
	sheet.header.forEach((name) => {
		if (name === '') return;
		if (!known.includes(name)) {
			problems.add(1, name, `Unbekannte Spalte. Erlaubt sind: ${known.join(', ')}.`);
		} else if (seen.has(name)) {
			problems.add(1, name, 'Die Spalte kommt zweimal vor.');
		}
		seen.add(name);
	});
	for (const name of required) {
		if (!seen.has(name)) problems.add(1, name, 'Die Pflichtspalte fehlt.');
	}
	for (const row of sheet.rows) {
		for (const [key, cell] of Object.entries(row.cells)) {
			if (key.startsWith('#') && !isEmptyCell(cell)) {
				problems.add(row.row, null, `Wert in Spalte ${key.slice(1)} ohne Spaltenüberschrift.`);
			}
		}
	}
}

/** Reads a cell with `parse`, noting a problem (and returning undefined) when it fails. */
function read<T>(
	row: SheetRow,
	column: string,
	problems: Problems,
	parse: (cell: Cell) => Parsed<T>
): T | undefined {
	const cell = row.cells[column];
	if (cell === WRONG_TYPE) {
		problems.add(
			row.row,
			column,
			'Falscher Typ: erwartet wird ein Text, eine Zahl oder eine Liste.'
		);
		return undefined;
	}
	const parsed = parse(cell);
	if (!parsed.ok) {
		problems.add(row.row, column, parsed.problem);
		return undefined;
	}
	return parsed.value;
}

async function readFile(file: UploadedFile, problems: Problems): Promise<Sheet | null> {
	try {
		return await readSheet(file);
	} catch (error) {
		if (error instanceof InterchangeFileError) {
			problems.add(null, null, error.message);
			return null;
		}
		throw error;
	}
}

// -- German texts of the services' problem codes (what the checks above do not catch first) --

const SERVICE_PROBLEMS: Record<string, string> = {
	title_required: 'Der Titel fehlt.',
	name_required: 'Der Name fehlt.',
	name_taken: 'Ein Produkt mit diesem Namen und Hersteller gibt es schon im Register.',
	municipality_required: 'Die Kommune fehlt.',
	municipality_unknown: 'Keine Kommune mit diesem Gemeindeschlüssel.',
	municipality_not_member: 'Die Kommune ist kein Mitglied des Netzwerks.',
	municipality_not_yours: 'Für diese Kommune dürfen Sie keine Projekte anlegen.',
	partner_invalid: 'Eine Partnerkommune ist unbekannt.',
	status_invalid: 'Der Status ist ungültig.',
	visibility_invalid: 'Die Sichtbarkeit ist ungültig.',
	domain_invalid: 'Der Fachbereich ist unbekannt.',
	topic_field_invalid: 'Das Themenfeld ist unbekannt.',
	product_invalid: 'Ein Produkt ist im Register unbekannt.',
	contact_invalid:
		'Eine Ansprechperson gehört weder zur Kommune noch zu einer Partnerkommune des Projekts.',
	tag_too_long: `Ein Schlagwort ist länger als ${PROJECT_LIMITS.tag} Zeichen.`,
	tags_too_many: `Höchstens ${PROJECT_LIMITS.tags} Schlagwörter.`,
	links_too_many: `Höchstens ${PROJECT_LIMITS.links} Links.`,
	url_invalid: 'Ein Link ist keine gültige Web-Adresse (http oder https).',
	website_invalid: 'Die Website ist keine gültige Web-Adresse (http oder https).',
	category_invalid: 'Die Kategorie ist ungültig.',
	date_invalid: 'Das Datum ist ungültig.',
	costs_invalid: 'Der Betrag ist ungültig.',
	number_invalid: 'Die Zahl ist ungültig.'
};

function serviceProblem(code: string): string {
	if (SERVICE_PROBLEMS[code]) return SERVICE_PROBLEMS[code];
	if (code.endsWith('_too_long')) return 'Der Text ist zu lang.';
	return `Der Wert ist ungültig (${code}).`;
}

const PROJECT_FIELD_COLUMNS: Record<string, string> = {
	title: 'title',
	summary: 'summary',
	descriptionMd: 'description',
	lessonsLearnedMd: 'lessons_learned',
	municipalityId: 'municipality_ags',
	partnerMunicipalityIds: 'partner_ags',
	status: 'status',
	statusChangedOn: 'status',
	domainId: 'domain',
	topicFieldKey: 'themenfeld',
	tags: 'tags',
	productIds: 'products',
	startedOn: 'started_on',
	liveOn: 'live_on',
	costsOnceCents: 'costs_once_eur',
	costsYearlyCents: 'costs_yearly_eur',
	staffEffort: 'staff_effort',
	fundingProgramme: 'funding_programme',
	hoursSavedPerYear: 'hours_saved_per_year',
	casesPerYear: 'cases_per_year',
	contactPersonIds: 'contact_email',
	links: 'links',
	visibility: 'visibility',
	partnersCanEdit: 'partners_can_edit'
};

const PRODUCT_FIELD_COLUMNS: Record<string, string> = {
	name: 'name',
	vendorName: 'vendor',
	category: 'category',
	website: 'website',
	isOpenSource: 'open_source',
	licence: 'licence',
	operator: 'operator',
	descriptionMd: 'description'
};

/**
 * Writes the prepared rows through `create` in one transaction; a service refusal becomes a
 * problem of its row. Rolls back on any problem and for a dry run.
 */
async function writeAll<T>(
	ctx: Ctx,
	prepared: readonly { row: number; input: T }[],
	create: (ctx: Ctx, input: T) => Promise<unknown>,
	fieldColumns: Record<string, string>,
	problems: Problems,
	dryRun: boolean
): Promise<number> {
	try {
		await inTransaction(ctx.db, async (tx) => {
			const txCtx: Ctx = { ...ctx, db: tx };
			for (const { row, input } of prepared) {
				try {
					await create(txCtx, input);
				} catch (error) {
					if (!isDomainError(error) || error.code !== 'INVALID') throw error;
					for (const [field, code] of Object.entries(error.fields)) {
						const column = fieldColumns[field.split('.')[0] ?? field] ?? null;
						problems.add(row, column, serviceProblem(code));
					}
				}
			}
			if (problems.size > 0 || dryRun) throw new RollBack();
		});
	} catch (error) {
		if (error instanceof RollBack) return 0;
		throw error;
	}
	return prepared.length;
}

// -- projects --

/** Person → the municipalities they belong to. */
function membershipMap(
	rows: readonly { person_id: number; municipality_id: number }[]
): Map<number, number[]> {
	const map = new Map<number, number[]>();
	for (const row of rows) {
		const list = map.get(row.person_id);
		if (list) list.push(row.municipality_id);
		else map.set(row.person_id, [row.municipality_id]);
	}
	return map;
}

interface ProjectLookups {
	municipalities: Map<string, { id: number; name: string; membership_status: string }>;
	topicFields: { key: string; name: string }[];
	domains: { id: number; name: string; is_archived: boolean }[];
	productsByKey: Map<string, number[]>;
	people: Map<string, { id: number; municipalityIds: Set<number> }>;
}

/** The AGS as written; seven digits get their leading zero back (spreadsheets drop it). */
function agsOf(text: string): string {
	const trimmed = text.trim();
	return /^\d{7}$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

function productKeys(product: { name: string; vendor_name: string | null }): string[] {
	const name = normaliseKey(product.name);
	return product.vendor_name === null
		? [name]
		: [name, normaliseKey(`${product.name} (${product.vendor_name})`)];
}

async function loadProjectLookups(db: Db, sheet: Sheet): Promise<ProjectLookups> {
	const ags = new Set<string>();
	const emails = new Set<string>();
	for (const row of sheet.rows) {
		const owner = agsOf(cellText(row.cells.municipality_ags));
		if (owner) ags.add(owner);
		for (const partner of parseList(row.cells.partner_ags)) ags.add(agsOf(partner));
		for (const email of parseList(row.cells.contact_email)) emails.add(email.toLowerCase());
	}
	const [municipalities, topicFields, domains, products, people] = await Promise.all([
		findMunicipalitiesByAgs(db, [...ags]),
		findAllTopicFields(db),
		findAllDomains(db),
		findRegisterProducts(db),
		findPeopleByEmail(db, [...emails])
	]);
	const memberships = await findMembershipsOf(
		db,
		people.map((person) => person.id)
	);
	const municipalitiesOf = membershipMap(memberships);
	const productsByKey = new Map<string, number[]>();
	for (const product of products) {
		for (const key of productKeys(product)) {
			productsByKey.set(key, [...(productsByKey.get(key) ?? []), product.id]);
		}
	}
	return {
		municipalities: new Map(municipalities.map((m) => [m.ags, m])),
		topicFields,
		domains,
		productsByKey,
		people: new Map(
			people.map((person) => [
				person.email,
				{ id: person.id, municipalityIds: new Set(municipalitiesOf.get(person.id) ?? []) }
			])
		)
	};
}

const text =
	(max: number) =>
	(cell: Cell): Parsed<string | null> =>
		parseText(cell, max);

function resolveMunicipality(
	row: SheetRow,
	column: string,
	value: string,
	lookups: ProjectLookups,
	problems: Problems
): number | undefined {
	const ags = agsOf(value);
	if (!/^\d{8}$/.test(ags)) {
		problems.add(row.row, column, `„${value}“ ist kein Gemeindeschlüssel (8 Ziffern).`);
		return undefined;
	}
	const municipality = lookups.municipalities.get(ags);
	if (!municipality) {
		problems.add(row.row, column, `Keine Kommune mit dem Gemeindeschlüssel ${ags}.`);
		return undefined;
	}
	if (municipality.membership_status !== 'member') {
		problems.add(row.row, column, `${municipality.name} (${ags}) ist kein Mitglied des Netzwerks.`);
		return undefined;
	}
	return municipality.id;
}

/** One row as the projects service's input, or undefined when it has problems. */
function prepareProject(
	row: SheetRow,
	lookups: ProjectLookups,
	problems: Problems
): ProjectInputRaw | undefined {
	const before = problems.size;
	const cells = row.cells;
	const title = read(row, 'title', problems, text(PROJECT_LIMITS.title));
	if (title === null) problems.add(row.row, 'title', 'Der Titel fehlt.');
	const summary = read(row, 'summary', problems, text(PROJECT_LIMITS.summary));
	const description = read(row, 'description', problems, text(PROJECT_LIMITS.description));
	const lessons = read(row, 'lessons_learned', problems, text(PROJECT_LIMITS.lessonsLearned));
	const staffEffort = read(row, 'staff_effort', problems, text(PROJECT_LIMITS.shortText));
	const funding = read(row, 'funding_programme', problems, text(PROJECT_LIMITS.shortText));

	let municipalityId: number | undefined;
	const ownerText = cellText(cells.municipality_ags);
	if (ownerText === '') problems.add(row.row, 'municipality_ags', 'Der Gemeindeschlüssel fehlt.');
	else municipalityId = resolveMunicipality(row, 'municipality_ags', ownerText, lookups, problems);

	const partnerIds: number[] = [];
	for (const partner of parseList(cells.partner_ags)) {
		const id = resolveMunicipality(row, 'partner_ags', partner, lookups, problems);
		if (id !== undefined && id !== municipalityId) partnerIds.push(id);
	}

	const status = read(row, 'status', problems, (cell) => parseCoded(cell, STATUS_OPTIONS));
	if (status === null) problems.add(row.row, 'status', 'Der Status fehlt.');
	const visibility = read(row, 'visibility', problems, (cell) =>
		parseCoded(cell, VISIBILITY_OPTIONS)
	);

	const topicFieldKey = read(row, 'themenfeld', problems, (cell) =>
		parseCoded(
			cell,
			lookups.topicFields.map((field) => ({ code: field.key, labels: [field.name] }))
		)
	);

	let domainId: number | null = null;
	const domainText = cellText(cells.domain);
	if (domainText !== '') {
		const domain = lookups.domains.find((d) => normaliseKey(d.name) === normaliseKey(domainText));
		if (!domain) problems.add(row.row, 'domain', `Der Fachbereich „${domainText}“ ist unbekannt.`);
		else domainId = domain.id;
	}

	const productIds: number[] = [];
	for (const name of parseList(cells.products)) {
		const ids = lookups.productsByKey.get(normaliseKey(name)) ?? [];
		if (ids.length === 0) {
			problems.add(row.row, 'products', `Das Produkt „${name}“ ist nicht im Lösungsregister.`);
		} else if (ids.length > 1) {
			problems.add(
				row.row,
				'products',
				`„${name}“ gibt es mehrfach im Register; bitte als „Name (Hersteller)“ angeben.`
			);
		} else if (ids[0] !== undefined && !productIds.includes(ids[0])) productIds.push(ids[0]);
	}

	const tags = parseList(cells.tags);
	for (const tag of tags) {
		if (tag.length > PROJECT_LIMITS.tag) {
			problems.add(
				row.row,
				'tags',
				`Das Schlagwort „${tag}“ ist länger als ${PROJECT_LIMITS.tag} Zeichen.`
			);
		}
	}
	if (tags.length > PROJECT_LIMITS.tags) {
		problems.add(row.row, 'tags', `Höchstens ${PROJECT_LIMITS.tags} Schlagwörter.`);
	}

	const startedOn = read(row, 'started_on', problems, parseDay);
	const liveOn = read(row, 'live_on', problems, parseDay);
	const costsOnce = read(row, 'costs_once_eur', problems, parseEuroCents);
	const costsYearly = read(row, 'costs_yearly_eur', problems, parseEuroCents);
	const hoursSaved = read(row, 'hours_saved_per_year', problems, (cell) => parseCount(cell));
	const cases = read(row, 'cases_per_year', problems, (cell) => parseCount(cell));
	const partnersCanEdit = read(row, 'partners_can_edit', problems, parseYesNo);

	const links = read(row, 'links', problems, parseLinks) ?? [];
	if (links.length > PROJECT_LIMITS.links) {
		problems.add(row.row, 'links', `Höchstens ${PROJECT_LIMITS.links} Links.`);
	}
	for (const link of links) {
		if (link.label.length > PROJECT_LIMITS.linkLabel || link.url.length > PROJECT_LIMITS.url) {
			problems.add(row.row, 'links', `Der Link „${link.label}“ ist zu lang.`);
		}
	}

	const contactIds: number[] = [];
	const allowed = new Set([municipalityId, ...partnerIds]);
	for (const email of parseList(cells.contact_email)) {
		const person = lookups.people.get(email.toLowerCase());
		if (!person) {
			problems.add(row.row, 'contact_email', `Keine Person mit der E-Mail-Adresse ${email}.`);
		} else if (![...person.municipalityIds].some((id) => allowed.has(id))) {
			problems.add(
				row.row,
				'contact_email',
				`${email} gehört weder zur Kommune des Projekts noch zu einer Partnerkommune.`
			);
		} else if (!contactIds.includes(person.id)) contactIds.push(person.id);
	}

	if (problems.size > before) return undefined;
	return {
		title: title ?? '',
		summary: summary ?? '',
		descriptionMd: description ?? '',
		lessonsLearnedMd: lessons ?? '',
		municipalityId,
		partnerMunicipalityIds: partnerIds,
		status: status ?? undefined,
		domainId,
		topicFieldKey: topicFieldKey ?? null,
		tags,
		productIds,
		startedOn: startedOn ?? null,
		liveOn: liveOn ?? null,
		costsOnceCents: costsOnce ?? null,
		costsYearlyCents: costsYearly ?? null,
		staffEffort: staffEffort ?? null,
		fundingProgramme: funding ?? null,
		hoursSavedPerYear: hoursSaved ?? null,
		casesPerYear: cases ?? null,
		contactPersonIds: contactIds,
		links,
		// Unset visibility is the careful choice: network members only.
		visibility: visibility ?? 'network',
		partnersCanEdit: partnersCanEdit ?? false
	};
}

/** What differs between importing projects and importing products. */
interface ImportKind<T> {
	columns: readonly string[];
	required: readonly string[];
	/** The inputs of the sheet's rows; problems go into `problems`. */
	prepare: (
		ctx: Ctx,
		sheet: Sheet,
		problems: Problems
	) => { row: number; input: T }[] | Promise<{ row: number; input: T }[]>;
	create: (ctx: Ctx, input: T) => Promise<unknown>;
	/** Which column a service field error belongs to. */
	fieldColumns: Record<string, string>;
}

/** Reads the file, checks header and rows, then writes all rows or none. */
async function importRows<T>(
	ctx: Ctx,
	file: UploadedFile,
	dryRun: boolean,
	kind: ImportKind<T>
): Promise<ImportResult> {
	requireImport(ctx.actor);
	const problems = new Problems();
	const sheet = await readFile(file, problems);
	if (!sheet) return { format: null, rows: 0, imported: 0, dryRun, problems: problems.list };
	const result = (imported: number): ImportResult => ({
		format: sheet.format,
		rows: sheet.rows.length,
		imported,
		dryRun,
		problems: problems.list
	});
	checkHeader(sheet, kind.columns, kind.required, problems);
	if (problems.size > 0) return result(0);
	if (sheet.rows.length === 0) {
		problems.add(null, null, 'Die Datei enthält keine Datenzeilen.');
		return result(0);
	}
	const prepared = await kind.prepare(ctx, sheet, problems);
	if (problems.size > 0) return result(0);
	const imported = await writeAll(ctx, prepared, kind.create, kind.fieldColumns, problems, dryRun);
	return result(imported);
}

/**
 * Imports projects from a CSV, XLSX or JSON file: all rows or none. The coordination and the
 * system only.
 */
export async function importProjects(
	ctx: Ctx,
	file: UploadedFile,
	{ dryRun }: ImportOptions
): Promise<ImportResult> {
	return importRows<ProjectInputRaw>(ctx, file, dryRun, {
		columns: PROJECT_COLUMNS,
		required: REQUIRED_PROJECT_COLUMNS,
		async prepare(ctx, sheet, problems) {
			const lookups = await loadProjectLookups(ctx.db, sheet);
			const prepared: { row: number; input: ProjectInputRaw }[] = [];
			for (const row of sheet.rows) {
				const input = prepareProject(row, lookups, problems);
				if (input) prepared.push({ row: row.row, input });
			}
			return prepared;
		},
		create: (txCtx, input) => createProject(txCtx, input, { action: 'imported' }),
		fieldColumns: PROJECT_FIELD_COLUMNS
	});
}

// -- products --

function prepareProduct(row: SheetRow, problems: Problems): ProductInput | undefined {
	const before = problems.size;
	const name = read(row, 'name', problems, text(PRODUCT_LIMITS.name));
	if (name === null) problems.add(row.row, 'name', 'Der Name fehlt.');
	const vendor = read(row, 'vendor', problems, text(PRODUCT_LIMITS.vendorName));
	const category = read(row, 'category', problems, (cell) => parseCoded(cell, CATEGORY_OPTIONS));
	if (category === null) problems.add(row.row, 'category', 'Die Kategorie fehlt.');
	const website = read(row, 'website', problems, text(PRODUCT_LIMITS.website));
	if (website && !/^https?:\/\/\S+$/i.test(website)) {
		problems.add(row.row, 'website', `„${website}“ ist keine Web-Adresse (https://…).`);
	}
	const openSource = read(row, 'open_source', problems, parseYesNo);
	const licence = read(row, 'licence', problems, text(PRODUCT_LIMITS.licence));
	const operator = read(row, 'operator', problems, text(PRODUCT_LIMITS.operator));
	const description = read(row, 'description', problems, text(PRODUCT_LIMITS.descriptionMd));
	if (problems.size > before || !name || !category) return undefined;
	return {
		name,
		vendorName: vendor ?? null,
		category,
		website: website ?? null,
		isOpenSource: openSource ?? false,
		licence: licence ?? null,
		operator: operator ?? null,
		descriptionMd: description ?? ''
	};
}

/** Imports products into the register from a file: all rows or none. Coordination and system. */
export async function importProducts(
	ctx: Ctx,
	file: UploadedFile,
	{ dryRun }: ImportOptions
): Promise<ImportResult> {
	return importRows<ProductInput>(ctx, file, dryRun, {
		columns: PRODUCT_COLUMNS,
		required: REQUIRED_PRODUCT_COLUMNS,
		prepare(_ctx, sheet, problems) {
			const prepared: { row: number; input: ProductInput }[] = [];
			for (const row of sheet.rows) {
				const input = prepareProduct(row, problems);
				if (input) prepared.push({ row: row.row, input });
			}
			return prepared;
		},
		create: createProduct,
		fieldColumns: PRODUCT_FIELD_COLUMNS
	});
}

// -- export --

export interface ExportedFile extends WrittenFile {
	filename: string;
}

export interface ProjectExportFilter {
	/** Only projects of this owner (AGS). */
	municipalityAgs?: string;
	status?: ProjectStatus;
	visibility?: ProjectVisibility;
}

/** The filter from a download link's query (`kommune=<AGS>`, `status=<code>`); junk is ignored. */
export function parseProjectExportFilter(params: URLSearchParams): ProjectExportFilter {
	const ags = params.get('kommune');
	const status = params.get('status');
	return {
		municipalityAgs: ags !== null && /^\d{8}$/.test(ags) ? ags : undefined,
		status: STATUS_OPTIONS.find((option) => option.code === status)?.code
	};
}

function groupBy<T extends { project_id: number }>(rows: readonly T[]): Map<number, T[]> {
	const map = new Map<number, T[]>();
	for (const row of rows) {
		const list = map.get(row.project_id);
		if (list) list.push(row);
		else map.set(row.project_id, [row]);
	}
	return map;
}

export function exportFileName(kind: string, format: InterchangeFormat, now: Date): string {
	return `drehscheibe-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
}

/** Product names as an import finds them again: `Name (Hersteller)` where the name is not unique. */
async function productLabels(db: Db): Promise<Map<number, string>> {
	const products = await findRegisterProducts(db);
	const counts = new Map<string, number>();
	for (const product of products) {
		const key = normaliseKey(product.name);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return new Map(
		products.map((product) => [
			product.id,
			(counts.get(normaliseKey(product.name)) ?? 0) > 1 && product.vendor_name !== null
				? `${product.name} (${product.vendor_name})`
				: product.name
		])
	);
}

/** Which contact addresses the actor may read (the people directory's rule). */
async function contactFilter(
	db: Db,
	actor: Actor,
	personIds: readonly number[]
): Promise<(personId: number, visibility: Parameters<typeof canSeeContact>[0]) => boolean> {
	if (actor.kind === 'system' || (actor.kind === 'person' && actor.isCoordinator)) {
		return () => true;
	}
	if (actor.kind !== 'person') return () => false;
	const municipalitiesOf = membershipMap(await findMembershipsOf(db, personIds));
	const viewer = {
		personId: actor.personId,
		municipalityIds: actor.municipalities.map((m) => m.municipalityId)
	};
	return (personId, visibility) =>
		canSeeContact(
			visibility,
			{ personId, municipalityIds: municipalitiesOf.get(personId) ?? [] },
			viewer
		);
}

const orNull = (value: string | null): string | null => (value === '' ? null : value);

/** The projects the actor may see, as a file in the canonical format. */
export async function exportProjects(
	ctx: Ctx,
	format: InterchangeFormat,
	filter: ProjectExportFilter = {}
): Promise<ExportedFile> {
	if (!canExport(ctx.actor)) throw forbidden('export');
	const scope: ProjectScope = projectScopeOf(ctx.actor);
	const projects = (await findExportProjects(ctx.db, scope)).filter(
		(project) =>
			(filter.municipalityAgs === undefined || project.ags === filter.municipalityAgs) &&
			(filter.status === undefined || project.status === filter.status) &&
			(filter.visibility === undefined || project.visibility === filter.visibility)
	);
	const ids = projects.map((project) => project.id);
	const [partners, tags, products, contacts, links, labels] = await Promise.all([
		findPartnerAgs(ctx.db, ids),
		findProjectTags(ctx.db, ids),
		findProjectProducts(ctx.db, ids),
		findProjectContacts(ctx.db, ids),
		findProjectLinks(ctx.db, ids),
		productLabels(ctx.db)
	]);
	const mayReadContact = await contactFilter(ctx.db, ctx.actor, [
		...new Set(contacts.map((contact) => contact.person_id))
	]);
	const partnersOf = groupBy(partners);
	const tagsOf = groupBy(tags);
	const productsOf = groupBy(products);
	const contactsOf = groupBy(contacts);
	const linksOf = groupBy(links);
	const records = projects.map((project): Record<string, OutValue> => ({
		title: project.title,
		summary: orNull(project.summary),
		description: orNull(project.description_md),
		municipality_ags: project.ags,
		partner_ags: (partnersOf.get(project.id) ?? []).map((p) => p.ags),
		status: project.status,
		visibility: project.visibility,
		themenfeld: project.topic_field_key,
		domain: project.domain_name,
		products: (productsOf.get(project.id) ?? []).map((p) => labels.get(p.product_id) ?? ''),
		tags: (tagsOf.get(project.id) ?? []).map((t) => t.tag),
		started_on: project.started_on,
		live_on: project.live_on,
		costs_once_eur: project.costs_once_cents === null ? null : project.costs_once_cents / 100,
		costs_yearly_eur: project.costs_yearly_cents === null ? null : project.costs_yearly_cents / 100,
		staff_effort: project.staff_effort,
		funding_programme: project.funding_programme,
		hours_saved_per_year: project.hours_saved_per_year,
		cases_per_year: project.cases_per_year,
		lessons_learned: orNull(project.lessons_learned_md),
		contact_email: (contactsOf.get(project.id) ?? [])
			.filter((c) => mayReadContact(c.person_id, c.email_visibility))
			.map((c) => c.email),
		links: formatLinks(linksOf.get(project.id) ?? []),
		partners_can_edit: project.has_partner_editing
	}));
	const written = await writeSheet(format, PROJECT_COLUMNS, records, 'Projekte');
	return { ...written, filename: exportFileName('projekte', format, ctx.now()) };
}

/** The register's products (deleted ones never), as a file in the canonical format. */
export async function exportProducts(ctx: Ctx, format: InterchangeFormat): Promise<ExportedFile> {
	if (!canExport(ctx.actor)) throw forbidden('export');
	const products = await findExportProducts(ctx.db);
	const records = products.map((product): Record<string, OutValue> => ({
		name: product.name,
		vendor: product.vendor_name,
		category: product.category,
		website: product.website,
		open_source: Boolean(product.is_open_source),
		licence: product.licence,
		operator: product.operator,
		description: orNull(product.description_md)
	}));
	const written = await writeSheet(format, PRODUCT_COLUMNS, records, 'Produkte');
	return { ...written, filename: exportFileName('produkte', format, ctx.now()) };
}
