import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	timestampType
} from '../migration-helpers';

/**
 * The programme of an event: sessions with times, rooms and speakers, and pitches of catalogue
 * projects. A pitch is proposed by a member (`proposed`, no times yet) and accepted into the
 * programme by the coordination, which gives it its times; sessions are `accepted` from the start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('event_session')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('event_id', 'integer', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('starts_at', timestampType(db))
		.addColumn('ends_at', timestampType(db))
		.addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('speakers', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('project_id', 'integer', (c) => c.references('project.id').onDelete('cascade'))
		.addColumn('presenter_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('recording_url', 'text')
		/** When the pitch was accepted: its reuse requests are counted from then on. */
		.addColumn('accepted_at', timestampType(db))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint('event_session_kind_check', sql`kind in ('session', 'pitch')`)
		.addCheckConstraint(
			'event_session_status_check',
			sql`status in ('proposed', 'accepted', 'declined')`
		)
		.addCheckConstraint(
			'event_session_pitch_check',
			sql`(kind = 'pitch') = (project_id is not null)`
		)
		.addCheckConstraint(
			'event_session_times_check',
			sql`(status <> 'accepted' or (starts_at is not null and ends_at > starts_at))`
		)
		.execute();
	await db.schema
		.createIndex('event_session_event_idx')
		.on('event_session')
		.columns(['event_id', 'status', 'starts_at'])
		.execute();
	await db.schema
		.createIndex('event_session_project_idx')
		.on('event_session')
		.columns(['project_id'])
		.execute();
	// One proposal or pitch per project and event.
	await db.schema
		.createIndex('event_session_pitch_unique')
		.unique()
		.on('event_session')
		.columns(['event_id', 'project_id'])
		.where(sql.raw<boolean>(`project_id is not null and status <> 'declined'`))
		.execute();

	await db.schema
		.createTable('event_pitch_rating')
		.addColumn('session_id', 'integer', (c) =>
			c.notNull().references('event_session.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('stars', 'integer', (c) => c.notNull())
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('event_pitch_rating_pk', ['session_id', 'person_id'])
		.addCheckConstraint('event_pitch_rating_stars_check', sql`stars between 1 and 5`)
		.execute();
	await addContentVersionTriggers(db, ['event_session']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('event_pitch_rating').execute();
	await db.schema.dropTable('event_session').execute();
}
