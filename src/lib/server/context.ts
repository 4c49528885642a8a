/**
 * What every use case receives: the database and who is acting. Built by the request hook, the
 * CLI, jobs and tests alike, so domain code never depends on where it is called from.
 */
import type { Db } from './db';

/** A person's place in one municipality. */
export interface MunicipalityMembership {
	municipalityId: number;
	role: 'admin' | 'member';
}

/** A signed-in person, as the session hook builds them for each request. */
export interface PersonActor {
	kind: 'person';
	personId: number;
	displayName: string;
	/** Network coordination (Netzwerkkoordination). */
	isCoordinator: boolean;
	municipalities: readonly MunicipalityMembership[];
	/** The session the request came with (its stored id, never the cookie's token). */
	sessionId: string;
}

/** Who is acting. Anonymous visitors see public content only. */
export type Actor = { kind: 'anonymous' } | { kind: 'system'; reason: string } | PersonActor;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export interface Ctx {
	db: Db;
	actor: Actor;
	/** The clock; tests pass a fixed one. */
	now: () => Date;
}

export function systemContext(db: Db, reason: string, now: () => Date = () => new Date()): Ctx {
	return { db, actor: { kind: 'system', reason }, now };
}
