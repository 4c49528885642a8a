import { sql, type Kysely } from 'kysely';
import { timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('rate_limit_bucket')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('window_started_at', timestampType(db), (c) => c.notNull())
		.addColumn('blocked_until', timestampType(db))
		.addColumn('block_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint('rate_limit_bucket_counts_check', sql`count >= 0 and block_count >= 0`)
		.execute();
	// The periodic purge deletes by expiry.
	await db.schema
		.createIndex('rate_limit_bucket_expires_idx')
		.on('rate_limit_bucket')
		.column('expires_at')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('rate_limit_bucket').execute();
}
