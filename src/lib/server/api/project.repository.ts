/**
 * SQL of the API's project reads. Every query that returns projects applies projectVisibleTo,
 * so a visitor or a token without rights gets public projects only. Pages are keyset pages
 * over (updated_at desc, id desc): the position of the last item, never an offset, so a page
 * costs the same at the start and deep in 100,000 projects, and items inserted meanwhile cause
 * neither duplicates nor gaps.
 */
import type { Db } from '../db';
import type { ProjectStatus } from '../db/schema';
import type { ProjectScope } from '../projects/project.policy';
import { projectVisibleTo } from '../projects/project.visibility';

export interface ProjectPageQuery {
	scope: ProjectScope;
	status?: ProjectStatus;
	ownerAgs?: string;
	topicFieldKey?: string;
	domainId?: number;
	productId?: number;
	/** germanSortKey of a tag. */
	tagKey?: string;
	/** germanSortKey of words in the title. */
	titleKey?: string;
	updatedSince?: string;
	/** Only projects after this one in the order. */
	after?: { updatedAt: string; id: number };
	limit: number;
}

function projectSelect(db: Db, scope: ProjectScope) {
	return db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.leftJoin('topic_field', 'topic_field.key', 'project.topic_field_key')
		.leftJoin('domain', 'domain.id', 'project.domain_id')
		.where(projectVisibleTo(scope))
		.select([
			'project.id',
			'project.title',
			'project.summary',
			'project.status',
			'project.visibility',
			'municipality.ags as owner_ags',
			'municipality.name as owner_name',
			'project.topic_field_key',
			'topic_field.name as topic_field_name',
			'project.domain_id',
			'domain.name as domain_name',
			'project.started_on',
			'project.live_on',
			'project.is_demo',
			'project.created_at',
			'project.updated_at'
		]);
}

export type ProjectSummaryRow = Awaited<ReturnType<typeof findProjectPage>>[number];

export function findProjectPage(db: Db, query: ProjectPageQuery) {
	let q = projectSelect(db, query.scope);
	if (query.status) q = q.where('project.status', '=', query.status);
	if (query.ownerAgs) q = q.where('municipality.ags', '=', query.ownerAgs);
	if (query.topicFieldKey) q = q.where('project.topic_field_key', '=', query.topicFieldKey);
	if (query.domainId !== undefined) q = q.where('project.domain_id', '=', query.domainId);
	const productId = query.productId;
	if (productId !== undefined) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('project_product')
					.select('project_product.project_id')
					.whereRef('project_product.project_id', '=', 'project.id')
					.where('project_product.product_id', '=', productId)
			)
		);
	}
	const tagKey = query.tagKey;
	if (tagKey) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('project_tag')
					.select('project_tag.project_id')
					.whereRef('project_tag.project_id', '=', 'project.id')
					.where('project_tag.tag_sort', '=', tagKey)
			)
		);
	}
	// The key holds only letters, digits and spaces, so no LIKE wildcard can come from input.
	if (query.titleKey) q = q.where('project.title_sort', 'like', `%${query.titleKey}%`);
	if (query.updatedSince) q = q.where('project.updated_at', '>=', query.updatedSince);
	const after = query.after;
	if (after) {
		q = q.where((eb) =>
			eb(eb.refTuple('project.updated_at', 'project.id'), '<', eb.tuple(after.updatedAt, after.id))
		);
	}
	return q
		.orderBy('project.updated_at', 'desc')
		.orderBy('project.id', 'desc')
		.limit(query.limit)
		.execute();
}

/** One project with its details, if the scope may see it. */
export function findVisibleProject(db: Db, scope: ProjectScope, id: number) {
	return projectSelect(db, scope)
		.where('project.id', '=', id)
		.select([
			'project.description_md',
			'project.lessons_learned_md',
			'project.costs_once_cents',
			'project.costs_yearly_cents',
			'project.staff_effort',
			'project.funding_programme',
			'project.hours_saved_per_year',
			'project.cases_per_year',
			'project.has_partner_editing'
		])
		.executeTakeFirst();
}

export function findPartnersOf(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('project_partner')
		.innerJoin('municipality', 'municipality.id', 'project_partner.municipality_id')
		.where('project_partner.project_id', 'in', [...projectIds])
		.select(['project_partner.project_id', 'municipality.ags', 'municipality.name'])
		.orderBy('municipality.name_sort')
		.execute();
}

export function findTagsOf(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('project_tag')
		.where('project_id', 'in', [...projectIds])
		.select(['project_id', 'tag'])
		.orderBy('tag_sort')
		.execute();
}

/** Products the projects use (deleted products left out). */
export function findProductsOf(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('project_product')
		.innerJoin('product', 'product.id', 'project_product.product_id')
		.where('project_product.project_id', 'in', [...projectIds])
		.where('product.deleted_at', 'is', null)
		.select(['project_product.project_id', 'product.id', 'product.name'])
		.orderBy('product.name_sort')
		.execute();
}

/** How many reuse requests on each project ended in an adoption. */
export function countAdoptedReuseOf(db: Db, projectIds: readonly number[]) {
	if (projectIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('reuse_request')
		.where('project_id', 'in', [...projectIds])
		.where('status', '=', 'adopted')
		.select(['project_id', (eb) => eb.fn.countAll<number | string>().as('count')])
		.groupBy('project_id')
		.execute();
}

export function findContactsOf(db: Db, projectId: number) {
	return db
		.selectFrom('project_contact')
		.innerJoin('person', 'person.id', 'project_contact.person_id')
		.where('project_contact.project_id', '=', projectId)
		.where('person.deleted_at', 'is', null)
		.select(['person.id', 'person.display_name'])
		.orderBy('project_contact.position')
		.orderBy('person.id')
		.execute();
}

export function findLinksOf(db: Db, projectId: number) {
	return db
		.selectFrom('project_link')
		.where('project_id', '=', projectId)
		.select(['label', 'url'])
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export function findStatusHistoryOf(db: Db, projectId: number) {
	return db
		.selectFrom('project_status_change')
		.where('project_id', '=', projectId)
		.select(['status', 'changed_on'])
		.orderBy('changed_on')
		.orderBy('id')
		.execute();
}
