import { sql, type Kysely } from 'kysely';
import { idColumn, jsonType, timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('occurred_at', timestampType(db), (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		// No foreign key yet: the person table comes with identity and access.
		.addColumn('actor_person_id', 'integer')
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text')
		.addColumn('subject_id', 'integer')
		// The log outlives what it describes: a deleted municipality leaves its events behind.
		.addColumn('municipality_id', 'integer', (c) =>
			c.references('municipality.id').onDelete('set null')
		)
		.addColumn('ip_address', 'text')
		.addColumn('user_agent', 'text')
		.addColumn('details_json', jsonType(db), (c) => c.notNull())
		.addCheckConstraint(
			'audit_event_subject_check',
			sql`subject_id is null or subject_type is not null`
		)
		.execute();

	// Newest first, all filters keyset-paginated by (occurred_at, id); the purge uses the first.
	await db.schema
		.createIndex('audit_event_occurred_idx')
		.on('audit_event')
		.columns(['occurred_at', 'id'])
		.execute();
	await db.schema
		.createIndex('audit_event_action_idx')
		.on('audit_event')
		.columns(['action', 'occurred_at', 'id'])
		.execute();
	await db.schema
		.createIndex('audit_event_actor_person_idx')
		.on('audit_event')
		.columns(['actor_person_id', 'occurred_at', 'id'])
		.execute();
	await db.schema
		.createIndex('audit_event_actor_label_idx')
		.on('audit_event')
		.columns(['actor_label', 'occurred_at', 'id'])
		.execute();
	await db.schema
		.createIndex('audit_event_municipality_idx')
		.on('audit_event')
		.columns(['municipality_id', 'occurred_at', 'id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('audit_event').execute();
}
