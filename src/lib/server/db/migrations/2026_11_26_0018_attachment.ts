import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	timestampType
} from '../migration-helpers';

/**
 * Files attached to a project. The bytes live in the file store (attachments/storage) under
 * `storage_key`; the row holds what was checked on upload: the media type detected from the
 * content, the size and a SHA-256 of the bytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('attachment')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('storage_key', 'text', (c) => c.notNull().unique())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('title', 'text')
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('uploaded_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('deleted_at', timestampType(db))
		.addCheckConstraint('attachment_size_check', sql`size_bytes > 0`)
		.execute();
	await db.schema
		.createIndex('attachment_project_idx')
		.on('attachment')
		.columns(['project_id', 'created_at'])
		.execute();
	await addContentVersionTriggers(db, ['attachment']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('attachment').execute();
}
