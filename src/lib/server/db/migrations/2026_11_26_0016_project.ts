import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	dateType,
	idColumn,
	jsonType,
	sortKeyType,
	timestampType
} from '../migration-helpers';

/**
 * The project catalogue. A project belongs to one municipality (the owner) and may have partner
 * municipalities; its status history, tags, products used, contact people and links live in
 * their own tables; every edit leaves a revision (who changed which fields, when). Costs are
 * stored in euro cents. Deleting is soft (`deleted_at`) and can be undone by the coordination.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('project')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('title_sort', sortKeyType(db), (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('lessons_learned_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('restrict')
		)
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('domain_id', 'integer', (c) => c.references('domain.id').onDelete('set null'))
		.addColumn('topic_field_key', 'text', (c) => c.references('topic_field.key'))
		.addColumn('started_on', dateType(db))
		.addColumn('live_on', dateType(db))
		.addColumn('costs_once_cents', 'bigint')
		.addColumn('costs_yearly_cents', 'bigint')
		.addColumn('staff_effort', 'text')
		.addColumn('funding_programme', 'text')
		.addColumn('hours_saved_per_year', 'integer')
		.addColumn('cases_per_year', 'integer')
		.addColumn('visibility', 'text', (c) => c.notNull())
		.addColumn('has_partner_editing', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('deleted_at', timestampType(db))
		.addColumn('deleted_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint('project_title_check', sql`title <> ''`)
		.addCheckConstraint(
			'project_status_check',
			sql`status in ('idee', 'planung', 'umsetzung', 'betrieb', 'pausiert', 'eingestellt')`
		)
		.addCheckConstraint(
			'project_visibility_check',
			sql`visibility in ('public', 'network', 'draft')`
		)
		.addCheckConstraint(
			'project_costs_check',
			sql`(costs_once_cents is null or costs_once_cents >= 0) and (costs_yearly_cents is null or costs_yearly_cents >= 0)`
		)
		.execute();
	// The list: newest changes first, title order, and the usual filters.
	await db.schema
		.createIndex('project_updated_idx')
		.on('project')
		.columns(['deleted_at', 'updated_at'])
		.execute();
	await db.schema
		.createIndex('project_title_idx')
		.on('project')
		.columns(['deleted_at', 'title_sort'])
		.execute();
	await db.schema
		.createIndex('project_municipality_idx')
		.on('project')
		.columns(['municipality_id', 'deleted_at'])
		.execute();
	await db.schema.createIndex('project_status_idx').on('project').columns(['status']).execute();
	await db.schema
		.createIndex('project_topic_field_idx')
		.on('project')
		.columns(['topic_field_key'])
		.execute();
	await db.schema.createIndex('project_domain_idx').on('project').columns(['domain_id']).execute();
	// The list sorted by project start or go-live, newest first (SQLite reads these backwards).
	await db.schema
		.createIndex('project_started_idx')
		.on('project')
		.columns(['deleted_at', 'started_on', 'id'])
		.execute();
	await db.schema
		.createIndex('project_live_idx')
		.on('project')
		.columns(['deleted_at', 'live_on', 'id'])
		.execute();
	// The list as most people see it (visibility filter, not deleted), filtered by status and topic
	// field: the count from the index alone, the page in `updated_at, id` order without sorting.
	// Partial, so that PostgreSQL can use its order after the equality columns (see
	// docs/benchmarks.md).
	await db.schema
		.createIndex('project_visibility_idx')
		.on('project')
		.columns(['visibility', 'status', 'topic_field_key', 'updated_at', 'id'])
		.where(sql.ref('deleted_at'), 'is', null)
		.execute();
	// The API's keyset pages (newest change first, then id) whatever the filters.
	await db.schema
		.createIndex('project_recent_idx')
		.on('project')
		.columns(['updated_at', 'id'])
		.where(sql.ref('deleted_at'), 'is', null)
		.execute();

	await db.schema
		.createTable('project_partner')
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('project_partner_pkey', ['project_id', 'municipality_id'])
		.execute();
	await db.schema
		.createIndex('project_partner_municipality_idx')
		.on('project_partner')
		.columns(['municipality_id'])
		.execute();

	await db.schema
		.createTable('project_tag')
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('tag', 'text', (c) => c.notNull())
		.addColumn('tag_sort', sortKeyType(db), (c) => c.notNull())
		.addPrimaryKeyConstraint('project_tag_pkey', ['project_id', 'tag_sort'])
		.execute();
	await db.schema
		.createIndex('project_tag_tag_idx')
		.on('project_tag')
		.columns(['tag_sort'])
		.execute();

	await db.schema
		.createTable('project_product')
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('product_id', 'integer', (c) =>
			c.notNull().references('product.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('project_product_pkey', ['project_id', 'product_id'])
		.execute();
	await db.schema
		.createIndex('project_product_product_idx')
		.on('project_product')
		.columns(['product_id'])
		.execute();

	await db.schema
		.createTable('project_contact')
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) =>
			c.notNull().references('person.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('project_contact_pkey', ['project_id', 'person_id'])
		.execute();
	await db.schema
		.createIndex('project_contact_person_idx')
		.on('project_contact')
		.columns(['person_id'])
		.execute();

	await db.schema
		.createTable('project_link')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('project_link_project_idx')
		.on('project_link')
		.columns(['project_id'])
		.execute();

	await db.schema
		.createTable('project_status_change')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) => c.notNull())
		/** The day the project reached the status (may be told in hindsight). */
		.addColumn('changed_on', dateType(db), (c) => c.notNull())
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();
	await db.schema
		.createIndex('project_status_change_project_idx')
		.on('project_status_change')
		.columns(['project_id', 'changed_on'])
		.execute();

	await db.schema
		.createTable('project_revision')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) =>
			c.notNull().references('project.id').onDelete('cascade')
		)
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		/** Who, as they were named at the time (people can be deleted). */
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('changed_at', timestampType(db), (c) => c.notNull())
		/** `created`, `updated`, `deleted`, `restored`, `imported`. */
		.addColumn('action', 'text', (c) => c.notNull())
		/** [{ field, before, after }] for the fields that changed. */
		.addColumn('changes_json', jsonType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('project_revision_project_idx')
		.on('project_revision')
		.columns(['project_id', 'changed_at'])
		.execute();

	await addContentVersionTriggers(db, [
		'project',
		'project_partner',
		'project_tag',
		'project_product',
		'project_contact',
		'project_link',
		'project_status_change'
	]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'project_revision',
		'project_status_change',
		'project_link',
		'project_contact',
		'project_product',
		'project_tag',
		'project_partner',
		'project'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
