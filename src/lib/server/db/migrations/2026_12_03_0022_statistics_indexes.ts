import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the network statistics (overview/statistics.repository.ts), which read every
 * visible project. Without them SQLite reads the wide project rows (texts, Markdown) one by one:
 * 2–4 s for 100,000 projects. With them each query reads only narrow index entries.
 * - Projects by visibility with what the statistics count (status, topic field, hours, year of
 *   entry); partial like the list's index, so a count per visibility is an index-only scan.
 * - Status changes per project in date and entry order with the status: the window that
 *   rebuilds the status at each year's end reads the index alone, already in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createIndex('project_statistics_idx')
		.on('project')
		.columns([
			'visibility',
			'status',
			'topic_field_key',
			'hours_saved_per_year',
			'created_at',
			'id'
		])
		.where(sql.ref('deleted_at'), 'is', null)
		.execute();
	await db.schema
		.createIndex('project_status_change_status_idx')
		.on('project_status_change')
		.columns(['project_id', 'changed_on', 'id', 'status'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('project_status_change_status_idx').execute();
	await db.schema.dropIndex('project_statistics_idx').execute();
}
