/**
 * SQL of the API's reads of the solutions register: products (keyset pages by name) and
 * adoptions (keyset pages by last change). Deleted products and their adoptions are left out.
 */
import type { Db } from '../db';
import type { AdoptionStage } from '../db/schema';

export interface SolutionPageQuery {
	/** germanSortKey of words in the name. */
	nameKey?: string;
	category?: string;
	/** Only products this municipality uses (any stage). */
	usedByAgs?: string;
	after?: { nameSort: string; id: number };
	limit: number;
}

function productSelect(db: Db) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.where('product.deleted_at', 'is', null)
		.select([
			'product.id',
			'product.name',
			'product.name_sort',
			'product.vendor_id',
			'vendor.name as vendor_name',
			'vendor.website as vendor_website',
			'product.category',
			'product.website',
			'product.is_open_source',
			'product.licence',
			'product.operator',
			'product.is_demo',
			'product.created_at',
			'product.updated_at',
			(eb) =>
				eb
					.selectFrom('adoption')
					.whereRef('adoption.product_id', '=', 'product.id')
					.select((inner) => inner.fn.countAll<number | string>().as('count'))
					.as('adoption_count')
		]);
}

export type ProductRow = Awaited<ReturnType<typeof findProductPage>>[number];

export function findProductPage(db: Db, query: SolutionPageQuery) {
	let q = productSelect(db);
	if (query.nameKey) q = q.where('product.name_sort', 'like', `%${query.nameKey}%`);
	if (query.category) q = q.where('product.category', '=', query.category);
	const ags = query.usedByAgs;
	if (ags) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('adoption')
					.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
					.select('adoption.id')
					.whereRef('adoption.product_id', '=', 'product.id')
					.where('municipality.ags', '=', ags)
			)
		);
	}
	const after = query.after;
	if (after) {
		q = q.where((eb) =>
			eb(eb.refTuple('product.name_sort', 'product.id'), '>', eb.tuple(after.nameSort, after.id))
		);
	}
	return q.orderBy('product.name_sort').orderBy('product.id').limit(query.limit).execute();
}

export function findProduct(db: Db, id: number) {
	return productSelect(db)
		.where('product.id', '=', id)
		.select('product.description_md')
		.executeTakeFirst();
}

export interface AdoptionPageQuery {
	productId?: number;
	ags?: string;
	stage?: AdoptionStage;
	after?: { updatedAt: string; id: number };
	limit: number;
}

function adoptionSelect(db: Db) {
	return db
		.selectFrom('adoption')
		.innerJoin('product', 'product.id', 'adoption.product_id')
		.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
		.leftJoin('person', (join) =>
			join.onRef('person.id', '=', 'adoption.contact_person_id').on('person.deleted_at', 'is', null)
		)
		.where('product.deleted_at', 'is', null)
		.select([
			'adoption.id',
			'adoption.product_id',
			'adoption.municipality_id',
			'product.name as product_name',
			'municipality.ags',
			'municipality.name as municipality_name',
			'adoption.stage',
			'adoption.since_on',
			'adoption.used_for',
			'adoption.rating',
			'adoption.experience',
			'person.id as contact_id',
			'person.display_name as contact_name',
			'adoption.is_demo',
			'adoption.created_at',
			'adoption.updated_at'
		]);
}

export type AdoptionRow = Awaited<ReturnType<typeof findAdoptionPage>>[number];

/** Newest change first; ties by id. */
export function findAdoptionPage(db: Db, query: AdoptionPageQuery) {
	let q = adoptionSelect(db);
	if (query.productId !== undefined) q = q.where('adoption.product_id', '=', query.productId);
	if (query.ags) q = q.where('municipality.ags', '=', query.ags);
	if (query.stage) q = q.where('adoption.stage', '=', query.stage);
	const after = query.after;
	if (after) {
		q = q.where((eb) =>
			eb(
				eb.refTuple('adoption.updated_at', 'adoption.id'),
				'<',
				eb.tuple(after.updatedAt, after.id)
			)
		);
	}
	return q
		.orderBy('adoption.updated_at', 'desc')
		.orderBy('adoption.id', 'desc')
		.limit(query.limit)
		.execute();
}

/** The adoptions of one product, by municipality name. */
export function findAdoptionsOfProduct(db: Db, productId: number) {
	return adoptionSelect(db)
		.where('adoption.product_id', '=', productId)
		.orderBy('municipality.name_sort')
		.execute();
}

/** One adoption by product and municipality (after a write). */
export function findAdoption(db: Db, productId: number, municipalityId: number) {
	return adoptionSelect(db)
		.where('adoption.product_id', '=', productId)
		.where('adoption.municipality_id', '=', municipalityId)
		.executeTakeFirst();
}

export function findAdoptionById(db: Db, id: number) {
	return adoptionSelect(db).where('adoption.id', '=', id).executeTakeFirst();
}
