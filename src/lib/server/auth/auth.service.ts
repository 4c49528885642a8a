/**
 * Sign-in, sessions and sign-out (decision 0011, following OWASP's Authentication and Session
 * Management cheat sheets). Sessions live in the database, so every instance sees them; the
 * cookie carries a random token whose SHA-256 is the session's id.
 */
import { emailActorLabel, recordAuditEvent } from '../audit';
import type { Actor, Ctx, PersonActor } from '../context';
import { inTransaction, type Db, type Tx } from '../db';
import { DomainError, invalid, notFound } from '../errors';
import {
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimited,
	rateLimitRequest,
	refundRateLimit,
	resetRateLimit,
	type RateLimitDecision
} from '../rate-limits';
import { fieldErrorsOf, SignInSchema } from './auth.schema';
import {
	deleteExpiredSessions,
	deleteSession,
	deleteSessionOfPerson,
	deleteSessionsOfPerson,
	findMemberships,
	findPersonForSignIn,
	findSessionsOfPerson,
	findSessionWithPerson,
	insertSession,
	markSignedIn,
	touchSession,
	recordVisit,
	updatePasswordHash
} from './auth.repository';
import { accountTokenHash, CHALLENGE_SECONDS, newAccountToken } from './account-token';
import { insertSignInChallenge } from './two-factor.repository';
import { isSignedIn } from './auth.policy';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from './password.hash';
import {
	isWellFormedSessionToken,
	newSessionToken,
	SESSION_ABSOLUTE_SECONDS,
	SESSION_IDLE_SECONDS,
	SESSION_TOUCH_SECONDS,
	VISIT_GAP_SECONDS,
	SESSION_USER_AGENT_MAX,
	sessionIdOf
} from './session.token';

export interface SignInRequest {
	email: unknown;
	password: unknown;
	/** The client's address (see clientAddress in rate-limits); null when unknown. */
	ip: string | null;
	userAgent: string | null;
}

/** A new session: the person is signed in. */
export interface SessionStarted {
	status: 'signed_in';
	/** Goes into the cookie and nowhere else; the database keeps only its hash. */
	token: string;
	expiresAt: Date;
	personId: number;
}

/**
 * The password was right, but the person uses two-factor sign-in: no session yet. The route puts
 * `challengeToken` into the short-lived challenge cookie and asks for the code.
 */
export interface TwoFactorChallenge {
	status: 'two_factor_required';
	challengeToken: string;
	expiresAt: Date;
	personId: number;
}

export type SignInResult = SessionStarted | TwoFactorChallenge;

/** How the person proved who they are, for the audit log. */
export type SignInMethod = 'password' | 'totp' | 'backup_code';

/** The one answer for an unknown address, a person without password and a wrong password. */
export const SIGN_IN_FAILED = 'sign_in_failed';

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

function cleanUserAgent(userAgent: string | null): string | null {
	if (!userAgent) return null;
	// eslint-disable-next-line no-control-regex
	const text = userAgent.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
	return text ? Array.from(text).slice(0, SESSION_USER_AGENT_MAX).join('') : null;
}

/**
 * Starts a session for a person whose sign-in is complete, inside the caller's transaction: the
 * one place sessions are made, for password-only sign-in and for the second step alike. The
 * session id is always new; ending the browser's earlier session is the route's part.
 */
export async function createSession(
	tx: Tx,
	ctx: Ctx,
	person: { id: number; display_name: string },
	request: { ip: string | null; userAgent: string | null; method: SignInMethod },
	rehashedPassword: string | null = null
): Promise<SessionStarted> {
	const userAgent = cleanUserAgent(request.userAgent);
	const now = ctx.now();
	const nowIso = now.toISOString();
	const expiresAt = addSeconds(now, SESSION_ABSOLUTE_SECONDS);
	const token = newSessionToken();
	await insertSession(tx, {
		id: sessionIdOf(token),
		person_id: person.id,
		created_at: nowIso,
		last_seen_at: nowIso,
		expires_at: expiresAt.toISOString(),
		idle_expires_at: addSeconds(now, SESSION_IDLE_SECONDS).toISOString(),
		ip_address: request.ip,
		user_agent: userAgent
	});
	await markSignedIn(tx, person.id, nowIso, rehashedPassword);
	await recordVisit(tx, person.id, nowIso, addSeconds(now, -VISIT_GAP_SECONDS).toISOString());
	await recordAuditEvent(
		tx,
		{
			action: 'auth.sign_in.succeeded',
			actorPersonId: person.id,
			actorLabel: person.display_name,
			subjectType: 'person',
			subjectId: person.id,
			ipAddress: request.ip,
			userAgent,
			...(request.method === 'password' ? {} : { details: { method: request.method } })
		},
		ctx
	);
	return { status: 'signed_in', token, expiresAt, personId: person.id };
}

function unauthenticated(): DomainError {
	return new DomainError('UNAUTHENTICATED', 'not signed in');
}

/**
 * Signs a person in with e-mail address and password and starts a new session.
 *
 * Order matters: the limits are counted before the password is checked (so parallel guesses
 * cannot slip through before the first failure is recorded), an unknown address costs one argon2
 * verification like a known one (so timing does not tell whether an address exists), and every
 * failure gives the same answer. The session is always new: whatever session the client brought
 * is ignored, so a planted session id cannot be fixed onto the person.
 *
 * A person with two-factor sign-in gets no session here but a challenge (see
 * `completeTwoFactorSignIn`); the password limits are settled all the same, since the password
 * was right.
 *
 * Throws INVALID (`form: sign_in_failed`, or a missing field) or RATE_LIMITED.
 */
export async function signIn(ctx: Ctx, request: SignInRequest): Promise<SignInResult> {
	const parsed = SignInSchema.safeParse({ email: request.email, password: request.password });
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { email, password } = parsed.data;
	const userAgent = cleanUserAgent(request.userAgent);
	const label = emailActorLabel(email);

	const address = rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS, request.ip);
	const account = rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, email);
	const refuse = async (decision: RateLimitDecision, limit: string): Promise<never> => {
		if (decision.isBlockStarted) {
			await recordAuditEvent(
				ctx.db,
				{
					action: 'auth.sign_in.blocked',
					actorLabel: label,
					ipAddress: request.ip,
					userAgent,
					details: { limit, retryAfterSeconds: decision.retryAfterSeconds }
				},
				ctx
			);
		}
		throw rateLimited(decision.retryAfterSeconds);
	};
	const byAddress = await consumeRateLimit(ctx, address);
	if (!byAddress.allowed) return refuse(byAddress, 'address');
	const byAccount = await consumeRateLimit(ctx, account);
	if (!byAccount.allowed) return refuse(byAccount, 'account');

	const person = await findPersonForSignIn(ctx.db, email);
	const storedHash = person?.password_hash ?? null;
	// Always one verification, against a dummy hash when there is nothing to compare with.
	const matches = await verifyPassword(storedHash ?? DUMMY_PASSWORD_HASH, password);

	if (!person || storedHash === null || !matches) {
		await recordAuditEvent(
			ctx.db,
			{
				action: 'auth.sign_in.failed',
				actorLabel: label,
				subjectType: person ? 'person' : null,
				subjectId: person?.id ?? null,
				ipAddress: request.ip,
				userAgent,
				details: {
					reason: !person ? 'unknown_email' : storedHash === null ? 'no_password' : 'wrong_password'
				}
			},
			ctx
		);
		throw invalid({ form: SIGN_IN_FAILED });
	}

	// Hashing is slow; do it before the transaction rather than holding the write lock.
	const rehashed = needsRehash(storedHash) ? await hashPassword(password) : null;
	let result: SignInResult;
	if (person.two_factor_enabled_at !== null) {
		const now = ctx.now();
		const expiresAt = addSeconds(now, CHALLENGE_SECONDS);
		const challengeToken = newAccountToken();
		await inTransaction(ctx.db, async (tx) => {
			await insertSignInChallenge(tx, {
				id: accountTokenHash(challengeToken),
				person_id: person.id,
				created_at: now.toISOString(),
				expires_at: expiresAt.toISOString()
			});
			if (rehashed) await updatePasswordHash(tx, person.id, rehashed, now.toISOString());
		});
		result = { status: 'two_factor_required', challengeToken, expiresAt, personId: person.id };
	} else {
		result = await inTransaction(ctx.db, (tx) =>
			createSession(
				tx,
				ctx,
				person,
				{ ip: request.ip, userAgent: request.userAgent, method: 'password' },
				rehashed
			)
		);
	}
	// The limits commit on their own (they refuse to run in a transaction): the account's
	// strikes are forgiven, and the address counts failures only.
	await resetRateLimit(ctx, account.key);
	await refundRateLimit(ctx, address.key);
	return result;
}

/**
 * The person a session token stands for, or null. A session past its absolute or idle expiry is
 * deleted; a valid one has its idle expiry pushed forward (at most once a minute, never past the
 * absolute expiry).
 */
export async function validateSession(
	db: Db,
	token: string,
	now: Date
): Promise<PersonActor | null> {
	if (!isWellFormedSessionToken(token)) return null;
	const sessionId = sessionIdOf(token);
	const row = await findSessionWithPerson(db, sessionId);
	if (!row) return null;
	const nowIso = now.toISOString();
	if (row.expires_at <= nowIso || row.idle_expires_at <= nowIso || row.deleted_at !== null) {
		await deleteSession(db, sessionId);
		return null;
	}
	if (now.getTime() - new Date(row.last_seen_at).getTime() >= SESSION_TOUCH_SECONDS * 1000) {
		const idle = addSeconds(now, SESSION_IDLE_SECONDS).toISOString();
		await touchSession(db, sessionId, nowIso, idle < row.expires_at ? idle : row.expires_at);
		await recordVisit(db, row.person_id, nowIso, addSeconds(now, -VISIT_GAP_SECONDS).toISOString());
	}
	const memberships = await findMemberships(db, row.person_id);
	return {
		kind: 'person',
		personId: row.person_id,
		displayName: row.display_name,
		isCoordinator: row.is_coordinator,
		municipalities: memberships.map((m) => ({ municipalityId: m.municipality_id, role: m.role })),
		sessionId,
		auth: { method: 'session' },
		hasTwoFactor: row.two_factor_enabled_at !== null,
		isEmailVerified: row.email_verified_at !== null
	};
}

async function recordSignOut(db: Db, ctx: Ctx, actor: Actor, details: Record<string, unknown>) {
	if (!isSignedIn(actor)) return;
	await recordAuditEvent(
		db,
		{
			action: 'auth.signed_out',
			actorPersonId: actor.personId,
			actorLabel: actor.displayName,
			subjectType: 'person',
			subjectId: actor.personId,
			details
		},
		ctx
	);
}

/** Ends the session of `token` (the current one). True when there was one to end. */
export async function signOut(ctx: Ctx, token: string | undefined): Promise<boolean> {
	if (!token || !isWellFormedSessionToken(token)) return false;
	return inTransaction(ctx.db, async (tx) => {
		const deleted = await deleteSession(tx, sessionIdOf(token));
		if (deleted) await recordSignOut(tx, ctx, ctx.actor, { scope: 'this_session' });
		return deleted;
	});
}

/** Ends every session of the signed-in person, this one included. Returns how many. */
export async function signOutEverywhere(ctx: Ctx): Promise<number> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	return inTransaction(ctx.db, async (tx) => {
		const count = await deleteSessionsOfPerson(tx, actor.personId);
		await recordSignOut(tx, ctx, actor, { scope: 'everywhere', sessions: count });
		return count;
	});
}

export interface SessionView {
	/** The stored id (a hash): enough to revoke, useless as a cookie. */
	id: string;
	createdAt: string;
	lastSeenAt: string;
	expiresAt: string;
	ipAddress: string | null;
	userAgent: string | null;
	isCurrent: boolean;
}

/** The signed-in person's valid sessions, most recently used first. */
export async function listSessions(ctx: Ctx): Promise<SessionView[]> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	const rows = await findSessionsOfPerson(ctx.db, actor.personId, ctx.now().toISOString());
	return rows.map((row) => ({
		id: row.id,
		createdAt: row.created_at,
		lastSeenAt: row.last_seen_at,
		expiresAt: row.expires_at < row.idle_expires_at ? row.expires_at : row.idle_expires_at,
		ipAddress: row.ip_address,
		userAgent: row.user_agent,
		isCurrent: row.id === actor.sessionId
	}));
}

/**
 * Ends one of the person's own sessions. Someone else's session answers NOT_FOUND, exactly like
 * one that does not exist: ids of other people's sessions reveal nothing.
 */
export async function revokeSession(ctx: Ctx, sessionId: string): Promise<void> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	if (typeof sessionId !== 'string' || !/^[0-9a-f]{64}$/.test(sessionId)) {
		throw notFound('session');
	}
	await inTransaction(ctx.db, async (tx) => {
		if (!(await deleteSessionOfPerson(tx, sessionId, actor.personId))) throw notFound('session');
		await recordSignOut(tx, ctx, actor, {
			scope: sessionId === actor.sessionId ? 'this_session' : 'other_session'
		});
	});
}

/** Deletes sessions past their expiry. For a periodic job. */
export function purgeExpiredSessions(ctx: Ctx): Promise<number> {
	return deleteExpiredSessions(ctx.db, ctx.now().toISOString());
}
