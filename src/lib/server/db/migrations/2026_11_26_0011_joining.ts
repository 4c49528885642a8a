import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Joining the network: invitations (single-use links, stored only as the SHA-256 of their token)
 * and membership applications from the public form. An invitation or application may cover
 * several municipalities of one administrative association (VVG/GVV), hence the join tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('invitation')
		.addColumn('id', 'integer', idColumn(db))
		// SHA-256 (hex) of the token in the link; the token itself is never stored.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		// Normalised like person.email, so acceptance compares like with like.
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('display_name', 'text')
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('invited_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('expires_at', timestampType(db), (c) => c.notNull())
		.addColumn('accepted_at', timestampType(db))
		.addColumn('accepted_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('revoked_at', timestampType(db))
		.addCheckConstraint('invitation_role_check', sql`role in ('admin', 'member')`)
		.addCheckConstraint('invitation_token_hash_check', sql`length(token_hash) = 64`)
		.addCheckConstraint('invitation_email_check', sql`email <> '' and email = trim(email)`)
		.execute();
	// "Open invitations for this address" (per-recipient listing and the coordinator's list).
	await db.schema.createIndex('invitation_email_idx').on('invitation').column('email').execute();

	await db.schema
		.createTable('invitation_municipality')
		.addColumn('invitation_id', 'integer', (c) =>
			c.notNull().references('invitation.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('invitation_municipality_pkey', ['invitation_id', 'municipality_id'])
		.execute();
	await db.schema
		.createIndex('invitation_municipality_municipality_idx')
		.on('invitation_municipality')
		.column('municipality_id')
		.execute();

	await db.schema
		.createTable('membership_application')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('contact_name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('job_title', 'text')
		.addColumn('phone', 'text')
		.addColumn('message', 'text')
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
		.addColumn('decision_reason', 'text')
		.addColumn('decided_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('decided_at', timestampType(db))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addCheckConstraint(
			'membership_application_status_check',
			sql`status in ('pending', 'accepted', 'rejected')`
		)
		.execute();
	await db.schema
		.createIndex('membership_application_status_idx')
		.on('membership_application')
		.columns(['status', 'created_at'])
		.execute();

	await db.schema
		.createTable('membership_application_municipality')
		.addColumn('application_id', 'integer', (c) =>
			c.notNull().references('membership_application.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('membership_application_municipality_pkey', [
			'application_id',
			'municipality_id'
		])
		.execute();
	await db.schema
		.createIndex('membership_application_municipality_municipality_idx')
		.on('membership_application_municipality')
		.column('municipality_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('membership_application_municipality').execute();
	await db.schema.dropTable('membership_application').execute();
	await db.schema.dropTable('invitation_municipality').execute();
	await db.schema.dropTable('invitation').execute();
}
