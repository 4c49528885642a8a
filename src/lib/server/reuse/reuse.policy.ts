/**
 * Reuse requests ("Das wollen wir auch") as pure rules: which states follow which, who may move a
 * request there, who may see it and who may ask at all.
 *
 * Two sides take part: the requesting municipality (its members) and the owner side (the members
 * of the municipality that is asked, and the network coordination). Nobody else learns that a
 * request exists: third parties get "not found".
 */
import type { Actor } from '../context';
import type { ReuseRequestStatus } from '../db/schema';
import { canWrite, isCoordinator, isMunicipalityMember } from '../auth/auth.policy';

export type ReuseSide = 'owner' | 'requester';

/** open and in_discussion: the request still waits for an answer. */
export const ACTIVE_REUSE_STATUSES = [
	'open',
	'in_discussion'
] as const satisfies readonly ReuseRequestStatus[];

export function isActiveReuseStatus(status: ReuseRequestStatus): boolean {
	return (ACTIVE_REUSE_STATUSES as readonly ReuseRequestStatus[]).includes(status);
}

export interface ReuseTransition {
	to: ReuseRequestStatus;
	from: readonly ReuseRequestStatus[];
	/** Which side may take this step. */
	side: ReuseSide;
	/** A declined request says why. */
	isNoteRequired: boolean;
}

/** Every allowed step; anything not listed is refused. */
export const REUSE_TRANSITIONS: readonly ReuseTransition[] = [
	{ to: 'in_discussion', from: ['open'], side: 'owner', isNoteRequired: false },
	{ to: 'adopted', from: ['open', 'in_discussion'], side: 'owner', isNoteRequired: false },
	{ to: 'declined', from: ['open', 'in_discussion'], side: 'owner', isNoteRequired: true },
	{ to: 'withdrawn', from: ['open', 'in_discussion'], side: 'requester', isNoteRequired: false }
];

export function transitionTo(to: ReuseRequestStatus): ReuseTransition | undefined {
	return REUSE_TRANSITIONS.find((transition) => transition.to === to);
}

/** What the rules need to know about a request. */
export interface ReuseRequestFacts {
	status: ReuseRequestStatus;
	ownerMunicipalityId: number;
	requestingMunicipalityId: number;
	resultProjectId: number | null;
}

/** The sides the actor may act for: the coordination counts as the owner side. */
export function reuseSidesOf(actor: Actor, request: ReuseRequestFacts): ReuseSide[] {
	const sides: ReuseSide[] = [];
	if (
		actor.kind === 'system' ||
		isCoordinator(actor) ||
		isMunicipalityMember(actor, request.ownerMunicipalityId)
	) {
		sides.push('owner');
	}
	if (actor.kind === 'system' || isMunicipalityMember(actor, request.requestingMunicipalityId)) {
		sides.push('requester');
	}
	return sides;
}

/** Only the two sides (and the coordination) see a request. */
export function canSeeReuseRequest(actor: Actor, request: ReuseRequestFacts): boolean {
	return reuseSidesOf(actor, request).length > 0;
}

/** Whether the actor may move the request to `to` now (state and side both fit). */
export function canTransitionReuseRequest(
	actor: Actor,
	request: ReuseRequestFacts,
	to: ReuseRequestStatus
): boolean {
	const transition = transitionTo(to);
	if (!transition || !canWrite(actor)) return false;
	if (!transition.from.includes(request.status)) return false;
	return reuseSidesOf(actor, request).includes(transition.side);
}

/** The states the actor may move the request to now, in the order of REUSE_TRANSITIONS. */
export function allowedReuseTransitions(
	actor: Actor,
	request: ReuseRequestFacts
): ReuseRequestStatus[] {
	return REUSE_TRANSITIONS.filter((t) => canTransitionReuseRequest(actor, request, t.to)).map(
		(t) => t.to
	);
}

/**
 * After adoption the requester names their own project that took the wheel over (an existing
 * one or a new draft), once.
 */
export function canLinkReuseResult(actor: Actor, request: ReuseRequestFacts): boolean {
	return (
		canWrite(actor) &&
		request.status === 'adopted' &&
		request.resultProjectId === null &&
		actor.kind === 'person' &&
		isMunicipalityMember(actor, request.requestingMunicipalityId)
	);
}

/** What the rules need to know about the subject asked for. */
export interface ReuseSubjectFacts {
	/** The project's owner, or the municipality that runs the product and is asked. */
	ownerMunicipalityId: number;
	/** Partners of a project share it already; empty for a product. */
	partnerMunicipalityIds: readonly number[];
}

/**
 * Whether the actor may ask on behalf of `requestingMunicipalityId`: a person with write rights
 * who belongs to it, and it is neither the owner nor a partner of the subject.
 * (Whether the subject is visible at all is asked before, with canSeeProject.)
 */
export function canRequestReuseFor(
	actor: Actor,
	subject: ReuseSubjectFacts,
	requestingMunicipalityId: number
): boolean {
	if (!canWrite(actor) || actor.kind !== 'person') return false;
	if (!isMunicipalityMember(actor, requestingMunicipalityId)) return false;
	if (subject.ownerMunicipalityId === requestingMunicipalityId) return false;
	return !subject.partnerMunicipalityIds.includes(requestingMunicipalityId);
}

/** The actor's municipalities that may ask about the subject (before duplicate checks). */
export function requestingMunicipalitiesFor(actor: Actor, subject: ReuseSubjectFacts): number[] {
	if (actor.kind !== 'person') return [];
	return actor.municipalities
		.map((membership) => membership.municipalityId)
		.filter((id) => canRequestReuseFor(actor, subject, id));
}
