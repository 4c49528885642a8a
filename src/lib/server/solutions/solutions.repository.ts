/** Queries of the solutions register: vendors, products, adoptions. */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db';
import type { AdoptionStage, AdoptionTable, ProductTable } from '../db/schema';
import type { ProjectScope } from '../projects/project.policy';
import { projectVisibleTo } from '../projects/project.visibility';

// -- vendors --

export function findVendorIdBySortKey(db: Db, nameSort: string) {
	return db
		.selectFrom('vendor')
		.select('id')
		.where('name_sort', '=', nameSort)
		.executeTakeFirst()
		.then((row) => row?.id ?? null);
}

export async function insertVendor(db: Db, name: string, nameSort: string): Promise<number> {
	const row = await db
		.insertInto('vendor')
		.values({ name, name_sort: nameSort })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

// -- products --

export function findProductRow(db: Db, id: number) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select([
			'product.id',
			'product.name',
			'product.vendor_id',
			'vendor.name as vendor_name',
			'vendor.website as vendor_website',
			'product.category',
			'product.website',
			'product.is_open_source',
			'product.licence',
			'product.operator',
			'product.description_md',
			'product.created_at',
			'product.updated_at',
			'product.deleted_at',
			'product.is_demo'
		])
		.where('product.id', '=', id)
		.executeTakeFirst();
}

/** Another product (not deleted) with the same name key and vendor. */
export function findSameProduct(
	db: Db,
	nameSort: string,
	vendorId: number | null,
	exceptId: number | null
) {
	let query = db
		.selectFrom('product')
		.select('id')
		.where('name_sort', '=', nameSort)
		.where('deleted_at', 'is', null);
	query =
		vendorId === null
			? query.where('vendor_id', 'is', null)
			: query.where('vendor_id', '=', vendorId);
	if (exceptId !== null) query = query.where('id', '<>', exceptId);
	return query.executeTakeFirst();
}

export async function insertProduct(db: Db, values: Insertable<ProductTable>): Promise<number> {
	const row = await db
		.insertInto('product')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateProductRow(
	db: Db,
	id: number,
	values: Updateable<ProductTable>
): Promise<void> {
	await db.updateTable('product').set(values).where('id', '=', id).execute();
}

export function findProductOptionRows(db: Db) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select(['product.id', 'product.name', 'vendor.name as vendor_name'])
		.where('product.deleted_at', 'is', null)
		.orderBy('product.name_sort')
		.orderBy('vendor.name_sort')
		.orderBy('product.id')
		.execute();
}

export interface ProductListQuery {
	nameKeyContains?: string;
	category?: string;
	openSourceOnly: boolean;
	/** Products with an adoption of this municipality (and stage, when given). */
	municipalityAgs?: string;
	stage?: AdoptionStage;
	/** false: products in use; true: deleted products only (the coordination's view). */
	deleted: boolean;
	sort: 'name' | 'verbreitung';
	limit: number;
	offset: number;
}

function productListBase(db: Db, query: ProductListQuery) {
	let q = db.selectFrom('product').leftJoin('vendor', 'vendor.id', 'product.vendor_id');
	q = query.deleted
		? q.where('product.deleted_at', 'is not', null)
		: q.where('product.deleted_at', 'is', null);
	if (query.nameKeyContains) {
		const pattern = `%${query.nameKeyContains}%`;
		q = q.where((eb) =>
			eb.or([eb('product.name_sort', 'like', pattern), eb('vendor.name_sort', 'like', pattern)])
		);
	}
	if (query.category) q = q.where('product.category', '=', query.category);
	if (query.openSourceOnly) q = q.where('product.is_open_source', '=', true);
	if (query.municipalityAgs || query.stage) {
		const { municipalityAgs, stage } = query;
		q = q.where((eb) => {
			let sub = eb
				.selectFrom('adoption')
				.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
				.select('adoption.id')
				.whereRef('adoption.product_id', '=', 'product.id');
			if (municipalityAgs) sub = sub.where('municipality.ags', '=', municipalityAgs);
			if (stage) sub = sub.where('adoption.stage', '=', stage);
			return eb.exists(sub);
		});
	}
	return q;
}

export async function countProductRows(db: Db, query: ProductListQuery): Promise<number> {
	const row = await productListBase(db, query)
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export function findProductPageRows(db: Db, query: ProductListQuery) {
	let q = productListBase(db, query).select((eb) => [
		'product.id',
		'product.name',
		'product.category',
		'product.is_open_source',
		'product.deleted_at',
		'vendor.name as vendor_name',
		eb
			.selectFrom('adoption')
			.select((inner) => inner.fn.countAll<number | string>().as('n'))
			.whereRef('adoption.product_id', '=', 'product.id')
			.where('adoption.stage', '=', 'live')
			.as('live_count')
	]);
	if (query.sort === 'verbreitung') {
		q = q.orderBy(
			(eb) =>
				eb
					.selectFrom('adoption')
					.select((inner) => inner.fn.countAll<number>().as('n'))
					.whereRef('adoption.product_id', '=', 'product.id')
					.where('adoption.stage', '=', 'live'),
			'desc'
		);
	}
	return q
		.orderBy('product.name_sort')
		.orderBy('product.id')
		.limit(query.limit)
		.offset(query.offset)
		.execute();
}

// -- adoptions --

export function findAdoptionRow(db: Db, productId: number, municipalityId: number) {
	return db
		.selectFrom('adoption')
		.selectAll()
		.where('product_id', '=', productId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
}

export async function insertAdoption(db: Db, values: Insertable<AdoptionTable>): Promise<number> {
	const row = await db
		.insertInto('adoption')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateAdoptionRow(
	db: Db,
	id: number,
	values: Updateable<AdoptionTable>
): Promise<void> {
	await db.updateTable('adoption').set(values).where('id', '=', id).execute();
}

export async function deleteAdoptionRow(db: Db, id: number): Promise<void> {
	await db.deleteFrom('adoption').where('id', '=', id).execute();
}

/** The adoptions of a product with their municipality and contact person. */
export function findAdoptionsOfProduct(db: Db, productId: number) {
	return db
		.selectFrom('adoption')
		.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
		.leftJoin('person', (join) =>
			join.onRef('person.id', '=', 'adoption.contact_person_id').on('person.deleted_at', 'is', null)
		)
		.select([
			'adoption.id',
			'adoption.municipality_id',
			'municipality.ags',
			'municipality.name as municipality_name',
			'adoption.stage',
			'adoption.since_on',
			'adoption.used_for',
			'adoption.rating',
			'adoption.experience',
			'adoption.updated_at',
			'person.id as contact_id',
			'person.display_name as contact_name',
			'person.job_title as contact_job_title',
			'person.email as contact_email',
			'person.phone as contact_phone',
			'person.email_visibility as contact_email_visibility',
			'person.phone_visibility as contact_phone_visibility'
		])
		.where('adoption.product_id', '=', productId)
		.orderBy('municipality.name_sort')
		.execute();
}

export function findMunicipalityIdsOf(db: Db, personIds: readonly number[]) {
	if (personIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('person_municipality')
		.select(['person_id', 'municipality_id'])
		.where('person_id', 'in', [...personIds])
		.execute();
}

export async function isActivePersonOf(
	db: Db,
	personId: number,
	municipalityId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('person_municipality')
		.innerJoin('person', 'person.id', 'person_municipality.person_id')
		.select('person.id')
		.where('person_municipality.person_id', '=', personId)
		.where('person_municipality.municipality_id', '=', municipalityId)
		.where('person.deleted_at', 'is', null)
		.executeTakeFirst();
	return row !== undefined;
}

export function findMunicipalityRow(db: Db, id: number) {
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export function findMunicipalityByAgs(db: Db, ags: string) {
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name'])
		.where('ags', '=', ags)
		.executeTakeFirst();
}

export function findMunicipalityRows(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('municipality')
		.select(['id', 'ags', 'name'])
		.where('id', 'in', [...ids])
		.orderBy('name_sort')
		.execute();
}

/** People of a municipality who may be named as its contact (not deleted), by name. */
export function findPeopleOf(db: Db, municipalityId: number) {
	return db
		.selectFrom('person')
		.innerJoin('person_municipality', 'person_municipality.person_id', 'person.id')
		.select(['person.id', 'person.display_name'])
		.where('person_municipality.municipality_id', '=', municipalityId)
		.where('person.deleted_at', 'is', null)
		.orderBy('person.name_sort')
		.orderBy('person.display_name')
		.execute();
}

/** Projects that use the product, restricted to what `scope` may see. */
export function findProjectsUsingProduct(db: Db, productId: number, scope: ProjectScope) {
	return db
		.selectFrom('project')
		.innerJoin('project_product', 'project_product.project_id', 'project.id')
		.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
		.select([
			'project.id',
			'project.title',
			'project.status',
			'municipality.name as municipality_name'
		])
		.where('project_product.product_id', '=', productId)
		.where(projectVisibleTo(scope))
		.orderBy('project.title_sort')
		.orderBy('project.id')
		.execute();
}

/** Municipalities with at least one adoption of a product that is not deleted, by name. */
export function findAdoptingMunicipalities(db: Db) {
	return db
		.selectFrom('municipality')
		.select(['municipality.ags', 'municipality.name'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('adoption')
					.innerJoin('product', 'product.id', 'adoption.product_id')
					.select('adoption.id')
					.whereRef('adoption.municipality_id', '=', 'municipality.id')
					.where('product.deleted_at', 'is', null)
			)
		)
		.orderBy('municipality.name_sort')
		.execute();
}
