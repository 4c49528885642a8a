/**
 * The wheel finder's use cases: global search over projects, products, municipalities and (for
 * members) people, "this already exists" for a project being written, and the synonym list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { findAppRoot } from '../config';
import { germanSortKey } from '../text/sort-key';
import type { Ctx } from '../context';
import type { Db } from '../db';
import { nowIso } from '../db';
import { readContentVersion } from '../db/content-version';
import {
	PROJECT_STATUSES,
	type MembershipStatus,
	type MunicipalityType,
	type ProjectStatus,
	type SearchDocType
} from '../db/schema';
import { forbidden, invalid } from '../errors';
import { listMunicipalities, parseMunicipalityFilter } from '../municipalities';
import { isCoordinator } from '../auth/auth.policy';
import { canUseDirectory, listPeople, parseDirectoryFilter } from '../people';
import { projectScopeOf } from '../projects/project.policy';
import { canSeeAdoptionDetails } from '../solutions';
import { FIELD_WEIGHTS, analyseQuery, type QueryWord } from './analyser';
import {
	planQuery,
	planTerms,
	scorePostings,
	termBudgets,
	weightedTerms,
	type Concept,
	type PlanOptions,
	type WeightedTerm
} from './query-plan';
import {
	countIndexedRecords,
	countTermDocuments,
	deleteSetting,
	findAdoptionsInUse,
	findContactNamesOfProjects,
	findMunicipalityByAgs,
	findAllMunicipalityNames,
	findProductHitRows,
	findProductNamesOfProjects,
	findProjectHitRows,
	findRecordsWithTerms,
	findSetting,
	findTopicFieldNames,
	findWordsAfter,
	readProductPostings,
	readProjectPostings,
	saveSetting,
	usesPostgres,
	type ProjectSearchFilter,
	type TermBudget
} from './search.repository';
import { makeSnippet, type Snippet } from './snippet';
import {
	buildSynonymIndex,
	parseSynonymList,
	SYNONYM_LIMITS,
	type SynonymIndex,
	type SynonymProblem
} from './synonyms';
import { Vocabulary } from './vocabulary';

export const SEARCH_TYPES = ['project', 'product', 'municipality', 'person'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_PAGE_SIZE = 20;
/** How many matches per type are ranked, counted and faceted. */
const CANDIDATES = 1000;

export const SearchInputSchema = z.object({
	q: z.string().trim().max(200, 'q_too_long').catch(''),
	type: z.enum(SEARCH_TYPES).optional().catch(undefined),
	municipality: z
		.string()
		.regex(/^\d{8}$/)
		.optional()
		.catch(undefined),
	status: z.enum(PROJECT_STATUSES).optional().catch(undefined),
	themenfeld: z
		.string()
		.regex(/^[a-z-]{2,40}$/)
		.optional()
		.catch(undefined),
	page: z.coerce.number().int().min(1).max(50).catch(1)
});
export type SearchQuery = z.output<typeof SearchInputSchema>;
export type SearchInput = Pick<SearchQuery, 'q'> & Partial<Omit<SearchQuery, 'q'>>;

/** Reads the search parameters of a URL; unknown or broken values are ignored. */
export function parseSearchParams(params: URLSearchParams): SearchQuery {
	const raw: Record<string, string> = {};
	for (const key of ['q', 'type', 'municipality', 'status', 'themenfeld', 'page']) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	return SearchInputSchema.parse(raw);
}

export interface MunicipalityRef {
	ags: string;
	name: string;
}

/** What a municipality hit shows besides its name. */
export interface MunicipalityFacts {
	type: MunicipalityType;
	population: number | null;
	membershipStatus: MembershipStatus;
}

export interface SearchHit {
	type: SearchType;
	id: number | string;
	title: string;
	url: string;
	municipality: MunicipalityRef | null;
	snippet: Snippet;
	status: ProjectStatus | null;
	/** Municipality hits only. */
	facts?: MunicipalityFacts;
}

export interface FacetCount<K extends string = string> {
	key: K;
	label: string;
	count: number;
}

export interface SearchFacets {
	type: FacetCount<SearchType>[];
	municipality: FacetCount[];
	status: FacetCount<ProjectStatus>[];
	themenfeld: FacetCount[];
}

/** "Läuft schon in Kehl (TEVIS, seit 2020)": one municipality that runs what was asked. */
export interface AnswerPlace {
	municipality: MunicipalityRef;
	/** A project status, or `pilot`/`live` from the solutions register. */
	stage: ProjectStatus | 'pilot' | 'live';
	product: string | null;
	sinceYear: number | null;
	contact: string | null;
	url: string;
}

export interface SearchResult {
	query: SearchQuery;
	hits: SearchHit[];
	total: number;
	/** Whether more matched than were ranked (the counts are then lower bounds). */
	isTotalCapped: boolean;
	page: number;
	pageCount: number;
	facets: SearchFacets;
	answer: AnswerPlace[];
}

// -- the vocabulary and the synonym list, per database, kept fresh --

const vocabularies = new WeakMap<Db, { vocabulary: Vocabulary; recheckedAt: number }>();
const VOCABULARY_BATCH = 20_000;
/**
 * PostgreSQL hands out ids before commit, so a row with a lower id can become visible after one
 * with a higher id; the top-up then reads this far back again (adding a known word is a no-op),
 * at most once per VOCABULARY_RECHECK_MS: a word whose transaction committed out of order is
 * known a moment later, not at once. Every other top-up reads only what lies past the highest id
 * (usually nothing). SQLite has one writer at a time and never reuses ids (AUTOINCREMENT), so
 * ids become visible in order and no window is read again.
 */
const VOCABULARY_OVERLAP = 1000;
const VOCABULARY_RECHECK_MS = 1000;

async function vocabularyOf(db: Db): Promise<Vocabulary> {
	let entry = vocabularies.get(db);
	if (!entry) {
		entry = { vocabulary: new Vocabulary(), recheckedAt: 0 };
		vocabularies.set(db, entry);
	}
	const { vocabulary } = entry;
	const now = Date.now();
	let overlap = 0;
	if (usesPostgres(db) && now - entry.recheckedAt >= VOCABULARY_RECHECK_MS) {
		overlap = VOCABULARY_OVERLAP;
		entry.recheckedAt = now;
	}
	for (;;) {
		const from = Math.max(0, vocabulary.lastId - overlap);
		const rows = await findWordsAfter(db, from, VOCABULARY_BATCH);
		for (const row of rows) vocabulary.add(row.word, row.stem);
		const last = rows.at(-1);
		if (!last || last.id <= vocabulary.lastId) break;
		vocabulary.lastId = last.id;
		if (rows.length < VOCABULARY_BATCH) break;
	}
	return vocabulary;
}

const SYNONYM_SETTING = 'synonyms';
let shippedList: string | undefined;

/** The list that ships with the software (seed/search/synonyms.de.txt). */
export function shippedSynonymList(): string {
	shippedList ??= readFileSync(
		path.join(findAppRoot(), 'seed', 'search', 'synonyms.de.txt'),
		'utf8'
	);
	return shippedList;
}

const synonymCache = new WeakMap<Db, { version: string; index: SynonymIndex }>();
let shippedIndex: SynonymIndex | undefined;

async function synonymsOf(db: Db): Promise<SynonymIndex> {
	const stored = await findSetting(db, SYNONYM_SETTING);
	if (!stored) {
		shippedIndex ??= buildSynonymIndex(parseSynonymList(shippedSynonymList()).groups);
		return shippedIndex;
	}
	const cached = synonymCache.get(db);
	if (cached && cached.version === stored.updated_at) return cached.index;
	const index = buildSynonymIndex(parseSynonymList(stored.value).groups);
	synonymCache.set(db, { version: stored.updated_at, index });
	return index;
}

// -- ranking --

/** On equal scores: what runs before what is being built before ideas. */
const STATUS_ORDER: Record<ProjectStatus, number> = {
	betrieb: 0,
	umsetzung: 1,
	pausiert: 2,
	planung: 3,
	idee: 4,
	eingestellt: 5
};

/** A project that matched, with what the ranking and facets need. */
export interface ScoredProject {
	id: number;
	score: number;
	status: ProjectStatus;
	municipality_id: number;
	topic_field_key: string | null;
}

function rankProjects(projects: ScoredProject[]): ScoredProject[] {
	return [...projects].sort(
		(a, b) => b.score - a.score || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.id - a.id
	);
}

interface Plan {
	concepts: Concept[];
	matched: Set<string>;
}

/**
 * Plans per process, by query and by the state of what they were made from: the same query
 * is planned again only when the vocabulary grew or the synonym list changed.
 */
const plans = new WeakMap<Db, LRUCache<string, Plan>>();

async function planFor(db: Db, words: readonly QueryWord[], options: PlanOptions): Promise<Plan> {
	const [vocabulary, synonyms] = await Promise.all([vocabularyOf(db), synonymsOf(db)]);
	let cache = plans.get(db);
	if (!cache) {
		cache = new LRUCache<string, Plan>({ max: 2000 });
		plans.set(db, cache);
	}
	const key = JSON.stringify([
		words.map((w) => w.surface),
		options,
		vocabulary.size,
		synonymVersion(synonyms)
	]);
	const cached = cache.get(key);
	if (cached) return cached;
	const concepts = planQuery(words, vocabulary, synonyms, options);
	const plan = { concepts, matched: new Set(planTerms(concepts)) };
	cache.set(key, plan);
	return plan;
}

/** Tells synonym indexes apart (a new list builds a new index object). */
const synonymVersions = new WeakMap<SynonymIndex, number>();
let nextSynonymVersion = 1;
function synonymVersion(index: SynonymIndex): number {
	let version = synonymVersions.get(index);
	if (version === undefined) {
		version = nextSynonymVersion++;
		synonymVersions.set(index, version);
	}
	return version;
}

/**
 * Document frequencies change slowly and only steer the ranking, so each process keeps them for
 * a few minutes instead of counting a common term's postings on every search.
 */
const STATISTICS_TTL_MS = 5 * 60_000;
const statistics = new WeakMap<
	Db,
	{ terms: LRUCache<string, number>; counts: Map<SearchDocType, { n: number; at: number }> }
>();

async function termStatistics(db: Db, docType: SearchDocType, terms: readonly string[]) {
	let cache = statistics.get(db);
	if (!cache) {
		cache = {
			terms: new LRUCache<string, number>({ max: 50_000, ttl: STATISTICS_TTL_MS }),
			counts: new Map()
		};
		statistics.set(db, cache);
	}
	const now = Date.now();
	const missing = terms.filter((term) => !cache.terms.has(`${docType}:${term}`));
	const counted =
		missing.length > 0 ? await countTermDocuments(db, docType, missing) : new Map<string, number>();
	for (const term of missing) cache.terms.set(`${docType}:${term}`, counted.get(term) ?? 0);
	const frequency = new Map(
		terms.map((term) => [term, cache.terms.get(`${docType}:${term}`) ?? 0])
	);
	let count = cache.counts.get(docType);
	if (!count || now - count.at > STATISTICS_TTL_MS) {
		count = { n: await countIndexedRecords(db, docType), at: now };
		cache.counts.set(docType, count);
	}
	return { frequency, count: count.n };
}

async function termRows(db: Db, plan: Plan, docType: SearchDocType): Promise<WeightedTerm[]> {
	const { frequency, count } = await termStatistics(db, docType, [...plan.matched]);
	return weightedTerms(plan.concepts, frequency, count);
}

/** The same rows, with the terms the index holds (as last counted). */
async function presentTerms(db: Db, plan: Plan, docType: SearchDocType): Promise<Set<string>> {
	const { frequency } = await termStatistics(db, docType, [...plan.matched]);
	return new Set([...frequency].filter(([, n]) => n > 0).map(([term]) => term));
}

/** Postings read per exact or stem term; rare terms are read whole (termBudgets). */
const POSTINGS_PER_TERM = 120;

/** Projects that match, best first, and whether a term had more postings than were read. */
async function findProjects(
	ctx: Ctx,
	rows: readonly WeightedTerm[],
	filter: ProjectSearchFilter,
	perTerm = POSTINGS_PER_TERM
): Promise<{ projects: ScoredProject[]; isCapped: boolean }> {
	const budgets = termBudgets(rows, perTerm);
	const hits = await readProjectPostings(ctx.db, budgets, projectScopeOf(ctx.actor), filter);
	const scored = scorePostings(hits, rows);
	const projects = [...scored.values()].map(({ score, hit }) => ({
		id: hit.ref_id,
		score,
		status: hit.status,
		municipality_id: hit.municipality_id,
		topic_field_key: hit.topic_field_key
	}));
	return {
		projects: rankProjects(projects).slice(0, CANDIDATES),
		isCapped: isCapped(hits, budgets)
	};
}

function isCapped(hits: readonly { term: string }[], budgets: readonly TermBudget[]): boolean {
	const read = new Map<string, number>();
	for (const hit of hits) read.set(hit.term, (read.get(hit.term) ?? 0) + 1);
	return budgets.some((budget) => (read.get(budget.term) ?? 0) >= budget.limit);
}

async function findProducts(
	db: Db,
	rows: readonly WeightedTerm[]
): Promise<{ products: { id: number; score: number }[]; isCapped: boolean }> {
	const budgets = termBudgets(rows, POSTINGS_PER_TERM);
	const hits = await readProductPostings(db, budgets);
	const products = [...scorePostings(hits, rows).values()]
		.map(({ score, hit }) => ({ id: hit.ref_id, score }))
		.sort((a, b) => b.score - a.score || b.id - a.id);
	return { products: products.slice(0, CANDIDATES), isCapped: isCapped(hits, budgets) };
}

/**
 * Every project (of any visibility: the caller applies its own rule) whose title, tags, products
 * or summary match each meaningful word of `phrase`, by the same analyser, compounds and synonyms
 * as the search, but without typo tolerance: a topic's phrase is written with care, and a
 * corrected spelling would let in what nobody meant. The description is left out: a project that
 * mentions a thing in passing does not run it.
 */
export async function findProjectsMatchingPhrase(db: Db, phrase: string): Promise<Set<number>> {
	const words = analyseQuery(phrase);
	if (words.length === 0) return new Set();
	const plan = await planFor(db, words, { fuzzy: false, compounds: true });
	const held = await findRecordsWithTerms(db, 'project', [...plan.matched], FIELD_WEIGHTS.summary);
	const matching = new Set<number>();
	for (const [id, terms] of held) {
		const hasEveryWord = plan.concepts.every((concept) =>
			concept.alternatives.some((alternative) => alternative.terms.every((t) => terms.has(t)))
		);
		if (hasEveryWord) matching.add(id);
	}
	return matching;
}

/** Analysing a query is a pure function of its text: the recent ones are kept. */
const analysedQueries = new LRUCache<string, readonly QueryWord[]>({ max: 2000 });
function analysed(text: string): readonly QueryWord[] {
	let words = analysedQueries.get(text);
	if (!words) {
		words = Object.freeze(analyseQuery(text).map((word) => Object.freeze(word)));
		analysedQueries.set(text, words);
	}
	return words;
}

/** Searches everything the actor may see. */
export async function search(ctx: Ctx, input: SearchInput): Promise<SearchResult> {
	const query = SearchInputSchema.parse(input);
	const words = analysed(query.q);
	const empty: SearchResult = {
		query,
		hits: [],
		total: 0,
		isTotalCapped: false,
		page: 1,
		pageCount: 1,
		facets: { type: [], municipality: [], status: [], themenfeld: [] },
		answer: []
	};
	if (words.length === 0) return empty;

	const db = ctx.db;
	const plan = await planFor(db, words, { fuzzy: true, compounds: true });
	const filter: ProjectSearchFilter = {
		status: query.status,
		topicFieldKey: query.themenfeld
	};
	if (query.municipality) {
		const municipality = await findMunicipalityByAgs(db, query.municipality);
		filter.municipalityId = municipality?.id ?? -1;
	}
	const projectFilters =
		query.status !== undefined ||
		query.themenfeld !== undefined ||
		query.municipality !== undefined;
	const wants = (type: SearchType) =>
		(query.type === undefined || query.type === type) && (type === 'project' || !projectFilters);

	// Term statistics only for the kinds of record asked for.
	const [projectRows, productRows] = await Promise.all([
		wants('project') ? termRows(db, plan, 'project') : Promise.resolve([]),
		wants('product') ? termRows(db, plan, 'product') : Promise.resolve([])
	]);
	const none = { projects: [], products: [], isCapped: false };
	const [projectMatches, productMatches, municipalities, people] = await Promise.all([
		wants('project') ? findProjects(ctx, projectRows, filter) : Promise.resolve(none),
		wants('product') ? findProducts(db, productRows) : Promise.resolve(none),
		wants('municipality') ? matchMunicipalities(ctx, query.q) : Promise.resolve([]),
		wants('person') && canUseDirectory(ctx.actor) ? matchPeople(ctx, query.q) : Promise.resolve([])
	]);

	const { projects } = projectMatches;
	const { products } = productMatches;
	// One list: names that match a municipality or person come first, then by score.
	const top = Math.max(projects[0]?.score ?? 0, products[0]?.score ?? 0, 1);
	type Ranked = { type: SearchType; id: number | string; score: number };
	const ranked: Ranked[] = [
		...municipalities.map((m) => ({ type: 'municipality' as const, id: m.ags, score: top * 2 })),
		...people.map((p) => ({ type: 'person' as const, id: p.id, score: top * 1.5 })),
		...projects.map((p) => ({ type: 'project' as const, id: p.id, score: p.score })),
		// A product scores like a project of the same words would.
		...products.map((p) => ({ type: 'product' as const, id: p.id, score: p.score }))
	];
	const order = new Map(ranked.map((r, i) => [`${r.type}:${r.id}`, i]));
	ranked.sort(
		(a, b) =>
			b.score - a.score ||
			(order.get(`${a.type}:${a.id}`) ?? 0) - (order.get(`${b.type}:${b.id}`) ?? 0)
	);

	const total = ranked.length;
	const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
	const page = Math.min(query.page, pageCount);
	const pageItems = ranked.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);

	const hits = await loadHits(ctx, pageItems, plan.matched, municipalities, people);
	const facets = await buildFacets(db, {
		projects,
		products: products.length,
		municipalities: municipalities.length,
		people: people.length
	});
	const answer = await buildAnswer(ctx, projects.slice(0, 10), products.slice(0, 3), top);
	return {
		query,
		hits,
		total,
		isTotalCapped: projectMatches.isCapped || productMatches.isCapped,
		page,
		pageCount,
		facets,
		answer
	};
}

type MunicipalityMatch = MunicipalityRef & MunicipalityFacts;

async function matchMunicipalities(ctx: Ctx, q: string): Promise<MunicipalityMatch[]> {
	// The register matches the query's sort key inside a name's: when no name of any
	// municipality holds it (most questions), the register is not asked.
	const key = germanSortKey(q);
	if (key) {
		const names = await municipalityNamesOf(ctx.db);
		if (![...names.values()].some((m) => m.sortKey.includes(key))) return [];
	}
	const result = await listMunicipalities(ctx, parseMunicipalityFilter(new URLSearchParams({ q })));
	return result.items.slice(0, 10).map((m) => ({
		ags: m.ags,
		name: m.name,
		type: m.type,
		population: m.population,
		membershipStatus: m.membershipStatus
	}));
}

interface PersonRef {
	id: number;
	name: string;
	jobTitle: string | null;
	municipality: MunicipalityRef | null;
}

async function matchPeople(ctx: Ctx, q: string): Promise<PersonRef[]> {
	const result = await listPeople(ctx, parseDirectoryFilter(new URLSearchParams({ q })));
	return result.items.slice(0, 10).map((p) => ({
		id: p.id,
		name: p.displayName,
		jobTitle: p.jobTitle,
		municipality: p.municipalities[0]
			? { ags: p.municipalities[0].ags, name: p.municipalities[0].name }
			: null
	}));
}

async function loadHits(
	ctx: Ctx,
	items: readonly { type: SearchType; id: number | string }[],
	matched: ReadonlySet<string>,
	municipalities: readonly MunicipalityMatch[],
	people: readonly PersonRef[]
): Promise<SearchHit[]> {
	const idsOf = (type: SearchType) =>
		items.filter((item) => item.type === type).map((item) => Number(item.id));
	const [projectRows, productRows] = await Promise.all([
		findProjectHitRows(ctx.db, idsOf('project')),
		findProductHitRows(ctx.db, idsOf('product'))
	]);
	const projectsById = new Map(projectRows.map((row) => [row.id, row]));
	const productsById = new Map(productRows.map((row) => [row.id, row]));
	const hits: SearchHit[] = [];
	for (const item of items) {
		switch (item.type) {
			case 'project': {
				const row = projectsById.get(Number(item.id));
				if (!row) break;
				hits.push({
					type: 'project',
					id: row.id,
					title: row.title,
					url: `/projekte/${row.id}`,
					municipality: { ags: row.ags, name: row.municipality_name },
					snippet: makeSnippet([row.summary, row.description_md], matched),
					status: row.status
				});
				break;
			}
			case 'product': {
				const row = productsById.get(Number(item.id));
				if (!row) break;
				hits.push({
					type: 'product',
					id: row.id,
					title: row.vendor_name ? `${row.name} (${row.vendor_name})` : row.name,
					url: `/loesungen/${row.id}`,
					municipality: null,
					snippet: makeSnippet([row.description_md, row.operator ?? ''], matched),
					status: null
				});
				break;
			}
			case 'municipality': {
				const m = municipalities.find((candidate) => candidate.ags === item.id);
				if (!m) break;
				hits.push({
					type: 'municipality',
					id: m.ags,
					title: m.name,
					url: `/kommunen/${m.ags}`,
					municipality: { ags: m.ags, name: m.name },
					snippet: { text: '', highlights: [] },
					status: null,
					facts: { type: m.type, population: m.population, membershipStatus: m.membershipStatus }
				});
				break;
			}
			case 'person': {
				const p = people.find((candidate) => candidate.id === item.id);
				if (!p) break;
				hits.push({
					type: 'person',
					id: p.id,
					title: p.name,
					url: `/personen/${p.id}`,
					municipality: p.municipality,
					snippet: { text: p.jobTitle ?? '', highlights: [] },
					status: null
				});
				break;
			}
		}
	}
	return hits;
}

/** The OZG topic fields are fixed reference data (migration 0014): read once per process. */
const topicFieldNames = new WeakMap<Db, Promise<{ key: string; name: string }[]>>();
function topicFieldNamesOf(db: Db) {
	let names = topicFieldNames.get(db);
	if (!names) {
		names = findTopicFieldNames(db);
		topicFieldNames.set(db, names);
	}
	return names;
}

/**
 * Every municipality's key and name, kept per content version (a change to a municipality bumps
 * it): a facet over hundreds of municipalities then needs no lookup of their names.
 */
interface MunicipalityName extends MunicipalityRef {
	/** The name's German sort key (what a name search compares). */
	sortKey: string;
}

const municipalityNames = new WeakMap<
	Db,
	{ version: number; names: Promise<Map<number, MunicipalityName>> }
>();

async function municipalityNamesOf(db: Db): Promise<Map<number, MunicipalityName>> {
	const version = await readContentVersion(db);
	const cached = municipalityNames.get(db);
	if (cached && cached.version === version) return cached.names;
	const names = findAllMunicipalityNames(db).then(
		(rows) =>
			new Map(rows.map((row) => [row.id, { ags: row.ags, name: row.name, sortKey: row.name_sort }]))
	);
	municipalityNames.set(db, { version, names });
	names.catch(() => {
		if (municipalityNames.get(db)?.names === names) municipalityNames.delete(db);
	});
	return names;
}

const TYPE_LABELS: Record<SearchType, string> = {
	project: 'Projekte',
	product: 'Lösungen',
	municipality: 'Kommunen',
	person: 'Personen'
};

async function buildFacets(
	db: Db,
	found: { projects: ScoredProject[]; products: number; municipalities: number; people: number }
): Promise<SearchFacets> {
	const count = <K extends string | number>(keys: K[]) => {
		const counts = new Map<K, number>();
		for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
		return [...counts].sort((a, b) => b[1] - a[1]);
	};
	const byMunicipality = count(found.projects.map((p) => p.municipality_id));
	const [nameOf, topicFields] = await Promise.all([
		byMunicipality.length > 0 ? municipalityNamesOf(db) : new Map<number, MunicipalityName>(),
		topicFieldNamesOf(db)
	]);
	const topicName = new Map(topicFields.map((t) => [t.key, t.name]));
	const typeCounts: [SearchType, number][] = [
		['project', found.projects.length],
		['product', found.products],
		['municipality', found.municipalities],
		['person', found.people]
	];
	return {
		type: typeCounts
			.filter(([, n]) => n > 0)
			.map(([key, n]) => ({ key, label: TYPE_LABELS[key], count: n })),
		municipality: byMunicipality.flatMap(([id, n]) => {
			const m = nameOf.get(id);
			return m ? [{ key: m.ags, label: m.name, count: n }] : [];
		}),
		status: count(found.projects.map((p) => p.status)).map(([key, n]) => ({
			key,
			label: key,
			count: n
		})),
		themenfeld: count(
			found.projects.flatMap((p) => (p.topic_field_key ? [p.topic_field_key] : []))
		).map(([key, n]) => ({ key, label: topicName.get(key) ?? key, count: n }))
	};
}

/** Statuses in which a project counts as "already turning". */
const RUNNING: ReadonlySet<ProjectStatus> = new Set(['betrieb', 'umsetzung']);
const ANSWER_PLACES = 8;

/**
 * Who already runs what was asked: the running projects among the best hits and the
 * municipalities that use the best matching products, one entry per municipality.
 */
async function buildAnswer(
	ctx: Ctx,
	projects: readonly ScoredProject[],
	products: readonly { id: number; score: number }[],
	top: number
): Promise<AnswerPlace[]> {
	// Only hits close to the best one answer the question; a weak match is no "already runs".
	const strong = projects.filter((p) => RUNNING.has(p.status) && p.score >= top * 0.5);
	const strongProducts = products.filter((p) => p.score >= top * 0.8);
	const ids = strong.map((p) => p.id);
	const showContacts = canSeeAdoptionDetails(ctx.actor);
	const [rows, productNames, contacts, adoptions] = await Promise.all([
		findProjectHitRows(ctx.db, ids),
		findProductNamesOfProjects(ctx.db, ids),
		showContacts ? findContactNamesOfProjects(ctx.db, ids) : Promise.resolve([]),
		findAdoptionsInUse(
			ctx.db,
			strongProducts.map((p) => p.id)
		)
	]);
	const byId = new Map(rows.map((row) => [row.id, row]));
	const places = new Map<string, AnswerPlace>();
	for (const project of strong) {
		const row = byId.get(project.id);
		if (!row || places.has(row.ags)) continue;
		const since = row.live_on ?? row.started_on;
		places.set(row.ags, {
			municipality: { ags: row.ags, name: row.municipality_name },
			stage: row.status,
			product: productNames.find((p) => p.project_id === row.id)?.name ?? null,
			sinceYear: since ? Number(since.slice(0, 4)) : null,
			contact: contacts.find((c) => c.project_id === row.id)?.display_name ?? null,
			url: `/projekte/${row.id}`
		});
	}
	for (const adoption of adoptions) {
		if (places.has(adoption.ags)) continue;
		places.set(adoption.ags, {
			municipality: { ags: adoption.ags, name: adoption.municipality_name },
			stage: adoption.stage === 'live' ? 'live' : 'pilot',
			product: adoption.product_name,
			sinceYear: adoption.since_on ? Number(adoption.since_on.slice(0, 4)) : null,
			contact: showContacts ? adoption.contact_name : null,
			url: `/loesungen/${adoption.product_id}`
		});
	}
	return [...places.values()].slice(0, ANSWER_PLACES);
}

// -- similar projects --

export interface SimilarProject {
	id: number;
	title: string;
	url: string;
	municipality: MunicipalityRef;
	status: ProjectStatus;
	summary: string;
}

export const SimilarInputSchema = z.object({
	title: z.string().max(300).catch(''),
	summary: z.string().max(2000).catch(''),
	excludeId: z.coerce.number().int().positive().optional().catch(undefined),
	limit: z.coerce.number().int().min(1).max(10).catch(5)
});
export type SimilarInput = Partial<z.output<typeof SimilarInputSchema>>;

/** How many words of a draft's title and summary are compared at most. */
const SIMILAR_WORDS = 24;
/** A draft has many words; each reads fewer postings than a search term. */
const SIMILAR_POSTINGS_PER_TERM = 60;

/**
 * Projects like the one being written ("Das gibt es schon"): the title's words count twice,
 * and only projects that share a fair part of what was written are shown.
 */
export async function findSimilarProjects(
	ctx: Ctx,
	input: SimilarInput
): Promise<SimilarProject[]> {
	const { title, summary, excludeId, limit } = SimilarInputSchema.parse(input);
	const titleWords = analyseQuery(title);
	const summaryWords = analyseQuery(summary).filter(
		(word) => !titleWords.some((t) => t.stem === word.stem)
	);
	const words = [...titleWords, ...summaryWords].slice(0, SIMILAR_WORDS);
	if (words.length === 0) return [];
	const plan = await planFor(ctx.db, words, { fuzzy: false, compounds: true });
	const rows = await termRows(ctx.db, plan, 'project');
	// Title concepts weigh double: they say what the project is.
	const weighted = rows.map((row) =>
		row.concept < titleWords.length ? { ...row, weight: row.weight * 2 } : row
	);
	const { projects: scored } = await findProjects(
		ctx,
		weighted,
		{ excludeId },
		SIMILAR_POSTINGS_PER_TERM
	);
	// A similar project must match at least one of the draft's title words about as well as a
	// title holding it would (half of that, as stem or synonym); the rarer the word, the more
	// it weighs, so "Digitale Hundesteuer" wants the dog tax, not everything digital.
	const present = await presentTerms(ctx.db, plan, 'project');
	const bestTitleWord = weighted
		.filter(
			(row) =>
				row.concept < titleWords.length &&
				present.has(row.term) &&
				(row.kind === 'exact' || row.kind === 'stem' || row.kind === 'synonym')
		)
		.reduce((most, row) => Math.max(most, row.weight), 0);
	const threshold =
		bestTitleWord > 0
			? bestTitleWord * FIELD_WEIGHTS.title * 0.5
			: Math.max(0, ...weighted.filter((row) => present.has(row.term)).map((row) => row.weight)) *
				FIELD_WEIGHTS.summary;
	const chosen = scored.filter((p) => p.score >= threshold).slice(0, limit);
	const details = await findProjectHitRows(
		ctx.db,
		chosen.map((p) => p.id)
	);
	const byId = new Map(details.map((row) => [row.id, row]));
	return chosen.flatMap((p) => {
		const row = byId.get(p.id);
		return row
			? [
					{
						id: row.id,
						title: row.title,
						url: `/projekte/${row.id}`,
						municipality: { ags: row.ags, name: row.municipality_name },
						status: row.status,
						summary: row.summary
					}
				]
			: [];
	});
}

// -- the synonym list --

export interface SynonymListView {
	text: string;
	isShipped: boolean;
	updatedAt: string | null;
	groupCount: number;
}

export async function getSynonymList(ctx: Ctx): Promise<SynonymListView> {
	if (!isCoordinator(ctx.actor)) throw forbidden('coordination only');
	const stored = await findSetting(ctx.db, SYNONYM_SETTING);
	const text = stored?.value ?? shippedSynonymList();
	return {
		text,
		isShipped: !stored,
		updatedAt: stored?.updated_at ?? null,
		groupCount: parseSynonymList(text).groups.length
	};
}

/**
 * Saves an edited list (in effect from the next search on, on every instance). A list with a
 * problem is refused whole, naming the first problem's line.
 */
export async function saveSynonymList(ctx: Ctx, text: string): Promise<{ groupCount: number }> {
	if (!isCoordinator(ctx.actor) || ctx.actor.kind !== 'person') {
		throw forbidden('coordination only');
	}
	if (text.length > SYNONYM_LIMITS.textLength) throw invalid({ synonyms: 'synonym_text_too_long' });
	const parsed = parseSynonymList(text);
	const problem: SynonymProblem | undefined = parsed.problems[0];
	if (problem) throw invalid({ synonyms: `${problem.code}:${problem.line}` });
	await saveSetting(ctx.db, SYNONYM_SETTING, text, nowIso(ctx.now), ctx.actor.personId);
	return { groupCount: parsed.groups.length };
}

/** Back to the list that ships with the software. */
export async function resetSynonymList(ctx: Ctx): Promise<void> {
	if (!isCoordinator(ctx.actor)) throw forbidden('coordination only');
	await deleteSetting(ctx.db, SYNONYM_SETTING);
}
