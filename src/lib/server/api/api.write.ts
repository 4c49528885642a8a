/** Helpers of the API's writes: keys to ids, and the modules' field names to the API's. */
import type { Actor, Ctx } from '../context';
import { DomainError, invalid, isDomainError } from '../errors';
import { findMunicipalityIdsByAgs } from './municipality.repository';

/** Ids of the given municipality keys; an unknown key is INVALID under `field`. */
export async function municipalityIdsOf(
	ctx: Ctx,
	ags: readonly string[],
	field: string
): Promise<number[]> {
	const ids = await findMunicipalityIdsByAgs(ctx.db, ags);
	return ags.map((key) => {
		const id = ids.get(key);
		if (id === undefined) throw invalid({ [field]: 'municipality_unknown' });
		return id;
	});
}

/**
 * The municipality a person acts for when the body names none: their only one. With several
 * (or none) the field is required.
 */
export async function actingMunicipalityId(
	ctx: Ctx,
	ags: string | undefined,
	field: string
): Promise<number> {
	if (ags !== undefined) {
		const [id] = await municipalityIdsOf(ctx, [ags], field);
		return id!;
	}
	const actor: Actor = ctx.actor;
	if (actor.kind === 'person' && actor.municipalities.length === 1) {
		return actor.municipalities[0]!.municipalityId;
	}
	throw invalid({ [field]: 'municipality_required' });
}

/** Runs a module's use case and renames the fields of its INVALID answer to the API's names. */
export async function withApiFieldNames<T>(
	names: Record<string, string>,
	work: () => Promise<T>
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isDomainError(error) && Object.keys(error.fields).length > 0) {
			const fields: Record<string, string> = {};
			for (const [field, problem] of Object.entries(error.fields)) {
				const [head, ...rest] = field.split('.');
				fields[[names[head!] ?? head, ...rest].join('.')] = problem;
			}
			throw new DomainError(error.code, error.message, fields);
		}
		throw error;
	}
}
