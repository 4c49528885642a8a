/**
 * The matrix topics are the coordination's, like the domains: it adds, changes and removes them.
 * Everyone may read them (they name areas of work, nothing about anyone).
 */
import type { Actor } from '../context';
import { canWrite, isCoordinator } from '../auth/auth.policy';

export function canManageTopics(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

export function canAdministerTopics(actor: Actor): boolean {
	return actor.kind === 'system' || isCoordinator(actor);
}
