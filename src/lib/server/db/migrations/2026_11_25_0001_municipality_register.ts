import { sql, type Kysely } from 'kysely';
import {
	createdAtColumn,
	dateType,
	doubleType,
	idColumn,
	timestampType,
	sortKeyType
} from '../migration-helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('association')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull())
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.execute();

	await db.schema
		.createTable('municipality')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('ags', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('association_id', 'integer', (c) =>
			c.references('association.id').onDelete('set null')
		)
		.addColumn('population', 'integer')
		.addColumn('population_date', dateType(db))
		.addColumn('area_km2', doubleType(db))
		.addColumn('latitude', doubleType(db))
		.addColumn('longitude', doubleType(db))
		.addColumn('website', 'text')
		.addColumn('membership_status', 'text', (c) => c.notNull().defaultTo('none'))
		.addColumn('member_since', dateType(db))
		.addColumn('applied_on', dateType(db))
		.addColumn('is_founding_member', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('data_source', 'text')
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), (c) => c.notNull())
		.addCheckConstraint(
			'municipality_membership_status_check',
			// Kept as literal SQL so the frozen migration does not change with the code.
			sql`membership_status in ('member', 'applied', 'none')`
		)
		.execute();

	await db.schema
		.createIndex('municipality_name_sort_idx')
		.on('municipality')
		.columns(['name_sort', 'id'])
		.execute();
	await db.schema
		.createIndex('municipality_population_idx')
		.on('municipality')
		.columns(['population', 'id'])
		.execute();
	await db.schema
		.createIndex('municipality_association_idx')
		.on('municipality')
		.column('association_id')
		.execute();
	await db.schema
		.createIndex('municipality_membership_idx')
		.on('municipality')
		.columns(['membership_status', 'name_sort'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('municipality').execute();
	await db.schema.dropTable('association').execute();
}
