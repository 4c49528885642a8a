/**
 * The idea pool and joint projects as pure rules (decision 0025).
 *
 * - Ideas are members' content: every signed-in person of a municipality and the coordination
 *   sees them; visitors and people without a municipality do not (they get "not found").
 * - A verified member of a member municipality posts an idea on its behalf, and supports ideas
 *   for it ("Wir wären dabei"), once per municipality, changeable and withdrawable.
 * - The coordination moves ideas through their states, runs prioritisation rounds and turns an
 *   accepted idea into a joint project.
 * - A joint project's milestones, updates and members are kept by the lead municipality's people
 *   and the coordination.
 */
import type { Actor } from '../context';
import type { IdeaRoundStatus, IdeaStatus } from '../db/schema';
import { canWrite, isCoordinator, isMunicipalityMember } from '../auth/auth.policy';

export function canSeeIdeas(actor: Actor): boolean {
	if (actor.kind === 'system' || isCoordinator(actor)) return true;
	return actor.kind === 'person' && actor.municipalities.length > 0;
}

/** Whether the actor may speak for the municipality in the pool (post, support, allocate). */
export function canActFor(actor: Actor, municipalityId: number): boolean {
	return (
		canWrite(actor) &&
		actor.kind === 'person' &&
		actor.isEmailVerified &&
		isMunicipalityMember(actor, municipalityId)
	);
}

/** The states in which municipalities may still say "Wir wären dabei". */
export const SUPPORTABLE_STATUSES: readonly IdeaStatus[] = ['new', 'in_review', 'accepted'];

export function canSupportIdea(actor: Actor, status: IdeaStatus, municipalityId: number): boolean {
	return SUPPORTABLE_STATUSES.includes(status) && canActFor(actor, municipalityId);
}

/** Which state may follow which when the coordination decides; `implemented` only by converting. */
export const IDEA_TRANSITIONS: Readonly<Record<IdeaStatus, readonly IdeaStatus[]>> = {
	new: ['in_review', 'accepted', 'rejected'],
	in_review: ['new', 'accepted', 'rejected'],
	accepted: ['in_review', 'rejected'],
	rejected: ['in_review'],
	implemented: []
};

export function isCoordination(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

export function canChangeIdeaState(actor: Actor, from: IdeaStatus, to: IdeaStatus): boolean {
	return isCoordination(actor) && IDEA_TRANSITIONS[from].includes(to);
}

/** The states the actor may move an idea to now. */
export function allowedIdeaStates(actor: Actor, from: IdeaStatus): IdeaStatus[] {
	return IDEA_TRANSITIONS[from].filter((to) => canChangeIdeaState(actor, from, to));
}

/** Rejecting an idea says why. */
export function isReasonRequired(to: IdeaStatus): boolean {
	return to === 'rejected';
}

export function canConvertIdea(
	actor: Actor,
	idea: { status: IdeaStatus; projectId: number | null }
): boolean {
	return isCoordination(actor) && idea.status === 'accepted' && idea.projectId === null;
}

export function canManageRounds(actor: Actor): boolean {
	return isCoordination(actor);
}

export function canAllocateIn(
	actor: Actor,
	round: { status: IdeaRoundStatus },
	municipalityId: number
): boolean {
	return round.status === 'open' && canActFor(actor, municipalityId);
}

/** Results: for everyone who sees ideas once closed; live (while open) only to the coordination. */
export function canSeeRoundResults(actor: Actor, round: { status: IdeaRoundStatus }): boolean {
	if (!canSeeIdeas(actor)) return false;
	return round.status === 'closed' || actor.kind === 'system' || isCoordinator(actor);
}

/** Whether the points stay within the budget (each ≥ 0, together at most `budget`). */
export function isWithinBudget(points: readonly number[], budget: number): boolean {
	return (
		points.every((p) => Number.isInteger(p) && p >= 0) &&
		points.reduce((a, b) => a + b, 0) <= budget
	);
}

export function canEditJointProject(actor: Actor, leadMunicipalityId: number): boolean {
	if (!canWrite(actor)) return false;
	return (
		actor.kind === 'system' ||
		isCoordinator(actor) ||
		isMunicipalityMember(actor, leadMunicipalityId)
	);
}
