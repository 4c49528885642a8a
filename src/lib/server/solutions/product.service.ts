/**
 * Products of the solutions register: adding and editing them (a shared register), deleting and
 * restoring (the coordination), the list at /loesungen and the options of product pickers.
 */
import { publishEvent } from '../notifications/publish';
import { indexProduct } from '../search/search.indexer';
import type { Ctx } from '../context';
import { inTransaction, type Db } from '../db';
import { forbidden, invalid, notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import {
	canAddProduct,
	canDeleteProduct,
	canEditProduct,
	canRestoreProduct,
	canSeeDeletedProducts
} from './solutions.policy';
import {
	countProductRows,
	findAdoptingMunicipalities,
	findProductOptionRows,
	findProductPageRows,
	findProductRow,
	findSameProduct,
	findVendorIdBySortKey,
	insertProduct,
	insertVendor,
	updateProductRow,
	type ProductListQuery
} from './solutions.repository';
import {
	fieldErrorsOf,
	PRODUCT_PAGE_SIZE,
	ProductInputSchema,
	type ProductCategory,
	type ProductFilter,
	type ProductInput,
	type ProductValues
} from './solutions.schema';

/**
 * Runs `work` in the caller's transaction when there is one (an importer adds many products in
 * one), else in a new one.
 */
export function withinTransaction<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : inTransaction(db, work);
}

function parseProduct(input: ProductInput): ProductValues {
	const parsed = ProductInputSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	return parsed.data;
}

/** The vendor of that name (by German sort key), created when there is none yet. */
async function vendorIdFor(db: Db, vendorName: string | null): Promise<number | null> {
	if (vendorName === null) return null;
	const nameSort = germanSortKey(vendorName);
	if (nameSort === '') return null;
	return (await findVendorIdBySortKey(db, nameSort)) ?? insertVendor(db, vendorName, nameSort);
}

function personIdOf(ctx: Ctx): number | null {
	return ctx.actor.kind === 'person' ? ctx.actor.personId : null;
}

/**
 * Adds a product to the register. The vendor is found by name or created; the same product name
 * with the same vendor twice is refused (`name_taken`).
 */
export async function createProduct(ctx: Ctx, input: ProductInput): Promise<{ id: number }> {
	if (!canAddProduct(ctx.actor)) throw forbidden('may not add products');
	const values = parseProduct(input);
	const nameSort = germanSortKey(values.name);
	if (nameSort === '') throw invalid({ name: 'name_required' });
	const now = ctx.now().toISOString();
	return withinTransaction(ctx.db, async (db) => {
		const vendorId = await vendorIdFor(db, values.vendorName);
		if (await findSameProduct(db, nameSort, vendorId, null)) throw invalid({ name: 'name_taken' });
		const id = await insertProduct(db, {
			...productColumns(values, nameSort, vendorId),
			created_by_person_id: personIdOf(ctx),
			created_at: now,
			updated_at: now
		});
		await indexProduct(db, id);
		return { id };
	});
}

/** The stored columns of a product's facts, for insert and update alike. */
function productColumns(values: ProductValues, nameSort: string, vendorId: number | null) {
	return {
		name: values.name,
		name_sort: nameSort,
		vendor_id: vendorId,
		category: values.category,
		website: values.website,
		is_open_source: values.isOpenSource,
		licence: values.licence,
		operator: values.operator,
		description_md: values.descriptionMd
	};
}

/** Changes a product's facts (every field at once, as the form sends them). */
export async function updateProduct(ctx: Ctx, id: number, input: ProductInput): Promise<void> {
	if (!canAddProduct(ctx.actor)) throw forbidden('may not edit products');
	const values = parseProduct(input);
	const nameSort = germanSortKey(values.name);
	if (nameSort === '') throw invalid({ name: 'name_required' });
	await withinTransaction(ctx.db, async (db) => {
		const row = await findProductRow(db, id);
		if (!row || (row.deleted_at !== null && !canSeeDeletedProducts(ctx.actor))) {
			throw notFound('product');
		}
		if (!canEditProduct(ctx.actor, { deletedAt: row.deleted_at })) {
			throw forbidden('may not edit this product');
		}
		const vendorId = await vendorIdFor(db, values.vendorName);
		if (await findSameProduct(db, nameSort, vendorId, id)) throw invalid({ name: 'name_taken' });
		await updateProductRow(db, id, {
			...productColumns(values, nameSort, vendorId),
			updated_at: ctx.now().toISOString()
		});
		await indexProduct(db, id);
		if (row.deleted_at === null) {
			// Followers of the product learn that its facts changed (decision 0027).
			await publishEvent(db, {
				kind: 'product_updated',
				actorPersonId: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
				audience: 'public',
				title: `Lösung „${values.name}“ wurde aktualisiert`,
				url: `/loesungen/${id}`,
				subjects: [{ type: 'product', id }],
				occurredAt: ctx.now()
			});
		}
	});
}

/** Soft deletion by the coordination; adoptions stay for the record. */
export async function deleteProduct(ctx: Ctx, id: number): Promise<void> {
	await withinTransaction(ctx.db, async (db) => {
		const row = await findProductRow(db, id);
		if (!row) throw notFound('product');
		if (!canDeleteProduct(ctx.actor, { deletedAt: row.deleted_at })) {
			if (row.deleted_at !== null && !canSeeDeletedProducts(ctx.actor)) throw notFound('product');
			throw forbidden('may not delete this product');
		}
		const now = ctx.now().toISOString();
		await updateProductRow(db, id, { deleted_at: now, updated_at: now });
	});
}

/** Undoes a deletion (the coordination); refused while another product took its name. */
export async function restoreProduct(ctx: Ctx, id: number): Promise<void> {
	await withinTransaction(ctx.db, async (db) => {
		const row = await findProductRow(db, id);
		if (!row || !canSeeDeletedProducts(ctx.actor)) throw notFound('product');
		if (!canRestoreProduct(ctx.actor, { deletedAt: row.deleted_at })) {
			throw forbidden('may not restore this product');
		}
		if (await findSameProduct(db, germanSortKey(row.name), row.vendor_id, id)) {
			throw invalid({ name: 'name_taken' });
		}
		await updateProductRow(db, id, { deleted_at: null, updated_at: ctx.now().toISOString() });
	});
}

export interface ProductOption {
	id: number;
	name: string;
	vendorName: string | null;
}

/** All products (not deleted) by name, for pickers (projects, imports). Public facts. */
export async function listProductOptions(ctx: Ctx): Promise<ProductOption[]> {
	const rows = await findProductOptionRows(ctx.db);
	return rows.map((row) => ({ id: row.id, name: row.name, vendorName: row.vendor_name }));
}

export interface ProductSummary {
	id: number;
	name: string;
	vendorName: string | null;
	category: ProductCategory;
	isOpenSource: boolean;
	/** Municipalities running it live. */
	liveCount: number;
	isDeleted: boolean;
}

export interface ProductPage {
	items: ProductSummary[];
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
}

/**
 * One page of the register, filtered and sorted as the URL says. Product facts are public; deleted
 * products are listed (on their own) for the coordination only.
 */
export async function listProducts(ctx: Ctx, filter: ProductFilter): Promise<ProductPage> {
	const base: Omit<ProductListQuery, 'limit' | 'offset'> = {
		nameKeyContains: filter.q ? germanSortKey(filter.q) || undefined : undefined,
		category: filter.kategorie,
		openSourceOnly: filter.opensource,
		municipalityAgs: filter.kommune,
		stage: filter.phase,
		deleted: filter.geloescht && canSeeDeletedProducts(ctx.actor),
		sort: filter.sortierung
	};
	const total = await countProductRows(ctx.db, { ...base, limit: 0, offset: 0 });
	const pageCount = Math.max(1, Math.ceil(total / PRODUCT_PAGE_SIZE));
	const page = Math.min(filter.seite, pageCount);
	const rows = await findProductPageRows(ctx.db, {
		...base,
		limit: PRODUCT_PAGE_SIZE,
		offset: (page - 1) * PRODUCT_PAGE_SIZE
	});
	return {
		items: rows.map((row) => ({
			id: row.id,
			name: row.name,
			vendorName: row.vendor_name,
			category: row.category as ProductCategory,
			isOpenSource: row.is_open_source,
			liveCount: Number(row.live_count ?? 0),
			isDeleted: row.deleted_at !== null
		})),
		total,
		page,
		pageSize: PRODUCT_PAGE_SIZE,
		pageCount
	};
}

/** The municipalities the list can be filtered by (those that recorded any use). */
export function listAdoptingMunicipalities(ctx: Ctx): Promise<{ ags: string; name: string }[]> {
	return findAdoptingMunicipalities(ctx.db);
}
