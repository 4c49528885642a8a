/**
 * Queries of the public feed and the sitemap. Projects only through `projectVisibleTo` with the
 * public scope: nothing for members only, no drafts, nothing deleted.
 */
import type { Db } from '../db';
import { projectVisibleTo } from '../projects';

/** The most recently changed public projects with their owner, newest first. */
export function findRecentPublicProjects(db: Db, limit: number) {
	return db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.select([
			'project.id',
			'project.title',
			'project.summary',
			'project.created_at',
			'project.updated_at',
			'municipality.name as municipality_name',
			'municipality.ags as municipality_ags'
		])
		.where(projectVisibleTo({ kind: 'public' }))
		.orderBy('project.updated_at', 'desc')
		.orderBy('project.id', 'desc')
		.limit(limit)
		.execute();
}

export async function countPublicProjects(db: Db): Promise<number> {
	const row = await db
		.selectFrom('project')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where(projectVisibleTo({ kind: 'public' }))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Public projects in id order, a slice of them (`offset`, `limit`). */
export function findPublicProjectStamps(db: Db, offset: number, limit: number) {
	return db
		.selectFrom('project')
		.select(['project.id', 'project.updated_at'])
		.where(projectVisibleTo({ kind: 'public' }))
		.orderBy('project.id')
		.offset(offset)
		.limit(limit)
		.execute();
}

/** Products that are not deleted, in id order. */
export function findProductStamps(db: Db) {
	return db
		.selectFrom('product')
		.select(['id', 'updated_at'])
		.where('deleted_at', 'is', null)
		.orderBy('id')
		.execute();
}

/** Every municipality of the register: each has a public fact sheet. */
export function findMunicipalityStamps(db: Db) {
	return db.selectFrom('municipality').select(['ags', 'updated_at']).orderBy('ags').execute();
}

export function findNetworkName(db: Db) {
	return db
		.selectFrom('network')
		.select(['name', 'updated_at'])
		.where('id', '=', 1)
		.executeTakeFirst();
}
