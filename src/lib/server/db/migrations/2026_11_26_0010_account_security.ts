import type { Kysely } from 'kysely';

/** Account security: e-mail verification and password-reset tokens, two-factor sign-in (TOTP, backup codes). */
export async function up(db: Kysely<unknown>): Promise<void> {
	void db;
}

export async function down(db: Kysely<unknown>): Promise<void> {
	void db;
}
