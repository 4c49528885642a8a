import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers';

/**
 * Public catalogue pages name their contact people (name and function). A change of those, or
 * the deletion of an account, must reach cached public pages at once: such updates of `person`
 * bump the content version too (decision 0012). Other person updates (sign-in times, settings)
 * do not, so signing in does not empty the cache.
 */
const COLUMNS = sql.raw('display_name, job_title, deleted_at');

export async function up(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			create trigger person_content_version
			after update of ${COLUMNS} on person
			for each statement execute function bump_content_version()`.execute(db);
		return;
	}
	await sql`
		create trigger person_content_version_update
		after update of ${COLUMNS} on person
		begin
			update content_version set version = version + 1 where id = 1;
		end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	if (isPostgres(db)) {
		await sql`drop trigger person_content_version on person`.execute(db);
	} else {
		await sql`drop trigger person_content_version_update`.execute(db);
	}
}
