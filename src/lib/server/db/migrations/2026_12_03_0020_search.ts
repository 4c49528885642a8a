import type { Kysely } from 'kysely';
import { addContentVersionTriggers, idColumn, timestampType } from '../migration-helpers';

/**
 * The search index (decision 0021): one posting per record and term with the term's weight in
 * that record, written in the same transaction as the record; the vocabulary of surface words
 * with their stems (for compound splitting and typo tolerance); settings such as the edited
 * synonym list and the analyser version the index was built with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('search_posting')
		.addColumn('doc_type', 'text', (c) => c.notNull())
		.addColumn('ref_id', 'integer', (c) => c.notNull())
		.addColumn('term', 'text', (c) => c.notNull())
		.addColumn('weight', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('search_posting_pk', ['term', 'doc_type', 'ref_id'])
		.execute();
	// Impact order: a term's postings by weight, read from the top until enough are found.
	await db.schema
		.createIndex('search_posting_impact')
		.on('search_posting')
		.columns(['term', 'doc_type', 'weight', 'ref_id'])
		.execute();
	await db.schema
		.createIndex('search_posting_record')
		.on('search_posting')
		.columns(['doc_type', 'ref_id'])
		.execute();

	await db.schema
		.createTable('search_word')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('word', 'text', (c) => c.notNull().unique())
		.addColumn('stem', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('search_setting')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('updated_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.execute();
	// An edited synonym list changes public search results: cached pages must not outlive it.
	await addContentVersionTriggers(db, ['search_setting']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	// Dropping the table drops its triggers on both dialects.
	await db.schema.dropTable('search_setting').execute();
	await db.schema.dropTable('search_word').execute();
	await db.schema.dropTable('search_posting').execute();
}
