import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Account security: single-use links (e-mail verification, password reset), two-factor sign-in
 * (the person's sealed TOTP key, backup codes) and the short-lived challenge between the password
 * and the second factor. Every secret is stored only as a hash or sealed (see secrets.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('account_token')
		.addColumn('id', 'integer', idColumn(db))
		// SHA-256 (hex) of the token in the link; the token itself is never stored.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		// The address the link was sent to: for an address change, the new one.
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('used_at', timestampType(db))
		.addCheckConstraint(
			'account_token_purpose_check',
			sql`purpose in ('verify_email', 'reset_password')`
		)
		.addCheckConstraint('account_token_hash_check', sql`length(token_hash) = 64`)
		.execute();
	await db.schema
		.createIndex('account_token_person_idx')
		.on('account_token')
		.columns(['person_id', 'purpose'])
		.execute();

	// SQLite adds one column per statement.
	await db.schema.alterTable('person').addColumn('two_factor_secret', 'text').execute();
	await db.schema
		.alterTable('person')
		.addColumn('two_factor_enabled_at', timestampType(db))
		.execute();
	await db.schema.alterTable('person').addColumn('two_factor_last_step', 'integer').execute();

	await db.schema
		.createTable('backup_code')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		// HMAC-SHA-256 under the installation's key (see backup-code.ts).
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('used_at', timestampType(db))
		.execute();
	await db.schema
		.createIndex('backup_code_person_hash_idx')
		.on('backup_code')
		.columns(['person_id', 'code_hash'])
		.unique()
		.execute();

	await db.schema
		.createTable('sign_in_challenge')
		// SHA-256 (hex) of the token in the short-lived challenge cookie.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addCheckConstraint('sign_in_challenge_id_check', sql`length(id) = 64`)
		.execute();
	await db.schema
		.createIndex('sign_in_challenge_person_idx')
		.on('sign_in_challenge')
		.column('person_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('sign_in_challenge').execute();
	await db.schema.dropTable('backup_code').execute();
	await db.schema.alterTable('person').dropColumn('two_factor_last_step').execute();
	await db.schema.alterTable('person').dropColumn('two_factor_enabled_at').execute();
	await db.schema.alterTable('person').dropColumn('two_factor_secret').execute();
	await db.schema.dropTable('account_token').execute();
}
