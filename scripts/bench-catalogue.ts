/**
 * The benchmark's catalogue: BENCH_PROJECTS projects (100,000) and BENCH_PRODUCTS products (5,000)
 * with vendors, tags, partners, products per project, status changes and adoptions, bulk-inserted
 * in a few transactions with multi-row inserts (the services would take many minutes for this).
 * Deterministic: the same seed gives the same catalogue. Used by scripts/bench-seed.ts.
 *
 * Shape, roughly as a grown network would have it: owners are member municipalities, about 70 %
 * of the projects are public, 25 % for members only, 5 % drafts, 1 % deleted; two to four tags,
 * up to three products and up to two partners per project; titles and summaries are German.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../src/lib/server/db';
import type { ProjectStatus, ProjectTable, ProjectVisibility } from '../src/lib/server/db/schema';
import { germanSortKey } from '../src/lib/server/text/sort-key';

export interface BenchCatalogueOptions {
	projects: number;
	products: number;
	now: Date;
	seed?: number;
}

export interface BenchCatalogue {
	projects: number;
	products: number;
	/** A public, not deleted project with products, tags and partners: the detail target. */
	sampleProjectId: number;
	/** The filter of the list target and how many projects match it. */
	listFilter: { status: ProjectStatus; topicField: string; matching: number };
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const THEMES: readonly { name: string; topic: string; tags: readonly string[] }[] = [
	{ name: 'E-Akte', topic: 'querschnitt', tags: ['E-Akte', 'DMS', 'Scannen', 'Workflow'] },
	{ name: 'Online-Terminvergabe', topic: 'querschnitt', tags: ['Terminvergabe', 'Bürgerbüro'] },
	{ name: 'E-Payment', topic: 'querschnitt', tags: ['E-Payment', 'Kasse', 'Online-Bezahlung'] },
	{ name: 'Kita-Info-App', topic: 'familie-kind', tags: ['Kita', 'App', 'Eltern'] },
	{ name: 'Kita-Platzvergabe', topic: 'familie-kind', tags: ['Kita', 'Platzvergabe'] },
	{ name: 'Ratsinformationssystem', topic: 'querschnitt', tags: ['Gremien', 'papierlos'] },
	{ name: 'Mängelmelder', topic: 'umwelt', tags: ['Mängelmelder', 'Bauhof'] },
	{ name: 'Digitaler Bauantrag', topic: 'bauen-wohnen', tags: ['Bauantrag', 'Baugenehmigung'] },
	{ name: 'Geoportal', topic: 'bauen-wohnen', tags: ['Geodaten', 'Open Data'] },
	{ name: 'E-Rechnung', topic: 'querschnitt', tags: ['XRechnung', 'E-Rechnung'] },
	{ name: 'Online-Gewerbeanmeldung', topic: 'unternehmensfuehrung', tags: ['Gewerbe', 'OZG'] },
	{ name: 'Hundesteuer online', topic: 'steuern-zoll', tags: ['Steuern', 'Online-Antrag'] },
	{ name: 'Digitales Fundbüro', topic: 'recht-ordnung', tags: ['Fundbüro', 'Online-Dienst'] },
	{ name: 'Öffentliches WLAN', topic: 'mobilitaet-reisen', tags: ['WLAN', 'Infrastruktur'] },
	{ name: 'Videokonferenzen', topic: 'querschnitt', tags: ['Videokonferenz', 'Open Source'] },
	{ name: 'Bürgerbeteiligung online', topic: 'engagement-hobby', tags: ['Beteiligung'] },
	{ name: 'Schul-IT', topic: 'bildung', tags: ['Schule', 'Digitalpakt', 'Tablets'] },
	{ name: 'Digitale Personalakte', topic: 'arbeit-ruhestand', tags: ['Personal', 'E-Akte'] },
	{ name: 'Smart Metering', topic: 'umwelt', tags: ['Energie', 'Sensorik'] },
	{ name: 'Wohngeld online', topic: 'bauen-wohnen', tags: ['Wohngeld', 'OZG'] }
];
const PATTERNS: readonly ((theme: string) => string)[] = [
	(t) => `Einführung ${t}`,
	(t) => `${t} im Bürgerbüro`,
	(t) => `${t} in der Verwaltung`,
	(t) => `${t} für alle Ämter`,
	(t) => `Pilotprojekt ${t}`,
	(t) => `${t}: zweite Ausbaustufe`,
	(t) => `Gemeinsames Projekt ${t}`,
	(t) => `Umstellung auf ${t}`
];
const SUMMARIES: readonly ((theme: string) => string)[] = [
	(t) =>
		`Die Verwaltung führt ${t} ein, damit Anträge schneller bearbeitet werden und Wege ins Rathaus entfallen.`,
	(t) =>
		`${t} ersetzt Papier und Medienbrüche; die Mitarbeitenden wurden geschult, die Bürgerinnen und Bürger profitieren.`,
	(t) => `Gemeinsam mit Nachbarkommunen wird ${t} ausgeschrieben, eingerichtet und betrieben.`,
	(t) =>
		`Mit ${t} sparen die Ämter jedes Jahr Arbeitsstunden; die Erfahrungen geben wir gern weiter.`
];
const EXTRA_TAGS = [
	'OZG',
	'interkommunal',
	'Open Source',
	'Förderung',
	'Cloud',
	'Barrierefreiheit'
];
const STATUS_WEIGHTS: readonly [ProjectStatus, number][] = [
	['idee', 0.1],
	['planung', 0.15],
	['umsetzung', 0.25],
	['betrieb', 0.4],
	['pausiert', 0.05],
	['eingestellt', 0.05]
];
const PRODUCT_CATEGORIES = ['fachverfahren', 'dms', 'e_payment', 'termin', 'portal', 'app'];
const NAME_ROOTS = ['Kommun', 'Civi', 'Verwalt', 'Bürger', 'Rats', 'Doku', 'Termin', 'Pay', 'Geo'];
const NAME_ENDS = ['o', 'ix', 'net', 'flow', 'desk', 'portal', 'pro', 'online', 'star', 'on'];

const CHUNK = 500;

async function insertChunks<T>(
	db: Db,
	rows: readonly T[],
	insert: (db: Db, chunk: T[]) => Promise<unknown>
): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) await insert(db, rows.slice(i, i + CHUNK));
}

export async function seedBenchCatalogue(
	database: Db,
	options: BenchCatalogueOptions
): Promise<BenchCatalogue> {
	const rnd = random(options.seed ?? 20261126);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
	const nowIso = options.now.toISOString();

	const members = await database
		.selectFrom('municipality')
		.select(['id', 'name'])
		.where('membership_status', '=', 'member')
		.orderBy('id')
		.execute();
	const domains = (await database.selectFrom('domain').select('id').execute()).map((d) => d.id);
	if (members.length === 0) throw new Error('bench catalogue: no member municipalities');

	// Vendors and products.
	const vendorCount = Math.max(1, Math.round(options.products / 15));
	const productIds: number[] = [];
	await database.transaction().execute(async (tx) => {
		const vendorIds: number[] = [];
		const vendors = Array.from({ length: vendorCount }, (_, i) => {
			const name = `${pick(NAME_ROOTS)}${pick(NAME_ENDS)} Software ${i + 1} GmbH`;
			return { name, name_sort: germanSortKey(name), website: null };
		});
		await insertChunks(tx, vendors, async (db, chunk) => {
			const rows = await db.insertInto('vendor').values(chunk).returning('id').execute();
			vendorIds.push(...rows.map((row) => row.id));
		});
		const products = Array.from({ length: options.products }, (_, i) => {
			const name = `${pick(NAME_ROOTS)}${pick(NAME_ENDS)} ${pick(THEMES).name} ${i + 1}`;
			return {
				name,
				name_sort: germanSortKey(name),
				vendor_id: pick(vendorIds),
				category: pick(PRODUCT_CATEGORIES),
				website: null,
				is_open_source: rnd() < 0.1,
				licence: null,
				operator: rnd() < 0.3 ? 'Kommunaler IT-Dienstleister' : null,
				description_md: `Software für ${pick(THEMES).name} in Kommunalverwaltungen.`,
				created_at: nowIso,
				updated_at: nowIso
			};
		});
		await insertChunks(tx, products, async (db, chunk) => {
			const rows = await db.insertInto('product').values(chunk).returning('id').execute();
			productIds.push(...rows.map((row) => row.id));
		});
		// Adoptions: each member uses about 15 products.
		const adoptions = members.flatMap((member) => {
			const chosen = new Set<number>();
			while (chosen.size < 15) chosen.add(pick(productIds));
			return [...chosen].map((productId) => ({
				product_id: productId,
				municipality_id: member.id,
				stage: pick(['interested', 'evaluating', 'pilot', 'live', 'live', 'stopped'] as const),
				since_on: null,
				used_for: null,
				contact_person_id: null,
				rating: rnd() < 0.5 ? 1 + Math.floor(rnd() * 5) : null,
				experience: null,
				created_at: nowIso,
				updated_at: nowIso
			}));
		});
		await insertChunks(tx, adoptions, (db, chunk) =>
			db.insertInto('adoption').values(chunk).execute()
		);
	});

	// Projects, in transactions of 10,000.
	const cumulative = STATUS_WEIGHTS.map((_, i) =>
		STATUS_WEIGHTS.slice(0, i + 1).reduce((sum, [, w]) => sum + w, 0)
	);
	const statusOf = (): ProjectStatus => {
		const r = rnd();
		const index = cumulative.findIndex((limit) => r < limit);
		return STATUS_WEIGHTS[index === -1 ? STATUS_WEIGHTS.length - 1 : index]?.[0] ?? 'betrieb';
	};
	const listFilter = { status: 'betrieb' as ProjectStatus, topicField: 'querschnitt', matching: 0 };
	let sampleProjectId = 0;
	const startMs = Date.UTC(2015, 0, 1);
	const spanMs = options.now.getTime() - startMs;
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const BATCH = 10_000;
	for (let offset = 0; offset < options.projects; offset += BATCH) {
		const count = Math.min(BATCH, options.projects - offset);
		await database.transaction().execute(async (tx) => {
			const facts = Array.from({ length: count }, () => {
				const theme = pick(THEMES);
				const owner = pick(members);
				const status = statusOf();
				const roll = rnd();
				const visibility: ProjectVisibility =
					roll < 0.7 ? 'public' : roll < 0.95 ? 'network' : 'draft';
				const startedMs = startMs + Math.floor(rnd() * spanMs * 0.9);
				const updatedMs = startedMs + Math.floor(rnd() * (options.now.getTime() - startedMs));
				return { theme, owner, status, visibility, startedMs, updatedMs, deleted: rnd() < 0.01 };
			});
			const rows: Insertable<ProjectTable>[] = facts.map((f) => {
				const title = `${pick(PATTERNS)(f.theme.name)} in ${f.owner.name}`;
				const live = f.status === 'betrieb' || f.status === 'pausiert';
				return {
					title,
					title_sort: germanSortKey(title),
					summary: pick(SUMMARIES)(f.theme.name),
					description_md: `## Ausgangslage\n\n${pick(SUMMARIES)(f.theme.name)}\n\n## Umsetzung\n\n- Bedarf erhoben\n- Produkt ausgewählt\n- Schulungen durchgeführt\n`,
					lessons_learned_md: rnd() < 0.5 ? 'Früh alle Beteiligten einbinden.' : '',
					municipality_id: f.owner.id,
					status: f.status,
					domain_id: domains.length > 0 ? pick(domains) : null,
					topic_field_key: rnd() < 0.85 ? f.theme.topic : pick(THEMES).topic,
					started_on: f.status === 'idee' ? null : day(f.startedMs),
					live_on: live ? day(f.startedMs + 180 * 86_400_000) : null,
					costs_once_cents: rnd() < 0.6 ? Math.floor(rnd() * 300_000) * 100 : null,
					costs_yearly_cents: rnd() < 0.6 ? Math.floor(rnd() * 40_000) * 100 : null,
					staff_effort: rnd() < 0.3 ? 'etwa 30 Personentage' : null,
					funding_programme: rnd() < 0.1 ? 'Förderprogramm Digitalisierung' : null,
					hours_saved_per_year: live && rnd() < 0.6 ? Math.floor(rnd() * 5000) : null,
					cases_per_year: live && rnd() < 0.5 ? Math.floor(rnd() * 50_000) : null,
					visibility: f.visibility,
					has_partner_editing: false,
					created_at: new Date(f.startedMs).toISOString(),
					updated_at: new Date(f.updatedMs).toISOString(),
					deleted_at: f.deleted ? nowIso : null,
					is_demo: false
				};
			});
			const ids: number[] = [];
			await insertChunks(tx, rows, async (db, chunk) => {
				const inserted = await db.insertInto('project').values(chunk).returning('id').execute();
				ids.push(...inserted.map((row) => row.id));
			});
			const tags: { project_id: number; tag: string; tag_sort: string }[] = [];
			const partners: { project_id: number; municipality_id: number }[] = [];
			const products: { project_id: number; product_id: number }[] = [];
			const statusChanges: { project_id: number; status: ProjectStatus; changed_on: string }[] = [];
			for (const [i, id] of ids.entries()) {
				const f = facts[i];
				if (!f) continue;
				const chosenTags = new Map<string, string>();
				for (const tag of [...f.theme.tags.slice(0, 1 + Math.floor(rnd() * 3)), pick(EXTRA_TAGS)]) {
					chosenTags.set(germanSortKey(tag), tag);
				}
				for (const [sortKey, tag] of chosenTags)
					tags.push({ project_id: id, tag, tag_sort: sortKey });
				const partnerIds = new Set<number>();
				for (let n = Math.floor(rnd() * 3); n > 0; n--) {
					const partner = pick(members).id;
					if (partner !== f.owner.id) partnerIds.add(partner);
				}
				for (const partner of partnerIds)
					partners.push({ project_id: id, municipality_id: partner });
				const used = new Set<number>();
				for (let n = Math.floor(rnd() * 4); n > 0; n--) used.add(pick(productIds));
				for (const product of used) products.push({ project_id: id, product_id: product });
				statusChanges.push({
					project_id: id,
					status: 'idee',
					changed_on: day(f.startedMs - 90 * 86_400_000)
				});
				if (f.status !== 'idee') {
					statusChanges.push({ project_id: id, status: f.status, changed_on: day(f.updatedMs) });
				}
				if (
					f.status === listFilter.status &&
					rows[i]?.topic_field_key === listFilter.topicField &&
					f.visibility === 'public' &&
					!f.deleted
				) {
					listFilter.matching += 1;
				}
				if (
					sampleProjectId === 0 &&
					f.visibility === 'public' &&
					!f.deleted &&
					used.size >= 2 &&
					partnerIds.size >= 1
				) {
					sampleProjectId = id;
				}
			}
			await insertChunks(tx, tags, (db, chunk) =>
				db.insertInto('project_tag').values(chunk).execute()
			);
			await insertChunks(tx, partners, (db, chunk) =>
				db.insertInto('project_partner').values(chunk).execute()
			);
			await insertChunks(tx, products, (db, chunk) =>
				db.insertInto('project_product').values(chunk).execute()
			);
			await insertChunks(tx, statusChanges, (db, chunk) =>
				db.insertInto('project_status_change').values(chunk).execute()
			);
		});
	}
	if (sampleProjectId === 0) throw new Error('bench catalogue: no sample project');
	return {
		projects: options.projects,
		products: options.products,
		sampleProjectId,
		listFilter
	};
}
