import type { Kysely } from 'kysely';
import { createdAtColumn, timestampType } from '../migration-helpers';

/**
 * A person's private calendar feed of their own registrations: one token per person, stored as
 * its SHA-256 hash; rotating replaces the row, so the old address stops working at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('calendar_feed_token')
		.addColumn('person_id', 'integer', (c) =>
			c.primaryKey().references('person.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('calendar_feed_token').execute();
}
