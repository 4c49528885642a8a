import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, timestampType } from '../migration-helpers';

/**
 * Discussions ("Austausch", decision 0026): threads in a category (a catalogue domain) or attached
 * to a subject (project, product, idea, event), posts stored with their rendered HTML, earlier
 * versions of edited posts, and reports of posts to the coordination.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('discussion')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('domain_id', 'integer', (c) => c.references('domain.id').onDelete('set null'))
		.addColumn('subject_type', 'text')
		.addColumn('subject_id', 'integer')
		.addColumn('author_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		/** A reply of this thread; no foreign key (the post table refers to this one). */
		.addColumn('accepted_post_id', 'integer')
		.addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_post_at', timestampType(db), (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint('discussion_kind_check', sql`kind in ('discussion', 'question')`)
		.addCheckConstraint(
			'discussion_subject_check',
			sql`(subject_type is null) = (subject_id is null)`
		)
		.execute();
	await db.schema
		.createIndex('discussion_last_post_idx')
		.on('discussion')
		.columns(['last_post_at', 'id'])
		.execute();
	await db.schema
		.createIndex('discussion_subject_idx')
		.on('discussion')
		.columns(['subject_type', 'subject_id', 'last_post_at'])
		.execute();
	await db.schema
		.createIndex('discussion_domain_idx')
		.on('discussion')
		.columns(['domain_id', 'last_post_at'])
		.execute();

	await db.schema
		.createTable('discussion_post')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('discussion_id', 'integer', (c) =>
			c.notNull().references('discussion.id').onDelete('cascade')
		)
		.addColumn('author_person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		/** The thread's opening post (the question itself); every other post is a reply. */
		.addColumn('is_opening', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('body_source', 'text', (c) => c.notNull())
		/** renderMarkdown of the source with mentions linked, written with the source. */
		.addColumn('body_html', 'text', (c) => c.notNull())
		.addColumn('edited_at', timestampType(db))
		.addColumn('hidden_at', timestampType(db))
		.addColumn('hidden_reason', 'text')
		.addColumn('hidden_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('discussion_post_thread_idx')
		.on('discussion_post')
		.columns(['discussion_id', 'id'])
		.execute();

	await db.schema
		.createTable('discussion_post_revision')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('post_id', 'integer', (c) =>
			c.notNull().references('discussion_post.id').onDelete('cascade')
		)
		.addColumn('body_source', 'text', (c) => c.notNull())
		.addColumn('body_html', 'text', (c) => c.notNull())
		/** When this version was written (the post's creation or an earlier edit). */
		.addColumn('written_at', timestampType(db), (c) => c.notNull())
		/** When it was replaced by the next version. */
		.addColumn('replaced_at', timestampType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('discussion_post_revision_post_idx')
		.on('discussion_post_revision')
		.columns(['post_id', 'id'])
		.execute();

	await db.schema
		.createTable('discussion_report')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('post_id', 'integer', (c) =>
			c.notNull().references('discussion_post.id').onDelete('cascade')
		)
		.addColumn('reporter_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		.addColumn('decided_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('decided_at', timestampType(db))
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint(
			'discussion_report_status_check',
			sql`status in ('open', 'dismissed', 'hidden')`
		)
		.execute();
	await db.schema
		.createIndex('discussion_report_status_idx')
		.on('discussion_report')
		.columns(['status', 'id'])
		.execute();
	await db.schema
		.createIndex('discussion_report_post_idx')
		.on('discussion_report')
		.columns(['post_id', 'status'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('discussion_report').execute();
	await db.schema.dropTable('discussion_post_revision').execute();
	await db.schema.dropTable('discussion_post').execute();
	await db.schema.dropTable('discussion').execute();
}
