/** SQL of the search index. Scoring rules live in query-plan.ts, access in the visibility rule. */
import { LRUCache } from 'lru-cache';
import { CompiledQuery, PostgresAdapter, sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database, ProjectStatus, SearchDocType } from '../db/schema';
import type { ProjectScope } from '../projects/project.policy';
import { projectVisibleTo } from '../projects/project.visibility';

const INSERT_CHUNK = 500;

export function usesPostgres(db: Db): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Replaces the postings of one record and adds its new words to the vocabulary. */
export async function replacePostings(
	db: Db,
	docType: SearchDocType,
	refId: number,
	terms: ReadonlyMap<string, number>,
	words: ReadonlyMap<string, string>
): Promise<void> {
	await db
		.deleteFrom('search_posting')
		.where('doc_type', '=', docType)
		.where('ref_id', '=', refId)
		.execute();
	await insertPostings(
		db,
		[...terms].map(([term, weight]) => ({ doc_type: docType, ref_id: refId, term, weight }))
	);
	await addWords(db, words);
}

/** Adds words the vocabulary does not hold yet. */
export async function addWords(db: Db, words: ReadonlyMap<string, string>): Promise<void> {
	const rows = [...words].map(([word, stem]) => ({ word, stem }));
	for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
		await db
			.insertInto('search_word')
			.values(rows.slice(i, i + INSERT_CHUNK))
			.onConflict((oc) => oc.column('word').doNothing())
			.execute();
	}
}

export async function deletePostings(db: Db, docType: SearchDocType, refId: number) {
	await db
		.deleteFrom('search_posting')
		.where('doc_type', '=', docType)
		.where('ref_id', '=', refId)
		.execute();
}

/**
 * Takes the index's write lock for the rest of the transaction: on PostgreSQL a table lock that
 * lets readers in, on SQLite the database's write lock (a write takes it).
 */
export async function lockSearchIndex(db: Db): Promise<void> {
	if (usesPostgres(db)) {
		await sql`lock table search_posting in share row exclusive mode`.execute(db);
		return;
	}
	await db.deleteFrom('search_setting').where('key', '=', '').execute();
}

export async function deleteAllPostings(db: Db): Promise<void> {
	await db.deleteFrom('search_posting').execute();
}

/** Vocabulary rows added after `afterId`, in id order. */
export async function findWordsAfter(db: Db, afterId: number, limit: number) {
	return db
		.selectFrom('search_word')
		.select(['id', 'word', 'stem'])
		.where('id', '>', afterId)
		.orderBy('id')
		.limit(limit)
		.execute();
}

/** How many records of a type hold each of `terms`. */
export async function countTermDocuments(
	db: Db,
	docType: SearchDocType,
	terms: readonly string[]
): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (let i = 0; i < terms.length; i += INSERT_CHUNK) {
		const rows = await db
			.selectFrom('search_posting')
			.select(['term', (eb) => eb.fn.countAll<number | string>().as('n')])
			.where('doc_type', '=', docType)
			.where('term', 'in', terms.slice(i, i + INSERT_CHUNK))
			.groupBy('term')
			.execute();
		for (const row of rows) counts.set(row.term, Number(row.n));
	}
	return counts;
}

export async function countIndexedRecords(db: Db, docType: SearchDocType): Promise<number> {
	const table = docType === 'project' ? 'project' : 'product';
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One posting as the scorer reads it, with the facts of a project hit. */
export interface PostingHit {
	term: string;
	ref_id: number;
	weight: number;
}

export interface ProjectPostingHit extends PostingHit {
	status: ProjectStatus;
	municipality_id: number;
	topic_field_key: string | null;
}

export interface ProjectSearchFilter {
	municipalityId?: number;
	status?: ProjectStatus;
	topicFieldKey?: string;
	excludeId?: number;
}

/** How many postings of each term are read, best first (impact order). */
export interface TermBudget {
	term: string;
	limit: number;
}

/** A term's postings of one kind of record, as a query the caller narrows further. */
function termPostings(db: Db, docType: SearchDocType, term: string) {
	return db
		.selectFrom('search_posting')
		.where('search_posting.term', '=', term)
		.where('search_posting.doc_type', '=', docType);
}

/**
 * One term's walk compiled once per shape (kind of record, scope, filter): its SQL text and
 * parameters, with the places of the term and the limit among them. A search unions one walk per
 * term; building and compiling that union with the query builder cost more than running it, so
 * the union is put together from the compiled walk (the visibility rule stays where it lives).
 */
interface WalkTemplate {
	sql: string;
	parameters: readonly unknown[];
	termAt: number;
	limitAt: number;
}

/**
 * Stand-ins for the term and the limit, found again among the compiled parameters: values no
 * input can take (the analyser never yields a NUL, ids and limits are whole numbers).
 */
const TERM_MARK = '\u0000term';
const LIMIT_MARK = -987_654_321.5;

const walkTemplates = new LRUCache<string, WalkTemplate>({ max: 500 });

function walkTemplate<R>(
	db: Db,
	shape: string,
	walk: (budget: TermBudget) => SelectQueryBuilder<Database, 'search_posting', R>
): WalkTemplate {
	const key = `${usesPostgres(db) ? 'pg' : 'sqlite'}|${shape}`;
	let template = walkTemplates.get(key);
	if (!template) {
		const compiled = walk({ term: TERM_MARK, limit: LIMIT_MARK })
			.orderBy('search_posting.weight', 'desc')
			.orderBy('search_posting.ref_id', 'desc')
			.limit(LIMIT_MARK)
			.compile();
		const termAt = compiled.parameters.indexOf(TERM_MARK);
		const limitAt = compiled.parameters.lastIndexOf(LIMIT_MARK);
		if (termAt < 0 || limitAt < 0 || compiled.parameters.indexOf(LIMIT_MARK) !== limitAt) {
			throw new Error('search: the term walk does not compile as expected');
		}
		template = { sql: compiled.sql, parameters: compiled.parameters, termAt, limitAt };
		walkTemplates.set(key, template);
	}
	return template;
}

/** One statement: for each budget, the heaviest `limit` rows of its walk, all in one union. */
async function heaviestOfEach<R>(
	db: Db,
	budgets: readonly TermBudget[],
	shape: string,
	walk: (budget: TermBudget) => SelectQueryBuilder<Database, 'search_posting', R>
): Promise<R[]> {
	if (budgets.length === 0) return [];
	const template = walkTemplate(db, shape, walk);
	const postgres = usesPostgres(db);
	const parts: string[] = [];
	const parameters: unknown[] = [];
	for (const budget of budgets) {
		const offset = parameters.length;
		// PostgreSQL numbers its placeholders: each copy of the walk counts on from the last.
		const text = postgres
			? template.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)
			: template.sql;
		parts.push(`select * from (${text}) as "w"`);
		template.parameters.forEach((value, i) =>
			parameters.push(
				i === template.termAt ? budget.term : i === template.limitAt ? budget.limit : value
			)
		);
	}
	const result = await db.executeQuery<R>(CompiledQuery.raw(parts.join(' union all '), parameters));
	return [...result.rows];
}

/**
 * For each term, the postings of projects the scope may see (and the filter lets through),
 * heaviest first, at most the term's limit: one statement, a union of one index walk per term.
 */
export async function readProjectPostings(
	db: Db,
	budgets: readonly TermBudget[],
	scope: ProjectScope,
	filter: ProjectSearchFilter
): Promise<ProjectPostingHit[]> {
	const shape = JSON.stringify(['project', scope, filter]);
	return heaviestOfEach(db, budgets, shape, ({ term }) => {
		let q = termPostings(db, 'project', term)
			.innerJoin('project', 'project.id', 'search_posting.ref_id')
			.select([
				'search_posting.term',
				'search_posting.ref_id',
				'search_posting.weight',
				'project.status',
				'project.municipality_id',
				'project.topic_field_key'
			])
			.where(projectVisibleTo(scope));
		if (filter.municipalityId !== undefined) {
			q = q.where('project.municipality_id', '=', filter.municipalityId);
		}
		if (filter.status !== undefined) q = q.where('project.status', '=', filter.status);
		if (filter.topicFieldKey !== undefined) {
			q = q.where('project.topic_field_key', '=', filter.topicFieldKey);
		}
		if (filter.excludeId !== undefined) q = q.where('project.id', '<>', filter.excludeId);
		return q;
	});
}

/** The same for products (not deleted). */
export async function readProductPostings(
	db: Db,
	budgets: readonly TermBudget[]
): Promise<PostingHit[]> {
	return heaviestOfEach(
		db,
		budgets,
		'product',
		({ term }) =>
			termPostings(db, 'product', term)
				.innerJoin('product', 'product.id', 'search_posting.ref_id')
				.select(['search_posting.term', 'search_posting.ref_id', 'search_posting.weight'])
				.where('product.deleted_at', 'is', null) as unknown as SelectQueryBuilder<
				Database,
				'search_posting',
				PostingHit
			>
	);
}

// -- what the indexer reads --

/** What the indexer reads of some projects, in three queries whatever their number. */
export async function findProjectIndexSources(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	const [projects, tags, products] = await Promise.all([
		db
			.selectFrom('project')
			.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
			.leftJoin('topic_field', 'topic_field.key', 'project.topic_field_key')
			.leftJoin('domain', 'domain.id', 'project.domain_id')
			.select([
				'project.id',
				'project.title',
				'project.summary',
				'project.description_md',
				'project.lessons_learned_md',
				'project.funding_programme',
				'municipality.name as municipality_name',
				'topic_field.name as topic_field_name',
				'domain.name as domain_name'
			])
			.where('project.id', 'in', [...ids])
			.execute(),
		db
			.selectFrom('project_tag')
			.select(['project_id', 'tag'])
			.where('project_id', 'in', [...ids])
			.execute(),
		db
			.selectFrom('project_product')
			.innerJoin('product', 'product.id', 'project_product.product_id')
			.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
			.select(['project_product.project_id', 'product.name', 'vendor.name as vendor_name'])
			.where('project_product.project_id', 'in', [...ids])
			.execute()
	]);
	return projects.map((project) => ({
		project,
		tags: tags.filter((t) => t.project_id === project.id).map((t) => t.tag),
		products: products.filter((p) => p.project_id === project.id)
	}));
}

/** What the indexer reads of some products. */
export async function findProductIndexSources(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select([
			'product.id',
			'product.name',
			'product.category',
			'product.operator',
			'product.description_md',
			'vendor.name as vendor_name'
		])
		.where('product.id', 'in', [...ids])
		.execute();
}

/** Postings of many records at once (the rebuild; nothing is deleted first). */
export async function insertPostings(
	db: Db,
	rows: readonly { doc_type: SearchDocType; ref_id: number; term: string; weight: number }[]
): Promise<void> {
	for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
		await db
			.insertInto('search_posting')
			.values(rows.slice(i, i + INSERT_CHUNK))
			.execute();
	}
}

export async function findProjectIdsUsingProduct(db: Db, productId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_product')
		.select('project_id')
		.where('product_id', '=', productId)
		.execute();
	return rows.map((row) => row.project_id);
}

export async function findAllIds(db: Db, docType: SearchDocType, afterId: number, limit: number) {
	const table = docType === 'project' ? 'project' : 'product';
	const rows = await db
		.selectFrom(table)
		.select('id')
		.where('id', '>', afterId)
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((row) => row.id);
}

// -- settings --

export async function findSetting(db: Db, key: string) {
	return db
		.selectFrom('search_setting')
		.select(['value', 'updated_at', 'updated_by_person_id'])
		.where('key', '=', key)
		.executeTakeFirst();
}

export async function saveSetting(
	db: Db,
	key: string,
	value: string,
	updatedAt: string,
	personId: number | null
): Promise<void> {
	await db
		.insertInto('search_setting')
		.values({ key, value, updated_at: updatedAt, updated_by_person_id: personId })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({ value, updated_at: updatedAt, updated_by_person_id: personId })
		)
		.execute();
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
	await db.deleteFrom('search_setting').where('key', '=', key).execute();
}

// -- what a result page shows of its hits --

export async function findProjectHitRows(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.select([
			'project.id',
			'project.title',
			'project.summary',
			'project.description_md',
			'project.status',
			'project.live_on',
			'project.started_on',
			'municipality.ags',
			'municipality.name as municipality_name'
		])
		.where('project.id', 'in', [...ids])
		.execute();
}

export async function findProductNamesOfProjects(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('project_product')
		.innerJoin('product', 'product.id', 'project_product.product_id')
		.select(['project_product.project_id', 'product.name'])
		.where('project_product.project_id', 'in', [...ids])
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.execute();
}

export async function findContactNamesOfProjects(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('project_contact')
		.innerJoin('person', 'person.id', 'project_contact.person_id')
		.select(['project_contact.project_id', 'person.display_name', 'person.job_title'])
		.where('project_contact.project_id', 'in', [...ids])
		.where('person.deleted_at', 'is', null)
		.orderBy('project_contact.position')
		.execute();
}

export async function findProductHitRows(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select([
			'product.id',
			'product.name',
			'product.description_md',
			'product.operator',
			'vendor.name as vendor_name'
		])
		.where('product.id', 'in', [...ids])
		.execute();
}

/** Adoptions in use (pilot or live) of the products, with their municipality and contact. */
export async function findAdoptionsInUse(db: Db, productIds: readonly number[]) {
	if (productIds.length === 0) return [];
	return db
		.selectFrom('adoption')
		.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
		.innerJoin('product', 'product.id', 'adoption.product_id')
		.leftJoin('person', (join) =>
			join.onRef('person.id', '=', 'adoption.contact_person_id').on('person.deleted_at', 'is', null)
		)
		.select([
			'adoption.product_id',
			'adoption.stage',
			'adoption.since_on',
			'product.name as product_name',
			'municipality.ags',
			'municipality.name as municipality_name',
			'person.display_name as contact_name'
		])
		.where('adoption.product_id', 'in', [...productIds])
		.where('adoption.stage', 'in', ['live', 'pilot'])
		.orderBy('municipality.name_sort')
		.execute();
}

export async function findMunicipalityByAgs(db: Db, ags: string) {
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name'])
		.where('ags', '=', ags)
		.executeTakeFirst();
}

export async function findAllMunicipalityNames(db: Db) {
	return db.selectFrom('municipality').select(['id', 'ags', 'name', 'name_sort']).execute();
}

export async function findTopicFieldNames(db: Db) {
	return db.selectFrom('topic_field').select(['key', 'name']).execute();
}

/**
 * The records (of any visibility) that hold any of `terms` with at least `minWeight`, with the
 * terms each holds. For matching whole sets (the overview's topics), not for ranking.
 */
export async function findRecordsWithTerms(
	db: Db,
	docType: SearchDocType,
	terms: readonly string[],
	minWeight: number
): Promise<Map<number, Set<string>>> {
	const found = new Map<number, Set<string>>();
	// Bounded statements: SQLite allows many parameters, but a huge IN list plans badly.
	for (let i = 0; i < terms.length; i += 200) {
		const rows = await db
			.selectFrom('search_posting')
			.select(['ref_id', 'term'])
			.where('doc_type', '=', docType)
			.where('term', 'in', terms.slice(i, i + 200))
			.where('weight', '>=', minWeight)
			.execute();
		for (const row of rows) {
			let held = found.get(row.ref_id);
			if (!held) found.set(row.ref_id, (held = new Set()));
			held.add(row.term);
		}
	}
	return found;
}
