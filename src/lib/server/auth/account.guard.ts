/**
 * What the account-security use cases share: who may use them (a person in a browser session,
 * never an API token), re-confirming the password inside the account (rate-limited per person),
 * and the network's names for mails and authenticator apps.
 */
import type { Ctx, PersonActor } from '../context';
import { DomainError, forbidden, invalid } from '../errors';
import { getNetworkSummary } from '../network';
import {
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimited,
	rateLimitRequest
} from '../rate-limits';
import { findActivePerson } from './auth.repository';
import { isSignedIn } from './auth.policy';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password.hash';

/** Security settings change only in a browser session: an API token cannot change them. */
export function requireSessionPerson(ctx: Ctx): PersonActor & { sessionId: string } {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (actor.sessionId === null || actor.auth.method !== 'session') {
		throw forbidden('account security needs a browser session');
	}
	return actor as PersonActor & { sessionId: string };
}

/** The signed-in person's row; a person deleted meanwhile is no longer signed in. */
export async function loadActivePerson(ctx: Ctx, personId: number) {
	const person = await findActivePerson(ctx.db, personId);
	if (!person) throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return person;
}

/** Counts one confirmation attempt for the person; throws RATE_LIMITED when over the limit. */
export async function countReauthentication(ctx: Ctx, personId: number): Promise<void> {
	const decision = await consumeRateLimit(
		ctx,
		rateLimitRequest(RATE_LIMIT_POLICIES.REAUTHENTICATION_PER_PERSON, personId)
	);
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

/**
 * Checks the person's current password (one argon2 verification, also when they have none).
 * Throws INVALID `{ currentPassword: 'current_password_wrong' }` when it does not match.
 */
export async function confirmCurrentPassword(
	storedHash: string | null,
	password: string
): Promise<void> {
	const matches = await verifyPassword(storedHash ?? DUMMY_PASSWORD_HASH, password);
	if (!matches || storedHash === null) throw invalid({ currentPassword: 'current_password_wrong' });
}

/** The network's name for mails, and the issuer shown in authenticator apps. */
export async function networkNames(ctx: Ctx): Promise<{ name: string; issuer: string }> {
	const network = await getNetworkSummary(ctx);
	return {
		name: network.name || 'Drehscheibe',
		issuer: network.shortName || network.name || 'Drehscheibe'
	};
}
