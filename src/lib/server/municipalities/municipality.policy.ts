/**
 * Who may see what of the register. The register's facts are public; pending membership
 * applications are the network's internal business.
 */
import type { Actor } from '../context';

/** Whether the actor may see that a municipality has applied for membership. */
export function canSeeApplications(actor: Actor): boolean {
	return actor.kind === 'system' || (actor.kind === 'person' && actor.isCoordinator);
}
