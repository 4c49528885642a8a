/**
 * Who may let whom into the network, as pure functions of the actor. The coordination runs the
 * network (all municipalities, applications, invitations); a municipality admin manages the
 * people of their own municipality and nothing beyond its border; members and visitors manage
 * nobody.
 */
import type { Actor } from '../context';
import type { MunicipalityRole } from '../db/schema';
import { canWrite, isCoordinator, isMunicipalityAdmin, isSignedIn } from '../auth/auth.policy';

/** The administration area (/verwaltung): the coordination and every municipality admin. */
export function canAdministrate(actor: Actor): boolean {
	return (
		isCoordinator(actor) ||
		(isSignedIn(actor) && actor.municipalities.some((membership) => membership.role === 'admin'))
	);
}

/** Network-wide list of open invitations, inviting first admins of any municipality. */
export function canManageInvitations(actor: Actor): boolean {
	return isCoordinator(actor);
}

/** Reading, accepting and declining membership applications. */
export function canDecideApplications(actor: Actor): boolean {
	return isCoordinator(actor);
}

/** Seeing and managing the people of one municipality: its admins and the coordination. */
export function canManageMunicipalityPeople(actor: Actor, municipalityId: number): boolean {
	return isCoordinator(actor) || isMunicipalityAdmin(actor, municipalityId);
}

/**
 * Inviting someone into a municipality with a role. An admin may invite members and further
 * admins of their own municipality; the coordination may invite anyone anywhere.
 */
export function canInviteToMunicipality(
	actor: Actor,
	municipalityId: number,
	role: MunicipalityRole
): boolean {
	void role; // both roles: an admin shares their rights with a colleague of their own choice
	return canWrite(actor) && canManageMunicipalityPeople(actor, municipalityId);
}

/** One invitation for several municipalities: the actor must be allowed for every one. */
export function canInviteToMunicipalities(
	actor: Actor,
	municipalityIds: readonly number[],
	role: MunicipalityRole
): boolean {
	return (
		municipalityIds.length > 0 &&
		municipalityIds.every((id) => canInviteToMunicipality(actor, id, role))
	);
}

/** Revoking or resending an invitation: allowed for every municipality it covers. */
export function canManageInvitation(actor: Actor, municipalityIds: readonly number[]): boolean {
	return (
		canWrite(actor) &&
		(isCoordinator(actor) ||
			(municipalityIds.length > 0 && municipalityIds.every((id) => isMunicipalityAdmin(actor, id))))
	);
}

export type PeopleChangeVerdict = 'allowed' | 'forbidden' | 'last_admin';

/**
 * Changing a person's role in a municipality (`newRole`) or removing them (`null`). A
 * municipality never loses its last admin by an admin's hand (nobody could invite or manage its
 * people any more); only the coordination, who can always invite a new admin, may do that.
 */
export function judgePeopleChange(
	actor: Actor,
	change: {
		municipalityId: number;
		currentRole: MunicipalityRole;
		newRole: MunicipalityRole | null;
		adminCount: number;
	}
): PeopleChangeVerdict {
	if (!canWrite(actor) || !canManageMunicipalityPeople(actor, change.municipalityId)) {
		return 'forbidden';
	}
	const losesAdmin = change.currentRole === 'admin' && change.newRole !== 'admin';
	if (losesAdmin && change.adminCount <= 1 && !isCoordinator(actor)) return 'last_admin';
	return 'allowed';
}
