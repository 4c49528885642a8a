/**
 * Who may see and change which project, as pure functions of the actor. Every path that can show
 * a project (pages, API, exports, attachments, feeds, reuse requests, search) asks these, or the
 * equivalent query filter in project.visibility.ts.
 *
 * - `public`: everyone; `network`: every signed-in member; `draft`: the owner's and the partners'
 *   people (and the coordination).
 * - A deleted project is seen only by the coordination (to restore it).
 * - Editing: the owner municipality's people, the partners' people where the owner allows it, the
 *   coordination; never through a read-only token.
 */
import type { Actor } from '../context';
import type { ProjectVisibility } from '../db/schema';
import { canWrite, isCoordinator, isMunicipalityMember, isSignedIn } from '../auth/auth.policy';

/** What a policy needs to know about a project. */
export interface ProjectAccessFacts {
	municipalityId: number;
	partnerMunicipalityIds: readonly number[];
	visibility: ProjectVisibility;
	partnersCanEdit: boolean;
	deletedAt: string | null;
}

/** Whether the actor belongs to the owner or a partner municipality. */
export function isProjectParticipant(actor: Actor, project: ProjectAccessFacts): boolean {
	return (
		isMunicipalityMember(actor, project.municipalityId) ||
		project.partnerMunicipalityIds.some((id) => isMunicipalityMember(actor, id))
	);
}

export function canSeeProject(actor: Actor, project: ProjectAccessFacts): boolean {
	if (actor.kind === 'system' || isCoordinator(actor)) return true;
	if (project.deletedAt !== null) return false;
	switch (project.visibility) {
		case 'public':
			return true;
		case 'network':
			return isSignedIn(actor);
		case 'draft':
			return isProjectParticipant(actor, project);
	}
}

export function canEditProject(actor: Actor, project: ProjectAccessFacts): boolean {
	if (!canWrite(actor) || project.deletedAt !== null) return false;
	if (actor.kind === 'system' || isCoordinator(actor)) return true;
	if (isMunicipalityMember(actor, project.municipalityId)) return true;
	return (
		project.partnersCanEdit &&
		project.partnerMunicipalityIds.some((id) => isMunicipalityMember(actor, id))
	);
}

/** Adding a project for a municipality: its own people and the coordination. */
export function canCreateProjectFor(actor: Actor, municipalityId: number): boolean {
	if (!canWrite(actor)) return false;
	return (
		actor.kind === 'system' || isCoordinator(actor) || isMunicipalityMember(actor, municipalityId)
	);
}

/** Whether the actor may add projects at all (offers "Projekt eintragen"). */
export function canAddProjects(actor: Actor): boolean {
	if (!canWrite(actor)) return false;
	return (
		actor.kind === 'system' ||
		isCoordinator(actor) ||
		(actor.kind === 'person' && actor.municipalities.length > 0)
	);
}

/** Soft deletion: the owner's people and the coordination (partners may not). */
export function canDeleteProject(actor: Actor, project: ProjectAccessFacts): boolean {
	if (!canWrite(actor) || project.deletedAt !== null) return false;
	return (
		actor.kind === 'system' ||
		isCoordinator(actor) ||
		isMunicipalityMember(actor, project.municipalityId)
	);
}

/**
 * Changing who owns a project, its partners and whether partners may edit: the owner's people and
 * the coordination (partners who may edit the content may not widen their own rights).
 */
export function canManageProjectSharing(actor: Actor, project: ProjectAccessFacts): boolean {
	return canDeleteProject(actor, project);
}

/** Undoing a deletion, and seeing deleted projects: the coordination only. */
export function canRestoreProject(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

/**
 * Which projects a list may show the actor, as data a query can apply (project.visibility.ts).
 * `all`: everything not deleted; `members`: public and network projects, and drafts of the given
 * municipalities; `public`: public projects only.
 */
export type ProjectScope =
	| { kind: 'all' }
	| { kind: 'members'; draftMunicipalityIds: readonly number[] }
	| { kind: 'public' };

export function projectScopeOf(actor: Actor): ProjectScope {
	if (actor.kind === 'system' || isCoordinator(actor)) return { kind: 'all' };
	if (isSignedIn(actor)) {
		return {
			kind: 'members',
			draftMunicipalityIds: actor.municipalities.map((membership) => membership.municipalityId)
		};
	}
	return { kind: 'public' };
}
