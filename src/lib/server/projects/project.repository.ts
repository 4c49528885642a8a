/** SQL of the project catalogue (writes and the facts the service checks). Rules live in the service. */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db';
import type { ProjectRevisionAction, ProjectStatus, ProjectTable } from '../db/schema';
import { json } from '../db';
import { germanSortKey } from '../text/sort-key';
import type { ProjectAccessFacts } from './project.policy';
import type { ProjectLink } from './project.schema';

// -- reference facts --

export async function findMunicipalitiesByIds(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name', 'membership_status'])
		.where('id', 'in', [...ids])
		.execute();
}

export async function findDomain(db: Db, id: number) {
	return db
		.selectFrom('domain')
		.select(['id', 'name', 'is_archived'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findTopicField(db: Db, key: string) {
	return db
		.selectFrom('topic_field')
		.select(['key', 'name'])
		.where('key', '=', key)
		.executeTakeFirst();
}

/** Ids among `ids` of products that exist and are not deleted. */
export async function findExistingProductIds(db: Db, ids: readonly number[]): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('product')
		.select('id')
		.where('id', 'in', [...ids])
		.where('deleted_at', 'is', null)
		.execute();
	return rows.map((row) => row.id);
}

/** For each (not deleted) person among `ids`, the municipalities they belong to. */
export async function findPersonMemberships(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('person')
		.leftJoin('person_municipality', 'person_municipality.person_id', 'person.id')
		.select(['person.id as person_id', 'person_municipality.municipality_id'])
		.where('person.id', 'in', [...ids])
		.where('person.deleted_at', 'is', null)
		.execute();
}

// -- the stored state of one project (for edits, diffs and policies) --

export async function findProjectRow(db: Db, id: number) {
	return db.selectFrom('project').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPartnerIds(db: Db, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_partner')
		.select('municipality_id')
		.where('project_id', '=', projectId)
		.orderBy('municipality_id')
		.execute();
	return rows.map((row) => row.municipality_id);
}

/** A project's access facts (for the project policy) with what other modules show of it. */
export interface ProjectFacts extends ProjectAccessFacts {
	id: number;
	title: string;
	summary: string;
	municipalityName: string;
}

/**
 * What the project policy needs to know about one project, deleted or not, or undefined when
 * there is no such project. For modules that attach things to projects (files, reuse requests).
 */
export async function findProjectFacts(
	db: Db,
	projectId: number
): Promise<ProjectFacts | undefined> {
	const row = await db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.select([
			'project.id',
			'project.title',
			'project.summary',
			'project.municipality_id',
			'municipality.name as municipality_name',
			'project.visibility',
			'project.has_partner_editing',
			'project.deleted_at'
		])
		.where('project.id', '=', projectId)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		id: row.id,
		title: row.title,
		summary: row.summary,
		municipalityId: row.municipality_id,
		municipalityName: row.municipality_name,
		partnerMunicipalityIds: await findPartnerIds(db, projectId),
		visibility: row.visibility,
		partnersCanEdit: row.has_partner_editing,
		deletedAt: row.deleted_at
	};
}

export async function findTags(db: Db, projectId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('project_tag')
		.select('tag')
		.where('project_id', '=', projectId)
		.orderBy('tag_sort')
		.execute();
	return rows.map((row) => row.tag);
}

export async function findProductIds(db: Db, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_product')
		.select('product_id')
		.where('project_id', '=', projectId)
		.orderBy('product_id')
		.execute();
	return rows.map((row) => row.product_id);
}

export async function findContactIds(db: Db, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_contact')
		.select('person_id')
		.where('project_id', '=', projectId)
		.orderBy('position')
		.orderBy('person_id')
		.execute();
	return rows.map((row) => row.person_id);
}

export async function findLinks(db: Db, projectId: number): Promise<ProjectLink[]> {
	return db
		.selectFrom('project_link')
		.select(['label', 'url'])
		.where('project_id', '=', projectId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

// -- writes --

export async function insertProject(db: Db, row: Insertable<ProjectTable>): Promise<number> {
	const inserted = await db
		.insertInto('project')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function updateProjectRow(
	db: Db,
	id: number,
	row: Updateable<ProjectTable>
): Promise<void> {
	await db.updateTable('project').set(row).where('id', '=', id).execute();
}

export async function replacePartners(db: Db, projectId: number, ids: readonly number[]) {
	await db.deleteFrom('project_partner').where('project_id', '=', projectId).execute();
	if (ids.length === 0) return;
	await db
		.insertInto('project_partner')
		.values(ids.map((municipality_id) => ({ project_id: projectId, municipality_id })))
		.execute();
}

export async function replaceTags(db: Db, projectId: number, tags: readonly string[]) {
	await db.deleteFrom('project_tag').where('project_id', '=', projectId).execute();
	if (tags.length === 0) return;
	await db
		.insertInto('project_tag')
		.values(tags.map((tag) => ({ project_id: projectId, tag, tag_sort: germanSortKey(tag) })))
		.execute();
}

export async function replaceProducts(db: Db, projectId: number, ids: readonly number[]) {
	await db.deleteFrom('project_product').where('project_id', '=', projectId).execute();
	if (ids.length === 0) return;
	await db
		.insertInto('project_product')
		.values(ids.map((product_id) => ({ project_id: projectId, product_id })))
		.execute();
}

export async function replaceContacts(db: Db, projectId: number, ids: readonly number[]) {
	await db.deleteFrom('project_contact').where('project_id', '=', projectId).execute();
	if (ids.length === 0) return;
	await db
		.insertInto('project_contact')
		.values(ids.map((person_id, position) => ({ project_id: projectId, person_id, position })))
		.execute();
}

export async function replaceLinks(db: Db, projectId: number, links: readonly ProjectLink[]) {
	await db.deleteFrom('project_link').where('project_id', '=', projectId).execute();
	if (links.length === 0) return;
	await db
		.insertInto('project_link')
		.values(
			links.map((link, position) => ({
				project_id: projectId,
				label: link.label,
				url: link.url,
				position
			}))
		)
		.execute();
}

export async function insertStatusChange(
	db: Db,
	row: { projectId: number; status: ProjectStatus; changedOn: string; personId: number | null }
) {
	await db
		.insertInto('project_status_change')
		.values({
			project_id: row.projectId,
			status: row.status,
			changed_on: row.changedOn,
			person_id: row.personId
		})
		.execute();
}

export interface RevisionChange {
	field: string;
	before: unknown;
	after: unknown;
}

export async function insertRevision(
	db: Db,
	row: {
		projectId: number;
		personId: number | null;
		actorLabel: string;
		changedAt: string;
		action: ProjectRevisionAction;
		changes: RevisionChange[];
	}
) {
	await db
		.insertInto('project_revision')
		.values({
			project_id: row.projectId,
			person_id: row.personId,
			actor_label: row.actorLabel,
			changed_at: row.changedAt,
			action: row.action,
			changes_json: json(row.changes)
		})
		.execute();
}
