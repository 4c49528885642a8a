import type { Kysely } from 'kysely';
import { createdAtColumn, idColumn, jsonType, timestampType } from '../migration-helpers';

/**
 * Events that people may be notified of (decision 0023): written by the producing feature in its
 * own transaction, fanned out to followers and named recipients by the notification worker.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('notification_event')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('actor_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('audience', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('payload_json', jsonType(db), (c) => c.notNull())
		.addColumn('occurred_at', timestampType(db), (c) => c.notNull())
		.addColumn('fanned_out_at', timestampType(db))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();
	await db.schema
		.createIndex('notification_event_pending_idx')
		.on('notification_event')
		.columns(['fanned_out_at', 'id'])
		.execute();
	await db.schema
		.createTable('notification_event_subject')
		.addColumn('event_id', 'integer', (c) =>
			c.notNull().references('notification_event.id').onDelete('cascade')
		)
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_event_subject_pk', [
			'event_id',
			'subject_type',
			'subject_id'
		])
		.execute();
	await db.schema
		.createTable('notification_event_recipient')
		.addColumn('event_id', 'integer', (c) =>
			c.notNull().references('notification_event.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('reason', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_event_recipient_pk', ['event_id', 'person_id'])
		.execute();
	await db.schema
		.createTable('follow')
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addPrimaryKeyConstraint('follow_pk', ['person_id', 'subject_type', 'subject_id'])
		.execute();
	await db.schema
		.createIndex('follow_subject_idx')
		.on('follow')
		.columns(['subject_type', 'subject_id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('follow').execute();
	await db.schema.dropTable('notification_event_recipient').execute();
	await db.schema.dropTable('notification_event_subject').execute();
	await db.schema.dropTable('notification_event').execute();
}
