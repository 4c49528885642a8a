import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('network')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('short_name', 'text', (c) => c.notNull())
		.addColumn('region', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('contact_email', 'text', (c) => c.notNull())
		.addColumn('contact_phone', 'text', (c) => c.notNull())
		.addColumn('postal_address', 'text', (c) => c.notNull())
		.addColumn('imprint_md', 'text', (c) => c.notNull())
		.addColumn('privacy_md', 'text', (c) => c.notNull())
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint('network_single_row_check', sql`id = 1`)
		.execute();

	await db.schema
		.createTable('data_source')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('topic', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('licence', 'text', (c) => c.notNull())
		.addColumn('licence_url', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('data_source').execute();
	await db.schema.dropTable('network').execute();
}
