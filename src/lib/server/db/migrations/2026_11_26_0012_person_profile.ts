import { sql, type Kysely } from 'kysely';
import { jsonType, sortKeyType } from '../migration-helpers';

/**
 * People's profiles for the directory: function (already `job_title`), phone, a short text,
 * expertise and "ansprechbar für" topics, who may see e-mail and phone, the opt-in to the
 * directory (off by default: privacy by default, GDPR Art. 25) and notification settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	// SQLite adds one column per statement.
	await db.schema.alterTable('person').addColumn('phone', 'text').execute();
	await db.schema
		.alterTable('person')
		.addColumn('email_visibility', 'text', (c) =>
			c
				.notNull()
				.defaultTo('hidden')
				.check(sql`email_visibility in ('network', 'municipality', 'hidden')`)
		)
		.execute();
	await db.schema
		.alterTable('person')
		.addColumn('phone_visibility', 'text', (c) =>
			c
				.notNull()
				.defaultTo('hidden')
				.check(sql`phone_visibility in ('network', 'municipality', 'hidden')`)
		)
		.execute();
	await db.schema
		.alterTable('person')
		.addColumn('is_listed', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
	await db.schema.alterTable('person').addColumn('about', 'text').execute();
	// German sort key of display_name (germanSortKey), written with the name by the profile.
	await db.schema
		.alterTable('person')
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.alterTable('person')
		.addColumn('notification_settings_json', jsonType(db), (c) => c.notNull().defaultTo(sql`'{}'`))
		.execute();
	await db.schema
		.alterTable('person')
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
	await db.schema
		.createIndex('person_listed_name_idx')
		.on('person')
		.columns(['is_listed', 'name_sort'])
		.execute();

	await db.schema
		.createTable('person_expertise')
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('tag', 'text', (c) => c.notNull())
		.addColumn('tag_sort', sortKeyType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('person_expertise_pkey', ['person_id', 'tag_sort'])
		.execute();
	await db.schema
		.createIndex('person_expertise_tag_idx')
		.on('person_expertise')
		.column('tag_sort')
		.execute();

	await db.schema
		.createTable('person_topic')
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('topic_sort', sortKeyType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('person_topic_pkey', ['person_id', 'topic_sort'])
		.execute();
	await db.schema
		.createIndex('person_topic_topic_idx')
		.on('person_topic')
		.column('topic_sort')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('person_topic').execute();
	await db.schema.dropTable('person_expertise').execute();
	await db.schema.dropIndex('person_listed_name_idx').execute();
	for (const column of [
		'is_demo',
		'notification_settings_json',
		'name_sort',
		'about',
		'is_listed',
		'phone_visibility',
		'email_visibility',
		'phone'
	]) {
		await db.schema.alterTable('person').dropColumn(column).execute();
	}
}
