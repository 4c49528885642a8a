/**
 * The search relevance set: a realistic corpus of municipal projects (corpus.json) and judged
 * queries (queries.json). Loads the corpus into a database through the index writer and scores
 * the search by recall@10 and mean reciprocal rank. Used by the database test suite (with
 * floors) and by `npm run bench:search` (with a report per query).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db';
import type { ProjectStatus } from '../../src/lib/server/db/schema';
import { search } from '../../src/lib/server/search';
import { indexProduct, indexProject } from '../../src/lib/server/search/search.indexer';
import { germanSortKey } from '../../src/lib/server/text/sort-key';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface CorpusProject {
	key: string;
	municipality: string;
	title: string;
	summary: string;
	description: string;
	status: ProjectStatus;
	tags: string[];
	products: string[];
}

export interface JudgedQuery {
	q: string;
	relevant: string[];
	note?: string;
}

export function loadRelevanceSet(): { corpus: CorpusProject[]; queries: JudgedQuery[] } {
	const read = <T>(file: string) => JSON.parse(readFileSync(path.join(here, file), 'utf8')) as T;
	return {
		corpus: read<CorpusProject[]>('corpus.json'),
		queries: read<JudgedQuery[]>('queries.json')
	};
}

/**
 * Writes the corpus as public projects of member municipalities (made up where the register
 * lacks them), with tags and products, and indexes it. Returns project id → corpus key.
 */
export async function loadCorpus(
	db: Db,
	corpus: readonly CorpusProject[]
): Promise<Map<number, string>> {
	const now = '2026-11-25T10:00:00.000Z';
	const municipalityIds = new Map<string, number>();
	let nextAgs = 8399000;
	for (const name of new Set(corpus.map((p) => p.municipality))) {
		const existing = await db
			.selectFrom('municipality')
			.select('id')
			.where('name', '=', name)
			.executeTakeFirst();
		if (existing) {
			await db
				.updateTable('municipality')
				.set({ membership_status: 'member' })
				.where('id', '=', existing.id)
				.execute();
			municipalityIds.set(name, existing.id);
			continue;
		}
		const row = await db
			.insertInto('municipality')
			.values({
				ags: String(nextAgs++).padStart(8, '0'),
				name,
				name_sort: germanSortKey(name),
				type: 'gemeinde',
				association_id: null,
				population: null,
				population_date: null,
				area_km2: null,
				latitude: null,
				longitude: null,
				website: null,
				membership_status: 'member',
				member_since: '2024-01-01',
				applied_on: null,
				is_founding_member: false,
				is_demo: false,
				data_source: null,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		municipalityIds.set(name, row.id);
	}
	const productIds = new Map<string, number>();
	for (const name of new Set(corpus.flatMap((p) => p.products))) {
		const row = await db
			.insertInto('product')
			.values({ name, name_sort: germanSortKey(name), category: 'fachverfahren', updated_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		productIds.set(name, row.id);
		await indexProduct(db, row.id);
	}
	const keys = new Map<number, string>();
	for (const project of corpus) {
		const row = await db
			.insertInto('project')
			.values({
				title: project.title,
				title_sort: germanSortKey(project.title),
				summary: project.summary,
				description_md: project.description,
				municipality_id: municipalityIds.get(project.municipality) ?? 0,
				status: project.status,
				visibility: 'public',
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const tags = [...new Map(project.tags.map((tag) => [germanSortKey(tag), tag])).values()];
		if (tags.length > 0) {
			await db
				.insertInto('project_tag')
				.values(tags.map((tag) => ({ project_id: row.id, tag, tag_sort: germanSortKey(tag) })))
				.execute();
		}
		const products = [...new Set(project.products)].flatMap((name) => {
			const id = productIds.get(name);
			return id === undefined ? [] : [{ project_id: row.id, product_id: id }];
		});
		if (products.length > 0) await db.insertInto('project_product').values(products).execute();
		await indexProject(db, row.id);
		keys.set(row.id, project.key);
	}
	return keys;
}

export interface QueryScore {
	q: string;
	recall: number;
	reciprocalRank: number;
	/** The corpus keys of the first ten project hits. */
	top: string[];
	missed: string[];
}

export interface RelevanceScore {
	recallAt10: number;
	mrr: number;
	queries: QueryScore[];
}

/** Runs every judged query through the search and scores the first ten project hits. */
export async function scoreRelevance(
	ctx: Ctx,
	queries: readonly JudgedQuery[],
	keys: ReadonlyMap<number, string>
): Promise<RelevanceScore> {
	const scores: QueryScore[] = [];
	for (const query of queries) {
		const result = await search(ctx, { q: query.q, type: 'project' });
		const top = result.hits.slice(0, 10).map((hit) => keys.get(Number(hit.id)) ?? `?${hit.id}`);
		const relevant = new Set(query.relevant);
		const found = top.filter((key) => relevant.has(key));
		const firstRank = top.findIndex((key) => relevant.has(key));
		scores.push({
			q: query.q,
			recall: relevant.size === 0 ? 1 : found.length / Math.min(relevant.size, 10),
			reciprocalRank: firstRank < 0 ? 0 : 1 / (firstRank + 1),
			top,
			missed: query.relevant.filter((key) => !top.includes(key))
		});
	}
	const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / (values.length || 1);
	return {
		recallAt10: mean(scores.map((s) => s.recall)),
		mrr: mean(scores.map((s) => s.reciprocalRank)),
		queries: scores
	};
}
