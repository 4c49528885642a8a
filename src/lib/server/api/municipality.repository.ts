/** SQL the API needs to translate municipality keys (AGS) into the ids the modules take. */
import type { Db } from '../db';

export async function findMunicipalityIdsByAgs(
	db: Db,
	ags: readonly string[]
): Promise<Map<string, number>> {
	if (ags.length === 0) return new Map();
	const rows = await db
		.selectFrom('municipality')
		.where('ags', 'in', [...new Set(ags)])
		.select(['id', 'ags'])
		.execute();
	return new Map(rows.map((row) => [row.ags, row.id]));
}

export async function findAgsByIds(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('municipality')
		.where('id', 'in', [...new Set(ids)])
		.select(['id', 'ags'])
		.execute();
	return new Map(rows.map((row) => [row.id, row.ags]));
}
