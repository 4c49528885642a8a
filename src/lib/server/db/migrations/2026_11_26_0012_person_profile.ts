import type { Kysely } from 'kysely';

/** People's profiles for the directory: function, expertise, topics, contact visibility, notification settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
	void db;
}

export async function down(db: Kysely<unknown>): Promise<void> {
	void db;
}
