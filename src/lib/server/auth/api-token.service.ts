/**
 * Use cases of personal API tokens (decision 0013): people make tokens for their scripts, see
 * them listed without the secret, and revoke them; the API's request hook turns a bearer token
 * back into its person. A token is shown once, when it is made; the database keeps its SHA-256.
 */
import { auditActorOf, recordAuditEvent } from '../audit';
import type { Ctx, PersonActor } from '../context';
import { inTransaction, type Db } from '../db';
import type { ApiTokenScope } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import {
	assertAllowed,
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimitRequest
} from '../rate-limits';
import {
	findApiTokenOfPerson,
	findApiTokensOfPerson,
	findApiTokenWithPerson,
	insertApiToken,
	revokeApiTokenOfPerson,
	touchApiToken
} from './api-token.repository';
import { apiTokenStatus, canCreateApiToken, canCreateApiTokenForPerson } from './api-token.policy';
import {
	ApiTokenIdSchema,
	CreateApiTokenForPersonSchema,
	CreateApiTokenSchema,
	type CreateApiTokenForPersonRequest,
	type CreateApiTokenRequest
} from './api-token.schema';
import { apiTokenHash, apiTokenPrefix, isWellFormedApiToken, newApiToken } from './api-token.token';
import { findMemberships, findPersonForSignIn } from './auth.repository';
import { canWrite, isSignedIn } from './auth.policy';
import { fieldErrorsOf } from './auth.schema';

/** Use refreshes `last_used_at` at most this often: one write per minute, not per request. */
export const API_TOKEN_TOUCH_SECONDS = 60;

export interface ApiTokenView {
	id: number;
	name: string;
	/** The first characters after `ds_`; never the token. */
	prefix: string;
	scope: ApiTokenScope;
	createdAt: string;
	expiresAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
	status: 'active' | 'expired' | 'revoked';
}

export interface CreatedApiToken {
	/** The token itself: show it once, store it nowhere. */
	token: string;
	apiToken: ApiTokenView;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
	ip?: string | null;
	userAgent?: string | null;
}

type TokenRow = Awaited<ReturnType<typeof findApiTokensOfPerson>>[number];

function toView(row: TokenRow, nowIso: string): ApiTokenView {
	return {
		id: row.id,
		name: row.name,
		prefix: row.token_prefix,
		scope: row.scope,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		lastUsedAt: row.last_used_at,
		revokedAt: row.revoked_at,
		status: apiTokenStatus(row, nowIso)
	};
}

function unauthenticated(): DomainError {
	return new DomainError('UNAUTHENTICATED', 'not signed in');
}

async function insertToken(
	ctx: Ctx,
	person: { id: number },
	input: { name: string; scope: ApiTokenScope; days: number },
	origin: RequestOrigin
): Promise<CreatedApiToken> {
	const now = ctx.now();
	const nowIso = now.toISOString();
	const expiresAt = new Date(now.getTime() + input.days * 86_400_000).toISOString();
	const token = newApiToken();
	const values = {
		person_id: person.id,
		name: input.name,
		token_hash: apiTokenHash(token),
		token_prefix: apiTokenPrefix(token),
		scope: input.scope,
		created_at: nowIso,
		expires_at: expiresAt
	};
	const id = await inTransaction(ctx.db, async (tx) => {
		const tokenId = await insertApiToken(tx, values);
		await recordAuditEvent(
			tx,
			{
				action: 'auth.api_token.created',
				...auditActorOf(ctx.actor),
				subjectType: 'api_token',
				subjectId: tokenId,
				ipAddress: origin.ip,
				userAgent: origin.userAgent,
				details: { personId: person.id, name: input.name, scope: input.scope, expiresAt }
			},
			ctx
		);
		return tokenId;
	});
	return {
		token,
		apiToken: toView({ ...values, id, last_used_at: null, revoked_at: null }, nowIso)
	};
}

/**
 * Makes a token for the signed-in person, who must be signed in through the browser (a token
 * cannot make tokens). Throws INVALID (first problem per field), FORBIDDEN or RATE_LIMITED.
 */
export async function createApiToken(
	ctx: Ctx,
	input: CreateApiTokenRequest,
	origin: RequestOrigin = {}
): Promise<CreatedApiToken> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	if (!canCreateApiToken(actor)) throw forbidden('tokens are made in the browser');
	const parsed = CreateApiTokenSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	assertAllowed(
		await consumeRateLimit(
			ctx,
			rateLimitRequest(RATE_LIMIT_POLICIES.API_TOKEN_PER_PERSON, actor.personId)
		)
	);
	return insertToken(ctx, { id: actor.personId }, parsed.data, origin);
}

/**
 * Makes a token for the person with that address, for the operator's `token create` command.
 * Throws INVALID (`email: api_token_person_unknown` for nobody or a deleted person).
 */
export async function createApiTokenForPerson(
	ctx: Ctx,
	input: CreateApiTokenForPersonRequest
): Promise<CreatedApiToken & { personId: number }> {
	if (!canCreateApiTokenForPerson(ctx.actor)) throw forbidden('operator only');
	const parsed = CreateApiTokenForPersonSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const person = await findPersonForSignIn(ctx.db, parsed.data.email);
	if (!person) throw invalid({ email: 'api_token_person_unknown' });
	const created = await insertToken(ctx, person, parsed.data, {});
	return { ...created, personId: person.id };
}

/** The signed-in person's tokens, newest first, without their secrets. */
export async function listApiTokens(ctx: Ctx): Promise<ApiTokenView[]> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	const nowIso = ctx.now().toISOString();
	const rows = await findApiTokensOfPerson(ctx.db, actor.personId);
	return rows.map((row) => toView(row, nowIso));
}

/**
 * Revokes one of the person's own tokens; it stops working at once. Someone else's token answers
 * NOT_FOUND, exactly like one that does not exist. Revoking a revoked token changes nothing.
 * A read-only token may not revoke (FORBIDDEN): it changes nothing at all.
 */
export async function revokeApiToken(
	ctx: Ctx,
	input: { id: unknown } & RequestOrigin
): Promise<ApiTokenView> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw unauthenticated();
	if (!canWrite(actor)) throw forbidden('read-only token');
	const id = ApiTokenIdSchema.safeParse(input.id);
	if (!id.success) throw notFound('api token');
	const nowIso = ctx.now().toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const row = await findApiTokenOfPerson(tx, id.data, actor.personId);
		if (!row) throw notFound('api token');
		if (await revokeApiTokenOfPerson(tx, id.data, actor.personId, nowIso)) {
			await recordAuditEvent(
				tx,
				{
					action: 'auth.api_token.revoked',
					...auditActorOf(actor),
					subjectType: 'api_token',
					subjectId: row.id,
					ipAddress: input.ip,
					userAgent: input.userAgent,
					details: { name: row.name, viaToken: actor.auth.method === 'token' }
				},
				ctx
			);
			return toView({ ...row, revoked_at: nowIso }, nowIso);
		}
		return toView(row, nowIso);
	});
}

/**
 * The person an API token stands for, or null: for a malformed, unknown, revoked or expired token
 * and for a deleted person alike. Use refreshes `last_used_at` at most once a minute.
 */
export async function authenticateApiToken(
	db: Db,
	token: string,
	now: Date
): Promise<PersonActor | null> {
	if (!isWellFormedApiToken(token)) return null;
	const row = await findApiTokenWithPerson(db, apiTokenHash(token));
	if (!row || row.deleted_at !== null) return null;
	const nowIso = now.toISOString();
	if (apiTokenStatus(row, nowIso) !== 'active') return null;
	if (
		row.last_used_at === null ||
		now.getTime() - new Date(row.last_used_at).getTime() >= API_TOKEN_TOUCH_SECONDS * 1000
	) {
		await touchApiToken(db, row.id, nowIso);
	}
	const memberships = await findMemberships(db, row.person_id);
	return {
		kind: 'person',
		personId: row.person_id,
		displayName: row.display_name,
		isCoordinator: row.is_coordinator,
		municipalities: memberships.map((m) => ({ municipalityId: m.municipality_id, role: m.role })),
		sessionId: null,
		auth: { method: 'token', scope: row.scope, tokenId: row.id },
		hasTwoFactor: row.two_factor_enabled_at !== null,
		isEmailVerified: row.email_verified_at !== null
	};
}
