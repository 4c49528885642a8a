import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Prioritisation rounds: the coordination opens a round over some ideas; each member
 * municipality distributes at most `points_per_municipality` points across them (one allocation
 * per municipality, changeable while the round is open).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('idea_round')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('points_per_municipality', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		.addColumn('created_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('closed_at', timestampType(db))
		.addCheckConstraint('idea_round_status_check', sql`status in ('open', 'closed')`)
		.addCheckConstraint('idea_round_points_check', sql`points_per_municipality > 0`)
		.execute();

	await db.schema
		.createTable('idea_round_idea')
		.addColumn('round_id', 'integer', (c) =>
			c.notNull().references('idea_round.id').onDelete('cascade')
		)
		.addColumn('idea_id', 'integer', (c) => c.notNull().references('idea.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('idea_round_idea_pk', ['round_id', 'idea_id'])
		.execute();

	await db.schema
		.createTable('idea_round_allocation')
		.addColumn('round_id', 'integer', (c) =>
			c.notNull().references('idea_round.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('idea_id', 'integer', (c) => c.notNull().references('idea.id').onDelete('cascade'))
		.addColumn('points', 'integer', (c) => c.notNull())
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('idea_round_allocation_pk', ['round_id', 'municipality_id', 'idea_id'])
		.addCheckConstraint('idea_round_allocation_points_check', sql`points > 0`)
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('idea_round_allocation').execute();
	await db.schema.dropTable('idea_round_idea').execute();
	await db.schema.dropTable('idea_round').execute();
}
