import { sql, type Kysely } from 'kysely';
import { createdAtColumn, idColumn, jsonType, timestampType } from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text')
		.addColumn('headers_json', jsonType(db), (c) => c.notNull())
		.addColumn('message_id', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', timestampType(db), (c) => c.notNull())
		.addColumn('locked_until', timestampType(db))
		.addColumn('last_error', 'text')
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('sent_at', timestampType(db))
		// Unique, and NULL for mails that need no protection: both dialects allow many NULLs.
		.addColumn('dedupe_key', 'text', (c) => c.unique())
		.addCheckConstraint(
			'mail_outbox_status_check',
			// Kept as literal SQL so the frozen migration does not change with the code.
			sql`status in ('pending', 'sending', 'sent', 'failed')`
		)
		.execute();

	// The worker looks only at due pending mail and at expired leases. Partial indexes stay
	// small however many sent mails pile up (both dialects support them).
	await db.schema
		.createIndex('mail_outbox_due_idx')
		.on('mail_outbox')
		.columns(['next_attempt_at', 'id'])
		.where(sql.ref('status'), '=', 'pending')
		.execute();
	await db.schema
		.createIndex('mail_outbox_lease_idx')
		.on('mail_outbox')
		.columns(['locked_until', 'id'])
		.where(sql.ref('status'), '=', 'sending')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('mail_outbox').execute();
}
