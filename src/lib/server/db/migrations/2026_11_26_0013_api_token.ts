import type { Kysely } from 'kysely';

/** Personal API tokens. */
export async function up(db: Kysely<unknown>): Promise<void> {
	void db;
}

export async function down(db: Kysely<unknown>): Promise<void> {
	void db;
}
