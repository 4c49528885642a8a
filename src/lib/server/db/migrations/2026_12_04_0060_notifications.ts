import type { Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Per-person notifications made from notification events, and each person's mail choice
 * (decision 0027).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('notification')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('event_id', 'integer', (c) =>
			c.notNull().references('notification_event.id').onDelete('cascade')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('read_at', timestampType(db))
		// Set once the notification went into a mail (per event or digest): never mailed twice.
		.addColumn('mailed_at', timestampType(db))
		.addUniqueConstraint('notification_person_event_uq', ['person_id', 'event_id'])
		.execute();
	await db.schema
		.createIndex('notification_person_idx')
		.on('notification')
		.columns(['person_id', 'id'])
		.execute();
	await db.schema
		.createIndex('notification_unread_idx')
		.on('notification')
		.columns(['person_id', 'read_at'])
		.execute();
	await db.schema
		.createIndex('notification_unmailed_idx')
		.on('notification')
		.columns(['mailed_at', 'created_at'])
		.execute();
	await db.schema
		.createTable('notification_preference')
		.addColumn('person_id', 'integer', (c) =>
			c.primaryKey().references('person.id').onDelete('cascade')
		)
		// `event`, `daily`, `weekly` or `none`; in-app notifications are always made.
		.addColumn('mail_mode', 'text', (c) => c.notNull())
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('notification_preference').execute();
	await db.schema.dropTable('notification').execute();
}
