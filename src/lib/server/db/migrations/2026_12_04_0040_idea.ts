import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * The idea pool (decision 0025): an idea states a problem, a proposed solution and the expected
 * benefit, on behalf of a member municipality. Member municipalities support it ("Wir wären
 * dabei"), once each. Every change of state is kept with who, when and why. An implemented idea
 * points to the joint project it became.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('idea')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('problem', 'text', (c) => c.notNull())
		.addColumn('solution', 'text', (c) => c.notNull())
		.addColumn('benefit', 'text', (c) => c.notNull())
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('author_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
		.addColumn('project_id', 'integer', (c) =>
			c.unique().references('project.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		/** Last post, support or change of state: the "activity" order of the pool. */
		.addColumn('last_activity_at', timestampType(db), (c) => c.notNull())
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint(
			'idea_status_check',
			sql`status in ('new', 'in_review', 'accepted', 'implemented', 'rejected')`
		)
		.execute();
	await db.schema.createIndex('idea_status_idx').on('idea').columns(['status']).execute();
	// Project pages ask "did this come from an idea?"; a project comes from one idea at most.
	await db.schema
		.createIndex('idea_project_idx')
		.unique()
		.on('idea')
		.columns(['project_id'])
		.execute();

	await db.schema
		.createTable('idea_support')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('idea_id', 'integer', (c) => c.notNull().references('idea.id').onDelete('cascade'))
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('comment', 'text', (c) => c.notNull())
		/** Who would work on it, as the supporter names them (free text). */
		.addColumn('contributors', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.execute();
	// Once per municipality, also when two of its people click at the same moment.
	await db.schema
		.createIndex('idea_support_once_idx')
		.unique()
		.on('idea_support')
		.columns(['idea_id', 'municipality_id'])
		.execute();

	await db.schema
		.createTable('idea_state_change')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('idea_id', 'integer', (c) => c.notNull().references('idea.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('reason', 'text')
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('idea_state_change_idea_idx')
		.on('idea_state_change')
		.columns(['idea_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('idea_state_change').execute();
	await db.schema.dropTable('idea_support').execute();
	await db.schema.dropTable('idea').execute();
}
