/**
 * Adoptions: which municipality uses a product at which stage, since when, for what, whom to ask
 * and how happy it is. One row per product and municipality; only that municipality's people
 * (and the coordination) record, change or remove it.
 */
import type { Ctx } from '../context';
import { forbidden, invalid, notFound } from '../errors';
import { withinTransaction } from './product.service';
import { canManageAdoption } from './solutions.policy';
import {
	deleteAdoptionRow,
	findAdoptionRow,
	findMunicipalityRow,
	findProductRow,
	insertAdoption,
	isActivePersonOf,
	updateAdoptionRow
} from './solutions.repository';
import { AdoptionInputSchema, fieldErrorsOf, type AdoptionInput } from './solutions.schema';

/**
 * Records the municipality's use of a product, or changes the one it has. The contact person must
 * belong to that municipality. Returns the adoption's id and whether it was new.
 */
export async function recordAdoption(
	ctx: Ctx,
	input: AdoptionInput
): Promise<{ id: number; isNew: boolean }> {
	const parsed = AdoptionInputSchema.safeParse(input);
	if (!parsed.success) {
		// Who may not write learns nothing about the input.
		const municipalityId = typeof input.municipalityId === 'number' ? input.municipalityId : 0;
		if (!canManageAdoption(ctx.actor, municipalityId)) throw forbidden('may not record adoption');
		throw invalid(fieldErrorsOf(parsed.error));
	}
	const values = parsed.data;
	if (!canManageAdoption(ctx.actor, values.municipalityId)) {
		throw forbidden('may not record an adoption for this municipality');
	}
	const now = ctx.now().toISOString();
	return withinTransaction(ctx.db, async (db) => {
		const product = await findProductRow(db, values.productId);
		if (!product || product.deleted_at !== null) throw notFound('product');
		if (!(await findMunicipalityRow(db, values.municipalityId))) throw notFound('municipality');
		if (
			values.contactPersonId !== null &&
			!(await isActivePersonOf(db, values.contactPersonId, values.municipalityId))
		) {
			throw invalid({ contactPersonId: 'contact_not_member' });
		}
		const fields = {
			stage: values.stage,
			since_on: values.sinceOn,
			used_for: values.usedFor,
			contact_person_id: values.contactPersonId,
			rating: values.rating,
			experience: values.experience,
			updated_at: now
		};
		const existing = await findAdoptionRow(db, values.productId, values.municipalityId);
		if (existing) {
			await updateAdoptionRow(db, existing.id, fields);
			return { id: existing.id, isNew: false };
		}
		const id = await insertAdoption(db, {
			...fields,
			product_id: values.productId,
			municipality_id: values.municipalityId,
			created_by_person_id: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
			created_at: now
		});
		return { id, isNew: true };
	});
}

/** Removes the municipality's adoption of a product (nothing happens when there is none). */
export async function removeAdoption(
	ctx: Ctx,
	{ productId, municipalityId }: { productId: number; municipalityId: number }
): Promise<void> {
	if (!canManageAdoption(ctx.actor, municipalityId)) {
		throw forbidden('may not remove an adoption of this municipality');
	}
	await withinTransaction(ctx.db, async (db) => {
		const existing = await findAdoptionRow(db, productId, municipalityId);
		if (existing) await deleteAdoptionRow(db, existing.id);
	});
}

/**
 * "Wir nutzen das auch": records a live adoption for the municipality in one step. Refused
 * (`already_recorded`) when the municipality has one already: that one is edited instead.
 */
export async function adoptProduct(
	ctx: Ctx,
	{ productId, municipalityId }: { productId: number; municipalityId: number }
): Promise<{ id: number }> {
	if (!canManageAdoption(ctx.actor, municipalityId)) {
		throw forbidden('may not record an adoption for this municipality');
	}
	return withinTransaction(ctx.db, async (db) => {
		if (await findAdoptionRow(db, productId, municipalityId)) {
			throw invalid({ municipalityId: 'already_recorded' });
		}
		const { id } = await recordAdoption(
			{ ...ctx, db },
			{ productId, municipalityId, stage: 'live' }
		);
		return { id };
	});
}
