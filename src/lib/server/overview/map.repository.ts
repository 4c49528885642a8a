/** SQL of the overview map. Queries only; the audience rules come in as a project scope. */
import type { Db } from '../db';
import { projectVisibleTo, type ProjectScope } from '../projects';

/** Every municipality of the register with what the map draws, in German alphabetical order. */
export function findMapMunicipalities(db: Db) {
	return db
		.selectFrom('municipality')
		.select([
			'municipality.id',
			'municipality.ags',
			'municipality.name',
			'municipality.population',
			'municipality.latitude',
			'municipality.longitude',
			'municipality.membership_status',
			'municipality.is_founding_member'
		])
		.orderBy('municipality.name_sort')
		.orderBy('municipality.id')
		.execute();
}

/** The adoptions of a product that is not deleted: municipality and stage. */
export function findAdoptionStages(db: Db, productId: number) {
	return db
		.selectFrom('adoption')
		.innerJoin('product', 'product.id', 'adoption.product_id')
		.select(['adoption.municipality_id', 'adoption.stage'])
		.where('adoption.product_id', '=', productId)
		.where('product.deleted_at', 'is', null)
		.execute();
}

/**
 * Status of every project `scope` may see that uses the product (not deleted), once for the
 * owner and once for each partner municipality.
 */
export function findProjectStagesOfProduct(db: Db, productId: number, scope: ProjectScope) {
	const usingProduct = db
		.selectFrom('project')
		.innerJoin('project_product', 'project_product.project_id', 'project.id')
		.innerJoin('product', 'product.id', 'project_product.product_id')
		.where('project_product.product_id', '=', productId)
		.where('product.deleted_at', 'is', null)
		.where(projectVisibleTo(scope));
	return usingProduct
		.select(['project.municipality_id', 'project.status'])
		.unionAll(
			usingProduct
				.innerJoin('project_partner', 'project_partner.project_id', 'project.id')
				.select(['project_partner.municipality_id', 'project.status'])
		)
		.execute();
}

/**
 * Products (not deleted) that some municipality adopted or that a project `scope` may see uses,
 * by name.
 */
export function findProductsInUse(db: Db, scope: ProjectScope) {
	return db
		.selectFrom('product')
		.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
		.select(['product.id', 'product.name', 'vendor.name as vendor_name'])
		.where('product.deleted_at', 'is', null)
		.where((eb) =>
			eb.or([
				eb.exists(
					eb
						.selectFrom('adoption')
						.select('adoption.id')
						.whereRef('adoption.product_id', '=', 'product.id')
				),
				eb.exists(
					eb
						.selectFrom('project_product')
						.innerJoin('project', 'project.id', 'project_product.project_id')
						.select('project.id')
						.whereRef('project_product.product_id', '=', 'product.id')
						.where(projectVisibleTo(scope))
				)
			])
		)
		.orderBy('product.name_sort')
		.orderBy('vendor.name_sort')
		.orderBy('product.id')
		.execute();
}
