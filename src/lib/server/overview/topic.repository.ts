/** Storage of the matrix topics. */
import type { Db } from '../db';

export interface TopicRow {
	id: number;
	name: string;
	description: string;
	position: number;
	search_phrases: string;
}

export async function findTopics(db: Db): Promise<TopicRow[]> {
	return db
		.selectFrom('overview_topic')
		.select(['id', 'name', 'description', 'position', 'search_phrases'])
		.orderBy('position')
		.orderBy('name_sort')
		.orderBy('id')
		.execute();
}

export async function findTopicById(db: Db, id: number): Promise<TopicRow | undefined> {
	return db
		.selectFrom('overview_topic')
		.select(['id', 'name', 'description', 'position', 'search_phrases'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findTopicIdBySortKey(db: Db, nameSort: string): Promise<number | null> {
	const row = await db
		.selectFrom('overview_topic')
		.select('id')
		.where('name_sort', '=', nameSort)
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function findTopicTags(
	db: Db
): Promise<{ topic_id: number; tag: string; tag_sort: string }[]> {
	return db
		.selectFrom('overview_topic_tag')
		.select(['topic_id', 'tag', 'tag_sort'])
		.orderBy('tag_sort')
		.execute();
}

export async function findTopicProducts(
	db: Db
): Promise<{ topic_id: number; product_id: number; name: string }[]> {
	return db
		.selectFrom('overview_topic_product')
		.innerJoin('product', 'product.id', 'overview_topic_product.product_id')
		.select([
			'overview_topic_product.topic_id',
			'overview_topic_product.product_id',
			'product.name'
		])
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.execute();
}

export interface TopicValues {
	name: string;
	name_sort: string;
	description: string;
	position: number;
	search_phrases: string;
	updated_at: string;
}

export async function insertTopic(db: Db, values: TopicValues): Promise<number> {
	const row = await db
		.insertInto('overview_topic')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateTopicRow(db: Db, id: number, values: TopicValues): Promise<void> {
	await db.updateTable('overview_topic').set(values).where('id', '=', id).execute();
}

export async function deleteTopicRow(db: Db, id: number): Promise<boolean> {
	const result = await db.deleteFrom('overview_topic').where('id', '=', id).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Replaces a topic's tags and products. */
export async function replaceTopicMatchers(
	db: Db,
	id: number,
	tags: readonly { tag: string; tag_sort: string }[],
	productIds: readonly number[]
): Promise<void> {
	await db.deleteFrom('overview_topic_tag').where('topic_id', '=', id).execute();
	await db.deleteFrom('overview_topic_product').where('topic_id', '=', id).execute();
	if (tags.length > 0) {
		await db
			.insertInto('overview_topic_tag')
			.values(tags.map((tag) => ({ topic_id: id, ...tag })))
			.execute();
	}
	if (productIds.length > 0) {
		await db
			.insertInto('overview_topic_product')
			.values(productIds.map((product_id) => ({ topic_id: id, product_id })))
			.execute();
	}
}

/** Of `ids`, those that name products in the register (not deleted). */
export async function findExistingProductIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('product')
		.select('id')
		.where('id', 'in', [...ids])
		.where('deleted_at', 'is', null)
		.execute();
	return new Set(rows.map((row) => row.id));
}

/** Products by exact name (the shipped topic list names them). */
export async function findProductIdsByName(
	db: Db,
	names: readonly string[]
): Promise<Map<string, number>> {
	if (names.length === 0) return new Map();
	const rows = await db
		.selectFrom('product')
		.select(['id', 'name'])
		.where('name', 'in', [...names])
		.where('deleted_at', 'is', null)
		.execute();
	return new Map(rows.map((row) => [row.name, row.id]));
}

export async function countTopics(db: Db): Promise<number> {
	const row = await db
		.selectFrom('overview_topic')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
