import type { Kysely } from 'kysely';
import { timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('seed_run')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('seeded_at', timestampType(db), (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('seed_run').execute();
}
