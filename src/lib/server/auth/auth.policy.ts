/**
 * Who is who, as pure functions of the actor. Every module's policies build on these; a
 * municipality admin's rights end at their own municipality's border.
 */
import type { Actor, PersonActor } from '../context';

export function isSignedIn(actor: Actor): actor is PersonActor {
	return actor.kind === 'person';
}

/** The network coordination (Netzwerkkoordination). */
export function isCoordinator(actor: Actor): boolean {
	return actor.kind === 'person' && actor.isCoordinator;
}

/** Whether the person belongs to the municipality, in any role. */
export function isMunicipalityMember(actor: Actor, municipalityId: number): boolean {
	return (
		actor.kind === 'person' &&
		actor.municipalities.some((membership) => membership.municipalityId === municipalityId)
	);
}

/** Whether the person administers that municipality (not any other). */
export function isMunicipalityAdmin(actor: Actor, municipalityId: number): boolean {
	return (
		actor.kind === 'person' &&
		actor.municipalities.some(
			(membership) => membership.municipalityId === municipalityId && membership.role === 'admin'
		)
	);
}

/**
 * Whether the actor may read what their person may read: any signed-in person, through a session
 * or an API token of either scope, and the system. Visitors see public content only.
 */
export function canRead(actor: Actor): boolean {
	return actor.kind === 'system' || actor.kind === 'person';
}

/**
 * Whether the actor may change anything: a person in a browser session or with a read-write
 * token, and the system. A read-only token changes nothing (decision 0013); every use case that
 * writes checks this first.
 */
export function canWrite(actor: Actor): boolean {
	if (actor.kind === 'system') return true;
	if (actor.kind !== 'person') return false;
	return actor.auth.method === 'session' || actor.auth.scope === 'read_write';
}

/** Creating coordinators: the operator (CLI, system) and the coordination itself. */
export function canCreateCoordinator(actor: Actor): boolean {
	return actor.kind === 'system' || isCoordinator(actor);
}
