/**
 * Queries of the interchange: the reference lookups an import resolves names against, and the
 * reads an export writes out. Writes go through the projects and solutions services only.
 */
import type { Db } from '../db';
import type { ProjectScope } from '../projects';
import { projectVisibleTo } from '../projects';

/** Lists of ids are queried in slices (SQLite allows a limited number of parameters). */
const SLICE = 500;

async function inSlices<T>(ids: readonly number[], query: (slice: number[]) => Promise<T[]>) {
	const result: T[] = [];
	for (let start = 0; start < ids.length; start += SLICE) {
		result.push(...(await query(ids.slice(start, start + SLICE))));
	}
	return result;
}

async function inTextSlices<T>(
	values: readonly string[],
	query: (slice: string[]) => Promise<T[]>
) {
	const result: T[] = [];
	for (let start = 0; start < values.length; start += SLICE) {
		result.push(...(await query(values.slice(start, start + SLICE))));
	}
	return result;
}

// -- lookups for the import --

export function findMunicipalitiesByAgs(db: Db, ags: readonly string[]) {
	return inTextSlices(ags, (slice) =>
		db
			.selectFrom('municipality')
			.select(['id', 'ags', 'name', 'membership_status'])
			.where('ags', 'in', slice)
			.execute()
	);
}

export function findAllTopicFields(db: Db) {
	return db.selectFrom('topic_field').select(['key', 'name']).orderBy('position').execute();
}

export function findAllDomains(db: Db) {
	return db.selectFrom('domain').select(['id', 'name', 'is_archived']).execute();
}

/** Products of the register (not deleted), with their vendor's name. */
export function findRegisterProducts(db: Db) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select(['product.id', 'product.name', 'vendor.name as vendor_name'])
		.where('product.deleted_at', 'is', null)
		.execute();
}

/** People by e-mail (normalised, lower case), not deleted. */
export function findPeopleByEmail(db: Db, emails: readonly string[]) {
	return inTextSlices(emails, (slice) =>
		db
			.selectFrom('person')
			.select(['id', 'email'])
			.where('email', 'in', slice)
			.where('deleted_at', 'is', null)
			.execute()
	);
}

export function findMembershipsOf(db: Db, personIds: readonly number[]) {
	return inSlices(personIds, (slice) =>
		db
			.selectFrom('person_municipality')
			.select(['person_id', 'municipality_id'])
			.where('person_id', 'in', slice)
			.execute()
	);
}

// -- reads for the export --

/** The projects the scope may see (never deleted ones), in a stable order. */
export function findExportProjects(db: Db, scope: ProjectScope) {
	return db
		.selectFrom('project')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.leftJoin('domain', 'domain.id', 'project.domain_id')
		.select([
			'project.id',
			'project.title',
			'project.summary',
			'project.description_md',
			'project.lessons_learned_md',
			'municipality.ags',
			'project.status',
			'project.visibility',
			'project.topic_field_key',
			'domain.name as domain_name',
			'project.started_on',
			'project.live_on',
			'project.costs_once_cents',
			'project.costs_yearly_cents',
			'project.staff_effort',
			'project.funding_programme',
			'project.hours_saved_per_year',
			'project.cases_per_year',
			'project.has_partner_editing'
		])
		.where(projectVisibleTo(scope))
		.orderBy('project.title_sort')
		.orderBy('municipality.ags')
		.orderBy('project.id')
		.execute();
}

export function findPartnerAgs(db: Db, projectIds: readonly number[]) {
	return inSlices(projectIds, (slice) =>
		db
			.selectFrom('project_partner')
			.innerJoin('municipality', 'municipality.id', 'project_partner.municipality_id')
			.select(['project_partner.project_id', 'municipality.ags'])
			.where('project_partner.project_id', 'in', slice)
			.orderBy('municipality.ags')
			.execute()
	);
}

export function findProjectTags(db: Db, projectIds: readonly number[]) {
	return inSlices(projectIds, (slice) =>
		db
			.selectFrom('project_tag')
			.select(['project_id', 'tag'])
			.where('project_id', 'in', slice)
			.orderBy('tag_sort')
			.execute()
	);
}

/** Products used, deleted ones left out (an import could not name them). */
export function findProjectProducts(db: Db, projectIds: readonly number[]) {
	return inSlices(projectIds, (slice) =>
		db
			.selectFrom('project_product')
			.innerJoin('product', 'product.id', 'project_product.product_id')
			.select(['project_product.project_id', 'product.id as product_id'])
			.where('project_product.project_id', 'in', slice)
			.where('product.deleted_at', 'is', null)
			.orderBy('product.name_sort')
			.orderBy('product.id')
			.execute()
	);
}

export function findProjectContacts(db: Db, projectIds: readonly number[]) {
	return inSlices(projectIds, (slice) =>
		db
			.selectFrom('project_contact')
			.innerJoin('person', 'person.id', 'project_contact.person_id')
			.select([
				'project_contact.project_id',
				'person.id as person_id',
				'person.email',
				'person.email_visibility'
			])
			.where('project_contact.project_id', 'in', slice)
			.where('person.deleted_at', 'is', null)
			.orderBy('project_contact.position')
			.orderBy('person.id')
			.execute()
	);
}

export function findProjectLinks(db: Db, projectIds: readonly number[]) {
	return inSlices(projectIds, (slice) =>
		db
			.selectFrom('project_link')
			.select(['project_id', 'label', 'url'])
			.where('project_id', 'in', slice)
			.orderBy('position')
			.orderBy('id')
			.execute()
	);
}

/** The register's products (not deleted), in a stable order. */
export function findExportProducts(db: Db) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select([
			'product.id',
			'product.name',
			'vendor.name as vendor_name',
			'product.category',
			'product.website',
			'product.is_open_source',
			'product.licence',
			'product.operator',
			'product.description_md'
		])
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.orderBy('product.id')
		.execute();
}
