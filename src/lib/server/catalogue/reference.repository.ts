/** Queries of the catalogue's reference lists (OZG topic fields, domains). */
import type { Db } from '../db';

export function findTopicFields(db: Db) {
	return db.selectFrom('topic_field').select(['key', 'name']).orderBy('position').execute();
}

export function findDomains(db: Db, { includeArchived }: { includeArchived: boolean }) {
	let query = db.selectFrom('domain').select(['id', 'name', 'is_archived']).orderBy('name_sort');
	if (!includeArchived) query = query.where('is_archived', '=', false);
	return query.execute();
}

export function findDomainById(db: Db, id: number) {
	return db
		.selectFrom('domain')
		.select(['id', 'name', 'name_sort', 'is_archived'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export function findDomainIdBySortKey(db: Db, nameSort: string) {
	return db
		.selectFrom('domain')
		.select('id')
		.where('name_sort', '=', nameSort)
		.executeTakeFirst()
		.then((row) => row?.id ?? null);
}

export async function insertDomain(
	db: Db,
	values: { name: string; name_sort: string; updated_at: string }
): Promise<number> {
	const row = await db
		.insertInto('domain')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateDomainRow(
	db: Db,
	id: number,
	values: { name?: string; name_sort?: string; is_archived?: boolean; updated_at: string }
): Promise<void> {
	await db.updateTable('domain').set(values).where('id', '=', id).execute();
}
