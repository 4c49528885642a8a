/** SQL of the network's own settings and data sources. */
import type { Db } from '../db';
import type { Insertable } from 'kysely';
import type { NetworkTable } from '../db/schema';

export function findNetwork(db: Db) {
	return db
		.selectFrom('network')
		.select([
			'name',
			'short_name',
			'region',
			'description',
			'contact_email',
			'contact_phone',
			'postal_address',
			'is_demo'
		])
		.where('id', '=', 1)
		.executeTakeFirst();
}

export async function findNetworkLegalText(
	db: Db,
	column: 'imprint_md' | 'privacy_md'
): Promise<string | undefined> {
	const row = await db.selectFrom('network').select(column).where('id', '=', 1).executeTakeFirst();
	return row?.[column];
}

/** What every page's frame needs, without the long texts. */
export function findNetworkSummary(db: Db) {
	return db
		.selectFrom('network')
		.select(['name', 'short_name', 'is_demo'])
		.where('id', '=', 1)
		.executeTakeFirst();
}

export async function insertNetwork(db: Db, row: Omit<Insertable<NetworkTable>, 'id'>) {
	await db
		.insertInto('network')
		.values({ id: 1, ...row })
		.execute();
}

export function findDataSources(db: Db) {
	return db
		.selectFrom('data_source')
		.select(['topic', 'title', 'licence', 'licence_url'])
		.orderBy('id')
		.execute();
}
