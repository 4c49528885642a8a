/** SQL of two-factor sign-in: the person's key, backup codes, sign-in challenges. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { SignInChallengeTable } from '../db/schema';

/** What the second step and the settings page need of a person (not deleted). */
export function findTwoFactorState(db: Db, personId: number) {
	return db
		.selectFrom('person')
		.select([
			'id',
			'email',
			'display_name',
			'password_hash',
			'is_coordinator',
			'email_verified_at',
			'two_factor_secret',
			'two_factor_enabled_at',
			'two_factor_last_step'
		])
		.where('id', '=', personId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

/** Stores a key whose set-up is pending (not yet enabled). */
export async function savePendingTwoFactorSecret(
	db: Db,
	personId: number,
	sealedSecret: string,
	nowIso: string
): Promise<void> {
	await db
		.updateTable('person')
		.set({
			two_factor_secret: sealedSecret,
			two_factor_enabled_at: null,
			two_factor_last_step: null,
			updated_at: nowIso
		})
		.where('id', '=', personId)
		.execute();
}

/** Enables the pending key, remembering the step of the confirming code. */
export async function enableTwoFactor(
	db: Db,
	personId: number,
	step: number,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('person')
		.set({ two_factor_enabled_at: nowIso, two_factor_last_step: step, updated_at: nowIso })
		.where('id', '=', personId)
		.where('two_factor_secret', 'is not', null)
		.where('two_factor_enabled_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function clearTwoFactor(db: Db, personId: number, nowIso: string): Promise<void> {
	await db
		.updateTable('person')
		.set({
			two_factor_secret: null,
			two_factor_enabled_at: null,
			two_factor_last_step: null,
			updated_at: nowIso
		})
		.where('id', '=', personId)
		.execute();
}

/**
 * Records `step` as the last one used, only when it is later than the stored one. False means
 * another request used this step (or a later one) first: the code is a replay.
 */
export async function advanceTwoFactorStep(
	db: Db,
	personId: number,
	step: number
): Promise<boolean> {
	const result = await db
		.updateTable('person')
		.set({ two_factor_last_step: step })
		.where('id', '=', personId)
		.where((eb) =>
			eb.or([eb('two_factor_last_step', 'is', null), eb('two_factor_last_step', '<', step)])
		)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function replaceBackupCodes(
	db: Db,
	personId: number,
	codeHashes: readonly string[],
	nowIso: string
): Promise<void> {
	await db.deleteFrom('backup_code').where('person_id', '=', personId).execute();
	await db
		.insertInto('backup_code')
		.values(codeHashes.map((code_hash) => ({ person_id: personId, code_hash, created_at: nowIso })))
		.execute();
}

export async function deleteBackupCodes(db: Db, personId: number): Promise<void> {
	await db.deleteFrom('backup_code').where('person_id', '=', personId).execute();
}

/** Uses one backup code; false when it does not exist for the person or was used before. */
export async function useBackupCode(
	db: Db,
	personId: number,
	codeHash: string,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('backup_code')
		.set({ used_at: nowIso })
		.where('person_id', '=', personId)
		.where('code_hash', '=', codeHash)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedBackupCodes(db: Db, personId: number): Promise<number> {
	const row = await db
		.selectFrom('backup_code')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.where('person_id', '=', personId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function insertSignInChallenge(
	db: Db,
	values: Insertable<SignInChallengeTable>
): Promise<void> {
	await db.insertInto('sign_in_challenge').values(values).execute();
}

export function findSignInChallenge(db: Db, challengeId: string) {
	return db
		.selectFrom('sign_in_challenge')
		.select(['id', 'person_id', 'expires_at', 'attempts'])
		.where('id', '=', challengeId)
		.executeTakeFirst();
}

export async function countChallengeAttempt(db: Db, challengeId: string): Promise<void> {
	await db
		.updateTable('sign_in_challenge')
		.set((eb) => ({ attempts: eb('attempts', '+', 1) }))
		.where('id', '=', challengeId)
		.execute();
}

export async function deleteSignInChallenge(db: Db, challengeId: string): Promise<boolean> {
	const result = await db
		.deleteFrom('sign_in_challenge')
		.where('id', '=', challengeId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export async function deleteSignInChallengesOfPerson(db: Db, personId: number): Promise<void> {
	await db.deleteFrom('sign_in_challenge').where('person_id', '=', personId).execute();
}

/** Challenges past their end (and, as a side effect, of nobody). For the periodic purge. */
export async function deleteExpiredSignInChallenges(db: Db, nowIso: string): Promise<number> {
	const result = await db
		.deleteFrom('sign_in_challenge')
		.where('expires_at', '<=', nowIso)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
