import type { Kysely } from 'kysely';
import { createdAtColumn, idColumn, jsonType, timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('activity')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('municipality_id', 'integer', (c) =>
			c.references('municipality.id').onDelete('cascade')
		)
		.addColumn('occurred_at', timestampType(db), (c) => c.notNull())
		.addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('details_json', jsonType(db), (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();
	await db.schema
		.createIndex('activity_occurred_idx')
		.on('activity')
		.columns(['occurred_at', 'id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('activity').execute();
}
