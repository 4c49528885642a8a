/**
 * The topics of the adoption matrix (e.g. E-Akte, Online-Terminvergabe): a topic is matched by
 * project tags, by products (their projects and adoptions) and by search phrases read with the
 * search's German analyser. The coordination maintains the list; a shipped list of common topics
 * is loaded at the first seeding and can be loaded again into an empty list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findAppRoot } from '../config';
import type { Ctx } from '../context';
import { inTransaction, type Db } from '../db';
import { forbidden, invalid, notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { canManageTopics } from './topic.policy';
import {
	countTopics,
	deleteTopicRow,
	findExistingProductIds,
	findProductIdsByName,
	findTopicById,
	findTopicIdBySortKey,
	findTopicProducts,
	findTopics,
	findTopicTags,
	insertTopic,
	replaceTopicMatchers,
	updateTopicRow
} from './topic.repository';
import { TopicInputSchema, type TopicInput, type TopicInputRaw } from './topic.schema';

export interface Topic {
	id: number;
	name: string;
	description: string;
	position: number;
	tags: string[];
	phrases: string[];
	products: { id: number; name: string }[];
}

function phrasesOf(text: string): string[] {
	return text.split('\n').filter((line) => line !== '');
}

async function loadTopics(db: Db): Promise<Topic[]> {
	const [rows, tags, products] = await Promise.all([
		findTopics(db),
		findTopicTags(db),
		findTopicProducts(db)
	]);
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		description: row.description,
		position: row.position,
		tags: tags.filter((tag) => tag.topic_id === row.id).map((tag) => tag.tag),
		phrases: phrasesOf(row.search_phrases),
		products: products
			.filter((product) => product.topic_id === row.id)
			.map((product) => ({ id: product.product_id, name: product.name }))
	}));
}

/** All topics in the coordination's order. */
export function listTopics(ctx: Ctx): Promise<Topic[]> {
	return loadTopics(ctx.db);
}

export async function getTopic(ctx: Ctx, id: number): Promise<Topic> {
	const topic = (await loadTopics(ctx.db)).find((candidate) => candidate.id === id);
	if (!topic) throw notFound('topic');
	return topic;
}

function parseTopic(raw: TopicInputRaw): TopicInput {
	const parsed = TopicInputSchema.safeParse(raw);
	if (!parsed.success) {
		const fields: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'form');
			fields[field] ??= issue.message;
		}
		throw invalid(fields);
	}
	if (germanSortKey(parsed.data.name) === '') throw invalid({ name: 'name_required' });
	return parsed.data;
}

async function writeTopic(db: Db, ctx: Ctx, id: number | null, input: TopicInput): Promise<number> {
	const nameSort = germanSortKey(input.name);
	const other = await findTopicIdBySortKey(db, nameSort);
	if (other !== null && other !== id) throw invalid({ name: 'name_taken' });
	const existing = await findExistingProductIds(db, input.productIds);
	if (input.productIds.some((productId) => !existing.has(productId))) {
		throw invalid({ productIds: 'product_invalid' });
	}
	const values = {
		name: input.name,
		name_sort: nameSort,
		description: input.description,
		position: input.position,
		search_phrases: input.phrases.join('\n'),
		updated_at: ctx.now().toISOString()
	};
	let topicId = id;
	if (topicId === null) topicId = await insertTopic(db, values);
	else await updateTopicRow(db, topicId, values);
	await replaceTopicMatchers(
		db,
		topicId,
		input.tags.map((tag) => ({ tag, tag_sort: germanSortKey(tag) })),
		input.productIds
	);
	return topicId;
}

export async function createTopic(ctx: Ctx, raw: TopicInputRaw): Promise<{ id: number }> {
	if (!canManageTopics(ctx.actor)) throw forbidden('may not manage topics');
	const input = parseTopic(raw);
	return inTransaction(ctx.db, async (tx) => ({ id: await writeTopic(tx, ctx, null, input) }));
}

export async function updateTopic(ctx: Ctx, id: number, raw: TopicInputRaw): Promise<void> {
	if (!canManageTopics(ctx.actor)) throw forbidden('may not manage topics');
	const input = parseTopic(raw);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await findTopicById(tx, id))) throw notFound('topic');
		await writeTopic(tx, ctx, id, input);
	});
}

export async function deleteTopic(ctx: Ctx, id: number): Promise<void> {
	if (!canManageTopics(ctx.actor)) throw forbidden('may not manage topics');
	await inTransaction(ctx.db, async (tx) => {
		if (!(await deleteTopicRow(tx, id))) throw notFound('topic');
	});
}

/** The next free place at the end of the list. */
export async function nextTopicPosition(ctx: Ctx): Promise<number> {
	const topics = await findTopics(ctx.db);
	return Math.min(999, Math.max(0, ...topics.map((topic) => topic.position)) + 1);
}

// -- the shipped list --

export interface ShippedTopic {
	name: string;
	description?: string;
	tags?: string[];
	phrases?: string[];
	/** Product names; those the register holds are linked. */
	products?: string[];
}

export function readShippedTopics(): ShippedTopic[] {
	const file = path.join(findAppRoot(), 'seed', 'overview', 'topics.json');
	return JSON.parse(readFileSync(file, 'utf8')) as ShippedTopic[];
}

/**
 * Writes the shipped topics into an empty list (inside the caller's transaction). Returns how
 * many were added; a list that has topics is left as it is.
 */
export async function insertShippedTopics(
	db: Db,
	ctx: Ctx,
	topics: readonly ShippedTopic[]
): Promise<number> {
	if ((await countTopics(db)) > 0) return 0;
	const productIds = await findProductIdsByName(
		db,
		topics.flatMap((topic) => topic.products ?? [])
	);
	let position = 0;
	for (const topic of topics) {
		position += 1;
		const input = parseTopic({
			name: topic.name,
			description: topic.description ?? '',
			tags: topic.tags ?? [],
			phrases: topic.phrases ?? [],
			productIds: (topic.products ?? []).flatMap((name) => {
				const id = productIds.get(name);
				return id === undefined ? [] : [id];
			}),
			position
		});
		await writeTopic(db, ctx, null, input);
	}
	return topics.length;
}

/** Loads the shipped list into an empty topic list (the coordination's "start with these"). */
export async function loadShippedTopics(ctx: Ctx): Promise<number> {
	if (!canManageTopics(ctx.actor)) throw forbidden('may not manage topics');
	const topics = readShippedTopics();
	return inTransaction(ctx.db, async (tx) => {
		if ((await countTopics(tx)) > 0) throw invalid({ form: 'topics_not_empty' });
		return insertShippedTopics(tx, ctx, topics);
	});
}
