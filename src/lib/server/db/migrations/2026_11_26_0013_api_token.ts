import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Personal API tokens (decision 0013). Only the SHA-256 (hex) of a token is stored, unique so
 * that a request's token is found by one indexed lookup; the first characters after `ds_` stay
 * in clear so people can tell their tokens apart. Every token expires (at most a year after it
 * was made); a revoked one keeps its row, so the list shows what happened to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('api_token')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('token_prefix', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('last_used_at', timestampType(db))
		.addColumn('revoked_at', timestampType(db))
		.addCheckConstraint('api_token_scope_check', sql`scope in ('read', 'read_write')`)
		.addCheckConstraint('api_token_hash_check', sql`length(token_hash) = 64`)
		.addCheckConstraint('api_token_name_check', sql`name <> ''`)
		.execute();
	// "My tokens", newest first.
	await db.schema
		.createIndex('api_token_person_idx')
		.on('api_token')
		.columns(['person_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('api_token').execute();
}
