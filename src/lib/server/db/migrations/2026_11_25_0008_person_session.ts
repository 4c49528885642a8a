import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * People, their municipalities and their sessions. `audit_event.actor_person_id` stays without
 * a foreign key: SQLite can add one to an existing table only by rebuilding it, and the log must
 * outlive deleted people anyway (see decision 0010).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('person')
		.addColumn('id', 'integer', idColumn(db))
		// Stored trimmed and lower-cased (normaliseEmail), so the unique index is case-blind.
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('email_verified_at', timestampType(db))
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('job_title', 'text')
		.addColumn('password_hash', 'text')
		.addColumn('is_coordinator', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('last_sign_in_at', timestampType(db))
		.addColumn('deleted_at', timestampType(db))
		.addCheckConstraint('person_email_check', sql`email <> '' and email = trim(email)`)
		.execute();

	await db.schema
		.createTable('person_municipality')
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addPrimaryKeyConstraint('person_municipality_pkey', ['person_id', 'municipality_id'])
		.addCheckConstraint('person_municipality_role_check', sql`role in ('admin', 'member')`)
		.execute();
	// "Who belongs to this municipality" (the primary key serves the person's side).
	await db.schema
		.createIndex('person_municipality_municipality_idx')
		.on('person_municipality')
		.column('municipality_id')
		.execute();

	await db.schema
		.createTable('session')
		// SHA-256 (hex) of the token in the cookie; the token itself is never stored.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.addColumn('last_seen_at', timestampType(db), (c) => c.notNull())
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('idle_expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('ip_address', 'text')
		.addColumn('user_agent', 'text')
		.addCheckConstraint('session_id_check', sql`length(id) = 64`)
		.execute();
	await db.schema.createIndex('session_person_idx').on('session').column('person_id').execute();
	// The periodic purge deletes by absolute expiry.
	await db.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('session').execute();
	await db.schema.dropTable('person_municipality').execute();
	await db.schema.dropTable('person').execute();
}
