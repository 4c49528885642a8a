/**
 * Who may do what with events, as pure functions of the actor and a few facts. The coordination
 * runs events (creates them, builds the programme, accepts pitches, sees attendees); members see
 * members-only events and register; visitors see public events only.
 */
import type { Actor } from '../context';
import type { EventAudienceKind, RegistrationStatus, SessionStatus } from '../db/schema';
import { canRead, canWrite, isCoordinator, isMunicipalityMember } from '../auth/auth.policy';

export interface EventFacts {
	audience: EventAudienceKind;
	endsAt: string;
	isCallForPitchesOpen: boolean;
}

/** Public events for everyone; members-only events for signed-in people (and the system). */
export function canSeeEvent(actor: Actor, event: Pick<EventFacts, 'audience'>): boolean {
	return event.audience === 'public' || canRead(actor);
}

/** Creating and changing events, their programme and pitches; attendee lists and summaries. */
export function canManageEvents(actor: Actor): boolean {
	return actor.kind === 'system' || (isCoordinator(actor) && canWrite(actor));
}

/** Seeing attendee lists and the pitch summary needs no write rights. */
export function canSeeAttendees(actor: Actor): boolean {
	return actor.kind === 'system' || isCoordinator(actor);
}

/**
 * The link of an online event is for those who hold a place, and for the coordination; people on
 * the waiting list and visitors learn only that the event is online (so a full event stays full).
 */
export function canSeeOnlineLink(actor: Actor, ownStatus: RegistrationStatus | null): boolean {
	return ownStatus === 'confirmed' || canManageEvents(actor);
}

/** A signed-in person with write rights may register until the event has ended. */
export function canRegister(actor: Actor, event: EventFacts, now: Date): boolean {
	return (
		actor.kind === 'person' &&
		canWrite(actor) &&
		canSeeEvent(actor, event) &&
		Date.parse(event.endsAt) > now.getTime()
	);
}

export interface PitchProjectFacts {
	municipalityId: number;
	partnerMunicipalityIds: readonly number[];
}

/** While the call is open, members of a project's owner or partner municipality propose it. */
export function canProposePitch(
	actor: Actor,
	event: EventFacts,
	project: PitchProjectFacts
): boolean {
	if (actor.kind !== 'person' || !canWrite(actor) || !event.isCallForPitchesOpen) return false;
	return [project.municipalityId, ...project.partnerMunicipalityIds].some((id) =>
		isMunicipalityMember(actor, id)
	);
}

/** One rating per person for a pitch in the programme; the presenter does not rate their own. */
export function canRatePitch(
	actor: Actor,
	pitch: { status: SessionStatus; presenterPersonId: number | null }
): boolean {
	return (
		actor.kind === 'person' &&
		canWrite(actor) &&
		pitch.status === 'accepted' &&
		pitch.presenterPersonId !== actor.personId
	);
}

/** Slides and recordings: the coordination and the pitch's presenter. */
export function canEditPitchMaterial(actor: Actor, pitch: { presenterPersonId: number | null }) {
	if (canManageEvents(actor)) return true;
	return actor.kind === 'person' && canWrite(actor) && pitch.presenterPersonId === actor.personId;
}

/** Guests without an account may join public events that have not ended. */
export function guestsAllowed(event: Pick<EventFacts, 'audience' | 'endsAt'>, now: Date): boolean {
	return event.audience === 'public' && Date.parse(event.endsAt) > now.getTime();
}
