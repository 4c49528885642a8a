/**
 * The list of domains (Fachbereiche) is the coordination's: it adds, renames and archives them.
 * A read-only token changes nothing.
 */
import type { Actor } from '../context';
import { canWrite, isCoordinator } from '../auth/auth.policy';

export function canManageDomains(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

/** Seeing the administration page (archived domains included): the coordination. */
export function canAdministerDomains(actor: Actor): boolean {
	return actor.kind === 'system' || isCoordinator(actor);
}
