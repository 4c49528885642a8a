import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Registrations for events: `confirmed` holds a place, `waiting` queues by `queued_at`,
 * `cancelled` keeps the row so a person who registers again reuses it. One row per person and
 * event; the capacity is checked under a lock on the event row (see event.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('event_registration')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('event.id').onDelete('cascade'))
		// Null for a guest's registration (guest_id, added with event_guest in 0034).
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('queued_at', timestampType(db), (c) => c.notNull())
		// When the reminder a day before was queued: the reminder loop skips these rows.
		.addColumn('reminded_at', timestampType(db))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint(
			'event_registration_status_check',
			sql`status in ('confirmed', 'waiting', 'cancelled')`
		)
		.addUniqueConstraint('event_registration_person_unique', ['event_id', 'person_id'])
		.execute();
	await db.schema
		.createIndex('event_registration_status_idx')
		.on('event_registration')
		.columns(['event_id', 'status', 'queued_at'])
		.execute();
	await db.schema
		.createIndex('event_registration_person_idx')
		.on('event_registration')
		.columns(['person_id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('event_registration').execute();
}
