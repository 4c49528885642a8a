import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	dateType,
	idColumn,
	sortKeyType,
	timestampType
} from '../migration-helpers';

/**
 * The solutions register: vendors, their products, and which municipality uses which product at
 * which stage (adoption), with a contact and their experience. One adoption per product and
 * municipality; a product is deleted softly (its adoptions stay for the record).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('vendor')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull().unique())
		.addColumn('website', 'text')
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addCheckConstraint('vendor_name_check', sql`name <> ''`)
		.execute();

	await db.schema
		.createTable('product')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull())
		.addColumn('vendor_id', 'integer', (c) => c.references('vendor.id').onDelete('set null'))
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('website', 'text')
		.addColumn('is_open_source', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('licence', 'text')
		.addColumn('operator', 'text')
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('deleted_at', timestampType(db))
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint('product_name_check', sql`name <> ''`)
		.execute();
	await db.schema.createIndex('product_name_idx').on('product').columns(['name_sort']).execute();
	await db.schema.createIndex('product_vendor_idx').on('product').columns(['vendor_id']).execute();

	await db.schema
		.createTable('adoption')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('product_id', 'integer', (c) =>
			c.notNull().references('product.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('stage', 'text', (c) => c.notNull())
		.addColumn('since_on', dateType(db))
		/** What the municipality uses the product for, in its own words. */
		.addColumn('used_for', 'text')
		.addColumn('contact_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('rating', 'integer')
		.addColumn('experience', 'text')
		.addColumn('created_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addUniqueConstraint('adoption_product_municipality_key', ['product_id', 'municipality_id'])
		.addCheckConstraint(
			'adoption_stage_check',
			sql`stage in ('interested', 'evaluating', 'pilot', 'live', 'stopped')`
		)
		.addCheckConstraint('adoption_rating_check', sql`rating is null or rating between 1 and 5`)
		.execute();
	await db.schema
		.createIndex('adoption_municipality_idx')
		.on('adoption')
		.columns(['municipality_id'])
		.execute();
	await addContentVersionTriggers(db, ['vendor', 'product', 'adoption']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('adoption').execute();
	await db.schema.dropTable('product').execute();
	await db.schema.dropTable('vendor').execute();
}
