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
