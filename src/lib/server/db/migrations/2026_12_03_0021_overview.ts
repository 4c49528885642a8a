import type { Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	sortKeyType,
	timestampType
} from '../migration-helpers';

/**
 * The network overview (decision 0022): the topics of the adoption matrix, which the
 * coordination maintains, each matched by tags, products and search phrases; and the times of
 * a person's last two visits, for "new since your last visit" on the front page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('overview_topic')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull().unique())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('position', 'integer', (c) => c.notNull())
		/** Search phrases, one per line; a project matches when it matches any of them. */
		.addColumn('search_phrases', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('overview_topic_tag')
		.addColumn('topic_id', 'integer', (c) =>
			c.notNull().references('overview_topic.id').onDelete('cascade')
		)
		.addColumn('tag', 'text', (c) => c.notNull())
		.addColumn('tag_sort', sortKeyType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('overview_topic_tag_pk', ['topic_id', 'tag_sort'])
		.execute();

	await db.schema
		.createTable('overview_topic_product')
		.addColumn('topic_id', 'integer', (c) =>
			c.notNull().references('overview_topic.id').onDelete('cascade')
		)
		.addColumn('product_id', 'integer', (c) =>
			c.notNull().references('product.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('overview_topic_product_pk', ['topic_id', 'product_id'])
		.execute();

	// Topics change what every public overview shows.
	await addContentVersionTriggers(db, [
		'overview_topic',
		'overview_topic_tag',
		'overview_topic_product'
	]);

	// Not among the columns whose change bumps the content version (migration 0019).
	await db.schema.alterTable('person').addColumn('last_visit_at', timestampType(db)).execute();
	await db.schema.alterTable('person').addColumn('previous_visit_at', timestampType(db)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('person').dropColumn('previous_visit_at').execute();
	await db.schema.alterTable('person').dropColumn('last_visit_at').execute();
	await db.schema.dropTable('overview_topic_product').execute();
	await db.schema.dropTable('overview_topic_tag').execute();
	await db.schema.dropTable('overview_topic').execute();
}
