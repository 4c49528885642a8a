/**
 * SQL that reads the catalogue: the filtered list (count + one page), the parts of a detail page
 * and the edit history. Every query that shows projects applies the visibility scope.
 */
import { sql } from 'kysely';
import type { Db } from '../db';
import type { ProjectStatus } from '../db/schema';
import type { ProjectScope } from './project.policy';
import { projectVisibleParts, projectVisibleTo } from './project.visibility';
import type { ProjectSort } from './project-list.schema';

export interface ProjectListWhere {
	/** germanSortKey of the search text (matched against title_sort). */
	titleKey?: string;
	/** Lower-cased search text (matched against lower(summary)). */
	summaryText?: string;
	statuses?: readonly ProjectStatus[];
	ownerId?: number;
	associationId?: number;
	topicFieldKey?: string;
	domainId?: number;
	productId?: number;
	partnerId?: number;
	/** germanSortKey of a tag. */
	tagKey?: string;
	hasReuse?: boolean;
}

/** Escapes LIKE wildcards (used with `escape '\'`). */
function likeContains(value: string): string {
	return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function filtered(db: Db, where: ProjectListWhere, visible: ReturnType<typeof projectVisibleTo>) {
	let q = db.selectFrom('project').where(visible);
	if (where.titleKey || where.summaryText) {
		const titleKey = where.titleKey;
		const summaryText = where.summaryText;
		q = q.where((eb) => {
			const parts = [];
			if (titleKey) parts.push(eb('project.title_sort', 'like', likeContains(titleKey)));
			if (summaryText) {
				parts.push(
					sql<boolean>`lower(project.summary) like ${likeContains(summaryText)} escape '\\'`
				);
			}
			return eb.or(parts);
		});
	}
	if (where.statuses && where.statuses.length > 0) {
		q = q.where('project.status', 'in', [...where.statuses]);
	}
	if (where.ownerId !== undefined) q = q.where('project.municipality_id', '=', where.ownerId);
	if (where.associationId !== undefined) {
		const associationId = where.associationId;
		q = q.where('project.municipality_id', 'in', (eb) =>
			eb.selectFrom('municipality').select('id').where('association_id', '=', associationId)
		);
	}
	if (where.topicFieldKey !== undefined) {
		q = q.where('project.topic_field_key', '=', where.topicFieldKey);
	}
	if (where.domainId !== undefined) q = q.where('project.domain_id', '=', where.domainId);
	if (where.productId !== undefined) {
		const productId = where.productId;
		q = q.where('project.id', 'in', (eb) =>
			eb.selectFrom('project_product').select('project_id').where('product_id', '=', productId)
		);
	}
	if (where.partnerId !== undefined) {
		const partnerId = where.partnerId;
		q = q.where('project.id', 'in', (eb) =>
			eb
				.selectFrom('project_partner')
				.select('project_id')
				.where('project_partner.municipality_id', '=', partnerId)
		);
	}
	if (where.tagKey !== undefined) {
		const tagKey = where.tagKey;
		q = q.where('project.id', 'in', (eb) =>
			eb.selectFrom('project_tag').select('project_id').where('tag_sort', '=', tagKey)
		);
	}
	if (where.hasReuse) {
		q = q.where('project.id', 'in', (eb) =>
			eb
				.selectFrom('reuse_request')
				.select('reuse_request.project_id')
				.where('reuse_request.status', '=', 'adopted')
				.where('reuse_request.project_id', 'is not', null)
				.$narrowType<{ project_id: number }>()
		);
	}
	return q;
}

export async function countProjects(
	db: Db,
	where: ProjectListWhere,
	scope: ProjectScope
): Promise<number> {
	// One count per disjoint part of the scope: each can use an index (see projectVisibleParts).
	let total = 0;
	for (const part of projectVisibleParts(scope)) {
		const row = await filtered(db, where, part)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirst();
		total += Number(row?.n ?? 0);
	}
	return total;
}

export async function findProjectPage(
	db: Db,
	where: ProjectListWhere,
	scope: ProjectScope,
	page: { sort: ProjectSort; limit: number; offset: number }
) {
	let q = filtered(db, where, projectVisibleTo(scope)).select([
		'project.id',
		'project.title',
		'project.summary',
		'project.status',
		'project.municipality_id',
		'project.visibility',
		'project.topic_field_key',
		'project.started_on',
		'project.live_on',
		'project.updated_at'
	]);
	switch (page.sort) {
		case 'aktualisiert':
			q = q.orderBy('project.updated_at', 'desc').orderBy('project.id', 'desc');
			break;
		case 'titel':
			q = q.orderBy('project.title_sort', 'asc').orderBy('project.id', 'asc');
			break;
		case 'start':
			q = q
				.orderBy('project.started_on', (ob) => ob.desc().nullsLast())
				.orderBy('project.id', 'desc');
			break;
		case 'betrieb':
			q = q.orderBy('project.live_on', (ob) => ob.desc().nullsLast()).orderBy('project.id', 'desc');
			break;
	}
	return q.limit(page.limit).offset(page.offset).execute();
}

export async function findMunicipalityIdByAgs(db: Db, ags: string): Promise<number | undefined> {
	const row = await db
		.selectFrom('municipality')
		.select('id')
		.where('ags', '=', ags)
		.executeTakeFirst();
	return row?.id;
}

/** Names of municipalities, by id. */
export async function findMunicipalityNames(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name', 'name_sort', 'membership_status'])
		.where('id', 'in', [...new Set(ids)])
		.execute();
}

/** Tags of several projects in one query. */
export async function findTagsOfProjects(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return [];
	return db
		.selectFrom('project_tag')
		.select(['project_id', 'tag'])
		.where('project_id', 'in', [...projectIds])
		.orderBy('project_id')
		.orderBy('tag_sort')
		.execute();
}

/** Adopted reuse requests per project (the "nachgenutzt" counter), for several projects. */
export async function countAdoptionsOfProjects(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return [];
	return db
		.selectFrom('reuse_request')
		.select([
			'project_id',
			(eb) => eb.fn.count<number>('requesting_municipality_id').distinct().as('n')
		])
		.where('project_id', 'in', [...projectIds])
		.where('status', '=', 'adopted')
		.groupBy('project_id')
		.execute();
}

// -- detail --

export async function findDomainName(db: Db, id: number) {
	return db.selectFrom('domain').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findTopicFieldName(db: Db, key: string) {
	return db
		.selectFrom('topic_field')
		.select(['key', 'name'])
		.where('key', '=', key)
		.executeTakeFirst();
}

export async function findProductsOfProject(db: Db, projectId: number) {
	return db
		.selectFrom('project_product')
		.innerJoin('product', 'product.id', 'project_product.product_id')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select(['product.id', 'product.name', 'vendor.name as vendor_name'])
		.where('project_product.project_id', '=', projectId)
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.execute();
}

export async function findContactsOfProject(db: Db, projectId: number) {
	return db
		.selectFrom('project_contact')
		.innerJoin('person', 'person.id', 'project_contact.person_id')
		.select([
			'person.id',
			'person.display_name',
			'person.job_title',
			'person.email',
			'person.phone',
			'person.email_visibility',
			'person.phone_visibility'
		])
		.where('project_contact.project_id', '=', projectId)
		.where('person.deleted_at', 'is', null)
		.orderBy('project_contact.position')
		.orderBy('person.id')
		.execute();
}

export async function findMembershipsOfPeople(db: Db, personIds: readonly number[]) {
	if (personIds.length === 0) return [];
	return db
		.selectFrom('person_municipality')
		.select(['person_id', 'municipality_id'])
		.where('person_id', 'in', [...personIds])
		.execute();
}

export async function findStatusHistory(db: Db, projectId: number) {
	return db
		.selectFrom('project_status_change')
		.select(['id', 'status', 'changed_on', 'created_at'])
		.where('project_id', '=', projectId)
		.orderBy('changed_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export async function findRevisions(db: Db, projectId: number) {
	return db
		.selectFrom('project_revision')
		.select(['id', 'person_id', 'actor_label', 'changed_at', 'action', 'changes_json'])
		.where('project_id', '=', projectId)
		.orderBy('changed_at', 'desc')
		.orderBy('id', 'desc')
		.limit(500)
		.execute();
}

// -- choices of the edit form --

/** Member municipalities (owner choices for the coordination; partner choices). */
export async function findMunicipalityChoices(db: Db) {
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name', 'membership_status'])
		.orderBy('name_sort')
		.execute();
}

export async function findProductChoices(db: Db) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select(['product.id', 'product.name', 'vendor.name as vendor_name'])
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.orderBy('product.id')
		.limit(5000)
		.execute();
}

/** People of the given municipalities (contact choices). */
export async function findPeopleOfMunicipalities(db: Db, municipalityIds: readonly number[]) {
	if (municipalityIds.length === 0) return [];
	return db
		.selectFrom('person_municipality')
		.innerJoin('person', 'person.id', 'person_municipality.person_id')
		.innerJoin('municipality', 'municipality.id', 'person_municipality.municipality_id')
		.select([
			'person.id',
			'person.display_name',
			'person.job_title',
			'municipality.name as municipality_name'
		])
		.where('person_municipality.municipality_id', 'in', [...municipalityIds])
		.where('person.deleted_at', 'is', null)
		.orderBy('person.name_sort')
		.orderBy('person.display_name')
		.orderBy('person.id')
		.execute();
}

// -- deletion --

export async function markDeleted(
	db: Db,
	id: number,
	deletedAt: string | null,
	personId: number | null
) {
	await db
		.updateTable('project')
		.set({
			deleted_at: deletedAt,
			deleted_by_person_id: personId,
			updated_at: deletedAt ?? undefined
		})
		.where('id', '=', id)
		.execute();
}

export async function touchProject(db: Db, id: number, updatedAt: string) {
	await db.updateTable('project').set({ updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function findDeletedProjects(db: Db) {
	return db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.leftJoin('person', 'person.id', 'project.deleted_by_person_id')
		.select([
			'project.id',
			'project.title',
			'project.deleted_at',
			'municipality.name as municipality_name',
			'municipality.ags as municipality_ags',
			'person.display_name as deleted_by_name'
		])
		.where('project.deleted_at', 'is not', null)
		.orderBy('project.deleted_at', 'desc')
		.limit(500)
		.execute();
}

export async function findProductName(db: Db, id: number) {
	return db
		.selectFrom('product')
		.select(['id', 'name'])
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

/** Member municipalities only (the list's owner and partner filters). */
export async function findMemberMunicipalities(db: Db) {
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name'])
		.where('membership_status', '=', 'member')
		.orderBy('name_sort')
		.execute();
}
