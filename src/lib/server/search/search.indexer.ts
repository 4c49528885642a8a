/**
 * Keeps the search index in step with the catalogue: the catalogue's write use cases call these
 * in their own transaction, so a committed record is found at once and a rolled-back one never
 * (no rebuild step). A full rebuild runs only when the analyser changed (ANALYSER_VERSION).
 */
import type { Db } from '../db';
import { inTransaction, nowIso } from '../db';
import type { SearchDocType } from '../db/schema';
import type { Logger } from '../log';
import { ANALYSER_VERSION, analyseForIndex, type IndexText } from './analyser';
import {
	addWords,
	deleteAllPostings,
	findAllIds,
	findProductIndexSources,
	findProjectIdsUsingProduct,
	findProjectIndexSources,
	findSetting,
	insertPostings,
	lockSearchIndex,
	replacePostings,
	saveSetting
} from './search.repository';

const ANALYSER_SETTING = 'analyser_version';

type ProjectSource = Awaited<ReturnType<typeof findProjectIndexSources>>[number];
type ProductSource = Awaited<ReturnType<typeof findProductIndexSources>>[number];

/** What of a project the search reads, by weight (analyser.ts FIELD_WEIGHTS). */
function projectText({ project, tags, products }: ProjectSource): IndexText {
	return {
		title: project.title,
		tag: tags,
		product: products.flatMap((p) => (p.vendor_name ? [p.name, p.vendor_name] : [p.name])),
		summary: project.summary,
		category: [project.topic_field_name ?? '', project.domain_name ?? ''],
		municipality: project.municipality_name,
		body: [project.description_md, project.lessons_learned_md, project.funding_programme ?? '']
	};
}

function productText(product: ProductSource): IndexText {
	return {
		title: product.name,
		product: product.vendor_name ?? '',
		summary: product.operator ?? '',
		category: product.category,
		body: product.description_md
	};
}

export async function indexProject(db: Db, id: number): Promise<void> {
	const [source] = await findProjectIndexSources(db, [id]);
	if (!source) return;
	const { terms, words } = analyseForIndex(projectText(source));
	await replacePostings(db, 'project', id, terms, words);
}

/** A product, and the projects that name it (they carry its name). */
export async function indexProduct(db: Db, id: number): Promise<void> {
	const [product] = await findProductIndexSources(db, [id]);
	if (!product) return;
	const { terms, words } = analyseForIndex(productText(product));
	await replacePostings(db, 'product', id, terms, words);
	for (const projectId of await findProjectIdsUsingProduct(db, id)) {
		await indexProject(db, projectId);
	}
}

const BATCH = 500;

/** Indexes all records of a type in batches: few queries, multi-row inserts. */
async function rebuildType<S extends { id: number } | { project: { id: number } }>(
	db: Db,
	docType: SearchDocType,
	load: (db: Db, ids: readonly number[]) => Promise<S[]>,
	textOf: (source: S) => IndexText,
	seenWords: Set<string>
): Promise<number> {
	let count = 0;
	for (let after = 0; ;) {
		const ids = await findAllIds(db, docType, after, BATCH);
		const last = ids.at(-1);
		if (last === undefined) break;
		const postings: { doc_type: SearchDocType; ref_id: number; term: string; weight: number }[] =
			[];
		const newWords = new Map<string, string>();
		for (const source of await load(db, ids)) {
			const id = 'project' in source ? source.project.id : source.id;
			const { terms, words } = analyseForIndex(textOf(source));
			for (const [term, weight] of terms)
				postings.push({ doc_type: docType, ref_id: id, term, weight });
			for (const [word, stem] of words) {
				if (seenWords.has(word)) continue;
				seenWords.add(word);
				newWords.set(word, stem);
			}
			count++;
		}
		await insertPostings(db, postings);
		await addWords(db, newWords);
		after = last;
	}
	return count;
}

interface RebuildOutcome {
	projects: number;
	products: number;
}

/** Within a transaction that holds the index lock: everything anew. */
async function rebuildLocked(tx: Db): Promise<RebuildOutcome> {
	await deleteAllPostings(tx);
	const seenWords = new Set<string>();
	const products = await rebuildType(
		tx,
		'product',
		findProductIndexSources,
		productText,
		seenWords
	);
	const projects = await rebuildType(
		tx,
		'project',
		findProjectIndexSources,
		projectText,
		seenWords
	);
	await saveSetting(tx, ANALYSER_SETTING, String(ANALYSER_VERSION), nowIso(), null);
	return { projects, products };
}

/** Indexes every project and product anew, in one transaction (`npm run cli -- search rebuild`). */
export async function rebuildSearchIndex(db: Db): Promise<RebuildOutcome> {
	return inTransaction(db, async (tx) => {
		await lockSearchIndex(tx);
		return rebuildLocked(tx);
	});
}

/**
 * At start: rebuilds the index when it was built by another analyser version (or never, as
 * after the upgrade that brought search). Instances starting at once wait for each other's lock;
 * the later ones then find the index current.
 */
export async function ensureSearchIndex(db: Db, log?: Logger): Promise<void> {
	const stored = await findSetting(db, ANALYSER_SETTING);
	if (stored?.value === String(ANALYSER_VERSION)) return;
	const started = Date.now();
	const counts = await inTransaction(db, async (tx) => {
		await lockSearchIndex(tx);
		const again = await findSetting(tx, ANALYSER_SETTING);
		return again?.value === String(ANALYSER_VERSION) ? null : rebuildLocked(tx);
	});
	if (counts) log?.info({ ...counts, ms: Date.now() - started }, 'search index rebuilt');
}
