import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	timestampType
} from '../migration-helpers';

/**
 * Events of the network (decision 0024): the annual conference, network meetings, workshops and
 * online sessions. Times are UTC instants; `time_zone` names the zone their wall-clock times were
 * entered in and are shown in (always Europe/Berlin for now).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('event')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('starts_at', timestampType(db), (c) => c.notNull())
		.addColumn('ends_at', timestampType(db), (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Berlin'))
		.addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('online_url', 'text')
		.addColumn('organiser_municipality_id', 'integer', (c) =>
			c.references('municipality.id').onDelete('set null')
		)
		.addColumn('created_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('audience', 'text', (c) => c.notNull())
		/** Null: no limit. */
		.addColumn('capacity', 'integer')
		.addColumn('is_call_for_pitches_open', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint(
			'event_kind_check',
			sql`kind in ('conference', 'network_meeting', 'workshop', 'online_session')`
		)
		.addCheckConstraint('event_audience_check', sql`audience in ('public', 'members')`)
		.addCheckConstraint('event_times_check', sql`ends_at > starts_at`)
		.addCheckConstraint('event_capacity_check', sql`capacity is null or capacity > 0`)
		.execute();
	await db.schema.createIndex('event_starts_idx').on('event').columns(['starts_at']).execute();
	await addContentVersionTriggers(db, ['event']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('event').execute();
}
