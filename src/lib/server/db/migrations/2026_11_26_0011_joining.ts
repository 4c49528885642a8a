import type { Kysely } from 'kysely';

/** Joining the network: invitations and membership applications. */
export async function up(db: Kysely<unknown>): Promise<void> {
	void db;
}

export async function down(db: Kysely<unknown>): Promise<void> {
	void db;
}
