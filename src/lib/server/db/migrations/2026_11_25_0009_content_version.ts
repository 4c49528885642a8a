import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers';

/**
 * A counter that every change to public content bumps, kept by triggers so that no write path can
 * forget it. Rendered public pages are cached under this number (see web/page-cache.ts): a change
 * made through any instance is visible on every instance at the next request.
 */
const TABLES = ['municipality', 'association', 'network', 'activity', 'data_source'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('content_version')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.addCheckConstraint('content_version_single_row_check', sql`id = 1`)
		.execute();
	await sql`insert into content_version (id, version) values (1, 0)`.execute(db);

	if (isPostgres(db)) {
		await sql`
			create function bump_content_version() returns trigger language plpgsql as $$
			begin
				update content_version set version = version + 1 where id = 1;
				return null;
			end
			$$`.execute(db);
		for (const table of TABLES) {
			await sql`
				create trigger ${sql.raw(`${table}_content_version`)}
				after insert or update or delete on ${sql.table(table)}
				for each statement execute function bump_content_version()`.execute(db);
		}
		return;
	}
	for (const table of TABLES) {
		for (const event of ['insert', 'update', 'delete'] as const) {
			await sql`
				create trigger ${sql.raw(`${table}_content_version_${event}`)}
				after ${sql.raw(event)} on ${sql.table(table)}
				begin
					update content_version set version = version + 1 where id = 1;
				end`.execute(db);
		}
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) {
		for (const table of TABLES) {
			await sql`drop trigger ${sql.raw(`${table}_content_version`)} on ${sql.table(table)}`.execute(
				db
			);
		}
		await sql`drop function bump_content_version()`.execute(db);
	} else {
		for (const table of TABLES) {
			for (const event of ['insert', 'update', 'delete'] as const) {
				await sql`drop trigger ${sql.raw(`${table}_content_version_${event}`)}`.execute(db);
			}
		}
	}
	await db.schema.dropTable('content_version').execute();
}
