/**
 * Who may do what in the solutions register, as pure functions of the actor.
 *
 * - Products are a shared register: every signed-in person with write rights adds and edits them;
 *   only the coordination deletes (softly) and restores, and only it sees deleted products.
 * - An adoption belongs to its municipality: only that municipality's people (and the
 *   coordination) record, change or remove it.
 * - Ratings, experience texts and contacts are for signed-in members; visitors see the product
 *   facts and which municipality uses it at which stage.
 * - A read-only API token never writes.
 */
import type { Actor } from '../context';
import { canWrite, isCoordinator, isMunicipalityMember, isSignedIn } from '../auth/auth.policy';

export function canAddProduct(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isSignedIn(actor));
}

export function canEditProduct(actor: Actor, product: { deletedAt: string | null }): boolean {
	return product.deletedAt === null && canAddProduct(actor);
}

export function canDeleteProduct(actor: Actor, product: { deletedAt: string | null }): boolean {
	return product.deletedAt === null && canManageRegister(actor);
}

export function canRestoreProduct(actor: Actor, product: { deletedAt: string | null }): boolean {
	return product.deletedAt !== null && canManageRegister(actor);
}

/** Seeing a deleted product (to restore it). */
export function canSeeDeletedProducts(actor: Actor): boolean {
	return actor.kind === 'system' || isCoordinator(actor);
}

function canManageRegister(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

/** Recording, changing or removing the adoption of `municipalityId`. */
export function canManageAdoption(actor: Actor, municipalityId: number): boolean {
	if (!canWrite(actor)) return false;
	return (
		actor.kind === 'system' || isCoordinator(actor) || isMunicipalityMember(actor, municipalityId)
	);
}

/** Ratings, experience texts and contact people of adoptions. */
export function canSeeAdoptionDetails(actor: Actor): boolean {
	return actor.kind === 'system' || isSignedIn(actor);
}
