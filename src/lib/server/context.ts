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

/**
 * A browser session, or a personal API token (decision 0013) with its scope: a `read` token may
 * read what its person may read and change nothing.
 */
export type PersonAuth =
	{ method: 'session' } | { method: 'token'; scope: 'read' | 'read_write'; tokenId: number };

/** A signed-in person, as the session hook builds them for each request. */
export interface PersonActor {
	kind: 'person';
	personId: number;
	displayName: string;
	/** Network coordination (Netzwerkkoordination). */
	isCoordinator: boolean;
	municipalities: readonly MunicipalityMembership[];
	/**
	 * The session the request came with (its stored id, never the cookie's token); null when the
	 * request was authenticated by an API token.
	 */
	sessionId: string | null;
	/** How the person authenticated this request: decides whether they may write (canWrite). */
	auth: PersonAuth;
	/** Whether the person has confirmed two-factor sign-in (TOTP). */
	hasTwoFactor: boolean;
	/** Whether the person's current e-mail address has been confirmed through a link. */
	isEmailVerified: boolean;
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
