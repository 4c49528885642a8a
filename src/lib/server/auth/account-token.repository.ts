/** SQL of single-use links (account_token). Queries only; rules live in the services. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { AccountTokenPurpose, AccountTokenTable } from '../db/schema';

export async function insertAccountToken(
	db: Db,
	values: Insertable<AccountTokenTable>
): Promise<void> {
	await db.insertInto('account_token').values(values).execute();
}

/**
 * The token with its person when it can still be used: the right purpose, unused, not expired,
 * and the person not deleted.
 */
export function findUsableAccountToken(
	db: Db,
	tokenHash: string,
	purpose: AccountTokenPurpose,
	nowIso: string
) {
	return db
		.selectFrom('account_token as t')
		.innerJoin('person as p', 'p.id', 't.person_id')
		.select([
			't.id',
			't.person_id',
			't.email',
			'p.email as person_email',
			'p.display_name',
			'p.email_verified_at'
		])
		.where('t.token_hash', '=', tokenHash)
		.where('t.purpose', '=', purpose)
		.where('t.used_at', 'is', null)
		.where('t.expires_at', '>', nowIso)
		.where('p.deleted_at', 'is', null)
		.executeTakeFirst();
}

/** Marks the token used unless it already was; false when another request was first. */
export async function markAccountTokenUsed(
	db: Db,
	tokenId: number,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('account_token')
		.set({ used_at: nowIso })
		.where('id', '=', tokenId)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Removes the person's unused tokens of one purpose: only the newest link works. */
export async function deleteUnusedAccountTokens(
	db: Db,
	personId: number,
	purpose: AccountTokenPurpose
): Promise<number> {
	const result = await db
		.deleteFrom('account_token')
		.where('person_id', '=', personId)
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The newest address change waiting for its link: an unused, unexpired token to another address. */
export function findPendingEmailChange(
	db: Db,
	personId: number,
	currentEmail: string,
	nowIso: string
) {
	return db
		.selectFrom('account_token')
		.select(['email', 'expires_at'])
		.where('person_id', '=', personId)
		.where('purpose', '=', 'verify_email')
		.where('used_at', 'is', null)
		.where('expires_at', '>', nowIso)
		.where('email', '<>', currentEmail)
		.orderBy('id', 'desc')
		.executeTakeFirst();
}

export async function deleteExpiredAccountTokens(db: Db, nowIso: string): Promise<number> {
	const result = await db
		.deleteFrom('account_token')
		.where('expires_at', '<=', nowIso)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
