import type { Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Guests without an account who register for a public event: one row per event and e-mail
 * address. The address is confirmed by a mailed single-use link (SHA-256 of the token, with an
 * expiry); only then does the guest get a registration (event_registration.guest_id), counted
 * with the members' under the event's lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('event_guest')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('organisation', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('confirm_token_hash', 'text')
		.addColumn('confirm_expires_at', timestampType(db))
		.addColumn('confirmed_at', timestampType(db))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addUniqueConstraint('event_guest_email_unique', ['event_id', 'email'])
		.execute();
	await db.schema
		.createIndex('event_guest_token_idx')
		.on('event_guest')
		.columns(['confirm_token_hash'])
		.execute();
	await db.schema
		.alterTable('event_registration')
		.addColumn('guest_id', 'integer', (c) => c.references('event_guest.id').onDelete('cascade'))
		.execute();
	await db.schema
		.createIndex('event_registration_guest_unique')
		.on('event_registration')
		.columns(['guest_id'])
		.unique()
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('event_registration_guest_unique').execute();
	await db.schema.alterTable('event_registration').dropColumn('guest_id').execute();
	await db.schema.dropTable('event_guest').execute();
}
