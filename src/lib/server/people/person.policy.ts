/** Who may use the directory and see a profile, and when an account may be deleted. */
import { canWrite, isSignedIn } from '../auth';
import type { Actor, PersonActor } from '../context';

/** The directory is for the network's people: everyone signed in, nobody else. */
export function canUseDirectory(actor: Actor): actor is PersonActor {
	return isSignedIn(actor);
}

/** Changing one's own profile and settings: in a browser session or with a read-write token. */
export function canEditOwnProfile(actor: Actor): actor is PersonActor {
	return isSignedIn(actor) && canWrite(actor);
}

/**
 * Exporting all one's data and deleting the account: only in a browser session. An API token,
 * even a read-write one, must not carry away or destroy the whole account.
 */
export function canManageOwnAccount(actor: Actor): actor is PersonActor {
	return isSignedIn(actor) && actor.auth.method === 'session';
}

/** A profile shows when its person opted in and still exists; one's own always shows. */
export function canViewProfile(
	actor: Actor,
	person: { id: number; isListed: boolean; isDeleted: boolean }
): boolean {
	if (!canUseDirectory(actor) || person.isDeleted) return false;
	return person.isListed || person.id === actor.personId;
}

/**
 * Why an account may not be deleted, or null. The network must keep at least one coordinator,
 * or nobody could run it any more (admit members, appoint a new coordinator).
 */
export function accountDeletionProblem(person: {
	isCoordinator: boolean;
	otherActiveCoordinators: number;
}): 'last_coordinator' | null {
	return person.isCoordinator && person.otherActiveCoordinators === 0 ? 'last_coordinator' : null;
}
