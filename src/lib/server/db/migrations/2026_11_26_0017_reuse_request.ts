import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	timestampType
} from '../migration-helpers';

/**
 * Reuse requests ("Das wollen wir auch"): one municipality asks the owner of a project (or a
 * municipality that runs a product) to share it. States: open → in_discussion → adopted (linked
 * to the requester's own project) | declined | withdrawn. Every change of state is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('reuse_request')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('project_id', 'integer', (c) => c.references('project.id').onDelete('cascade'))
		.addColumn('product_id', 'integer', (c) => c.references('product.id').onDelete('cascade'))
		.addColumn('requesting_municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('requested_by_person_id', 'integer', (c) =>
			c.references('person.id').onDelete('set null')
		)
		/** The project's owner, or the municipality running the product that is asked. */
		.addColumn('owner_municipality_id', 'integer', (c) =>
			c.notNull().references('municipality.id').onDelete('cascade')
		)
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		/** Set when adopted: the requester's own project that took the wheel over. */
		.addColumn('result_project_id', 'integer', (c) =>
			c.references('project.id').onDelete('set null')
		)
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addColumn('closed_at', timestampType(db))
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addCheckConstraint(
			'reuse_request_status_check',
			sql`status in ('open', 'in_discussion', 'adopted', 'declined', 'withdrawn')`
		)
		.addCheckConstraint(
			'reuse_request_subject_check',
			sql`(project_id is null) <> (product_id is null)`
		)
		.addCheckConstraint(
			'reuse_request_parties_check',
			sql`requesting_municipality_id <> owner_municipality_id`
		)
		.execute();
	await db.schema
		.createIndex('reuse_request_owner_idx')
		.on('reuse_request')
		.columns(['owner_municipality_id', 'status'])
		.execute();
	await db.schema
		.createIndex('reuse_request_requester_idx')
		.on('reuse_request')
		.columns(['requesting_municipality_id', 'status'])
		.execute();
	await db.schema
		.createIndex('reuse_request_project_idx')
		.on('reuse_request')
		.columns(['project_id', 'status'])
		.execute();
	await db.schema
		.createIndex('reuse_request_product_idx')
		.on('reuse_request')
		.columns(['product_id', 'status'])
		.execute();

	// At most one active (open or in discussion) request per subject and requesting municipality,
	// also when two people of it ask at the same moment (the service answers CONFLICT).
	await db.schema
		.createIndex('reuse_request_active_project_idx')
		.unique()
		.on('reuse_request')
		.columns(['project_id', 'requesting_municipality_id'])
		.where(sql.raw<boolean>(`status in ('open', 'in_discussion') and project_id is not null`))
		.execute();
	await db.schema
		.createIndex('reuse_request_active_product_idx')
		.unique()
		.on('reuse_request')
		.columns(['product_id', 'requesting_municipality_id'])
		.where(sql.raw<boolean>(`status in ('open', 'in_discussion') and product_id is not null`))
		.execute();

	await db.schema
		.createTable('reuse_request_event')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('reuse_request_id', 'integer', (c) =>
			c.notNull().references('reuse_request.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('person_id', 'integer', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('note', 'text')
		.addColumn('created_at', timestampType(db), (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('reuse_request_event_request_idx')
		.on('reuse_request_event')
		.columns(['reuse_request_id', 'created_at'])
		.execute();
	// Counts of adopted requests show on public project pages.
	await addContentVersionTriggers(db, ['reuse_request']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('reuse_request_event').execute();
	await db.schema.dropTable('reuse_request').execute();
}
