/** SQL of personal API tokens. Queries only; rules live in api-token.service.ts. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { ApiTokenTable } from '../db/schema';

export async function insertApiToken(db: Db, values: Insertable<ApiTokenTable>): Promise<number> {
	const row = await db
		.insertInto('api_token')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const TOKEN_COLUMNS = [
	'id',
	'name',
	'token_prefix',
	'scope',
	'created_at',
	'expires_at',
	'last_used_at',
	'revoked_at'
] as const;

/** The token of a hash with its person, whatever their state (the service decides). */
export function findApiTokenWithPerson(db: Db, tokenHash: string) {
	return db
		.selectFrom('api_token as t')
		.innerJoin('person as p', 'p.id', 't.person_id')
		.select([
			't.id',
			't.person_id',
			't.scope',
			't.expires_at',
			't.last_used_at',
			't.revoked_at',
			'p.display_name',
			'p.is_coordinator',
			'p.deleted_at',
			'p.email_verified_at',
			'p.two_factor_enabled_at'
		])
		.where('t.token_hash', '=', tokenHash)
		.executeTakeFirst();
}

export async function touchApiToken(db: Db, tokenId: number, nowIso: string): Promise<void> {
	await db
		.updateTable('api_token')
		.set({ last_used_at: nowIso })
		.where('id', '=', tokenId)
		.execute();
}

/** The person's tokens, newest first. */
export function findApiTokensOfPerson(db: Db, personId: number) {
	return db
		.selectFrom('api_token')
		.select(TOKEN_COLUMNS)
		.where('person_id', '=', personId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** One token, only when it is the person's own. */
export function findApiTokenOfPerson(db: Db, tokenId: number, personId: number) {
	return db
		.selectFrom('api_token')
		.select(TOKEN_COLUMNS)
		.where('id', '=', tokenId)
		.where('person_id', '=', personId)
		.executeTakeFirst();
}

/** Marks one of the person's tokens revoked, unless it already is. True when it changed. */
export async function revokeApiTokenOfPerson(
	db: Db,
	tokenId: number,
	personId: number,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('api_token')
		.set({ revoked_at: nowIso })
		.where('id', '=', tokenId)
		.where('person_id', '=', personId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** The person's municipalities with their keys and names, by name. */
export function findMembershipsWithMunicipality(db: Db, personId: number) {
	return db
		.selectFrom('person_municipality as pm')
		.innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
		.select(['m.ags', 'm.name', 'pm.role'])
		.where('pm.person_id', '=', personId)
		.orderBy('m.name_sort')
		.orderBy('m.ags')
		.execute();
}
