/**
 * The API's reads of the solutions register: products and adoptions. Both are open to everyone
 * (the register names products and who uses them); contact people only to signed-in callers.
 * Writes go through the solutions module's use cases.
 */
import { z } from 'zod';
import { canWrite, isSignedIn } from '../auth/auth.policy';
import type { Ctx } from '../context';
import { forbidden, notFound } from '../errors';
import {
	createProduct,
	recordAdoption,
	removeAdoption,
	updateProduct,
	type ProductInput
} from '../solutions';
import { germanSortKey } from '../text/sort-key';
import { decodeCursor, keysetPage } from '../web/cursor';
import type { AdoptionJson, Page, SolutionJson, SolutionSummaryJson } from './api.schema';
import {
	ADOPTION_FIELD_NAMES,
	AdoptionBodySchema,
	parseBody,
	SolutionBodySchema,
	SolutionPatchSchema
} from './api.input';
import { PathIdSchema, type AdoptionListQuery, type SolutionListQuery } from './api.query';
import { actingMunicipalityId, withApiFieldNames } from './api.write';
import { presentAdoption, presentSolution, presentSolutionSummary } from './solution.presenter';
import {
	findAdoption,
	findAdoptionById,
	findAdoptionPage,
	findAdoptionsOfProduct,
	findProduct,
	findProductPage
} from './solution.repository';

const SOLUTION_CURSOR = 'solutions';
const ADOPTION_CURSOR = 'adoptions';
const Position = z.tuple([z.string().max(400), z.number().int().positive()]);

export async function listSolutionsForApi(
	ctx: Ctx,
	query: SolutionListQuery
): Promise<Page<SolutionSummaryJson>> {
	const after = query.cursor ? decodeCursor(SOLUTION_CURSOR, query.cursor, Position) : undefined;
	const rows = await findProductPage(ctx.db, {
		nameKey: query.q ? germanSortKey(query.q) || undefined : undefined,
		category: query.category,
		usedByAgs: query.municipality,
		after: after ? { nameSort: after[0], id: after[1] } : undefined,
		limit: query.limit + 1
	});
	const page = keysetPage(rows, query.limit, SOLUTION_CURSOR, (row) => [row.name_sort, row.id]);
	return { items: page.rows.map(presentSolutionSummary), nextCursor: page.nextCursor };
}

/** One product with its adoptions; a deleted or unknown one is NOT_FOUND. */
export async function getSolutionForApi(ctx: Ctx, id: unknown): Promise<SolutionJson> {
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('product');
	const row = await findProduct(ctx.db, parsed.data);
	if (!row) throw notFound('product');
	const adoptions = await findAdoptionsOfProduct(ctx.db, row.id);
	const showContact = isSignedIn(ctx.actor);
	return presentSolution(
		row,
		adoptions.map((adoption) => presentAdoption(adoption, showContact))
	);
}

export async function listAdoptionsForApi(
	ctx: Ctx,
	query: AdoptionListQuery
): Promise<Page<AdoptionJson>> {
	const after = query.cursor ? decodeCursor(ADOPTION_CURSOR, query.cursor, Position) : undefined;
	const rows = await findAdoptionPage(ctx.db, {
		productId: query.product,
		ags: query.municipality,
		stage: query.stage,
		after: after ? { updatedAt: after[0], id: after[1] } : undefined,
		limit: query.limit + 1
	});
	const page = keysetPage(rows, query.limit, ADOPTION_CURSOR, (row) => [row.updated_at, row.id]);
	const showContact = isSignedIn(ctx.actor);
	return {
		items: page.rows.map((row) => presentAdoption(row, showContact)),
		nextCursor: page.nextCursor
	};
}

/** One adoption by product and municipality (to answer a write); NOT_FOUND when there is none. */
export async function getAdoptionForApi(
	ctx: Ctx,
	where: { productId: number; municipalityId: number } | { id: unknown }
): Promise<AdoptionJson> {
	let row;
	if ('id' in where) {
		const id = PathIdSchema.safeParse(where.id);
		if (!id.success) throw notFound('adoption');
		row = await findAdoptionById(ctx.db, id.data);
	} else {
		row = await findAdoption(ctx.db, where.productId, where.municipalityId);
	}
	if (!row) throw notFound('adoption');
	return presentAdoption(row, isSignedIn(ctx.actor));
}

const PRODUCT_FIELD_NAMES = { descriptionMd: 'description' };

/** Adds a product through the solutions module and answers it as GET would. */
export async function createSolutionForApi(ctx: Ctx, body: unknown): Promise<SolutionJson> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const { description, ...rest } = parseBody(SolutionBodySchema, body);
	const { id } = await withApiFieldNames(PRODUCT_FIELD_NAMES, () =>
		createProduct(ctx, { ...rest, descriptionMd: description })
	);
	return getSolutionForApi(ctx, id);
}

/** Changes the given fields of a product and keeps the others. */
export async function updateSolutionForApi(
	ctx: Ctx,
	id: unknown,
	body: unknown
): Promise<SolutionJson> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const parsedId = PathIdSchema.safeParse(id);
	if (!parsedId.success) throw notFound('product');
	const patch = parseBody(SolutionPatchSchema, body);
	const current = await findProduct(ctx.db, parsedId.data);
	if (!current) throw notFound('product');
	const { description, ...rest } = patch;
	await withApiFieldNames(PRODUCT_FIELD_NAMES, () =>
		updateProduct(ctx, current.id, {
			name: current.name,
			vendorName: current.vendor_name,
			category: current.category as ProductInput['category'],
			website: current.website,
			isOpenSource: current.is_open_source,
			licence: current.licence,
			operator: current.operator,
			descriptionMd: current.description_md,
			...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
			...(description === undefined ? {} : { descriptionMd: description })
		})
	);
	return getSolutionForApi(ctx, current.id);
}

/**
 * Records (or replaces) a municipality's adoption of a product: one of the caller's own
 * municipalities, the only one when the body names none. `created` tells a new one from a change.
 */
export async function putAdoptionForApi(
	ctx: Ctx,
	body: unknown
): Promise<{ adoption: AdoptionJson; created: boolean }> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const input = parseBody(AdoptionBodySchema, body);
	const municipalityId = await actingMunicipalityId(ctx, input.municipality, 'municipality');
	const result = await withApiFieldNames(ADOPTION_FIELD_NAMES, () =>
		recordAdoption(ctx, {
			productId: input.product,
			municipalityId,
			stage: input.stage,
			sinceOn: input.sinceOn ?? null,
			usedFor: input.usedFor ?? null,
			contactPersonId: input.contact ?? null,
			rating: input.rating ?? null,
			experience: input.experience ?? null
		})
	);
	return { adoption: await getAdoptionForApi(ctx, { id: result.id }), created: result.isNew };
}

/** Removes an adoption of one of the caller's municipalities. */
export async function deleteAdoptionForApi(ctx: Ctx, id: unknown): Promise<void> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('adoption');
	const row = await findAdoptionById(ctx.db, parsed.data);
	if (!row) throw notFound('adoption');
	await removeAdoption(ctx, { productId: row.product_id, municipalityId: row.municipality_id });
}
