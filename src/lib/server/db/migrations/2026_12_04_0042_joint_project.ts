import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	dateType,
	idColumn,
	isPostgres,
	timestampType
} from '../migration-helpers';

/**
 * The parts of a joint project (a catalogue project that came from an idea): milestones with a
 * due date and status, progress updates (markdown) and the people working on it with their role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('project_milestone')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('due_on', dateType(db))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint(
			'project_milestone_status_check',
			sql`status in ('planned', 'in_progress', 'reached', 'postponed')`
		)
		.execute();
	await db.schema
		.createIndex('project_milestone_project_idx')
		.on('project_milestone')
		.columns(['project_id', 'position'])
		.execute();

	await db.schema
		.createTable('project_update')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('author_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('body_md', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('project_update_project_idx')
		.on('project_update')
		.columns(['project_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('project_member')
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addPrimaryKeyConstraint('project_member_pk', ['project_id', 'person_id'])
		.execute();
	// They show on project pages, which visitors may see from the page cache; so does the title of
	// the idea a project came from.
	await addContentVersionTriggers(db, [
		'project_milestone',
		'project_update',
		'project_member',
		'idea'
	]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) {
		await sql`drop trigger idea_content_version on idea`.execute(db);
	} else {
		for (const event of ['insert', 'update', 'delete']) {
			await sql`drop trigger ${sql.raw(`idea_content_version_${event}`)}`.execute(db);
		}
	}
	await db.schema.dropTable('project_member').execute();
	await db.schema.dropTable('project_update').execute();
	await db.schema.dropTable('project_milestone').execute();
}
