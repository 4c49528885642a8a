/**
 * Rules of personal API tokens, as pure functions (decision 0013). Tokens act for their person;
 * they cannot make more tokens, so a leaked token cannot outlive its own expiry or revocation.
 */
import type { Actor } from '../context';
import type { ApiTokenScope } from '../db/schema';

/** Creating one's own tokens: a person signed in through the browser, not through a token. */
export function canCreateApiToken(actor: Actor): boolean {
	return actor.kind === 'person' && actor.auth.method === 'session';
}

/** Creating a token for someone named by address: the operator's CLI only. */
export function canCreateApiTokenForPerson(actor: Actor): boolean {
	return actor.kind === 'system';
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

/** A token is active until it is revoked or its expiry has come. */
export function apiTokenStatus(
	token: { expires_at: string; revoked_at: string | null },
	nowIso: string
): ApiTokenStatus {
	if (token.revoked_at !== null) return 'revoked';
	return token.expires_at <= nowIso ? 'expired' : 'active';
}

/** Whether a token's scope allows changes. */
export function isWriteScope(scope: ApiTokenScope): boolean {
	return scope === 'read_write';
}
