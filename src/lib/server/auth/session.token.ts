/**
 * Session tokens and the cookie that carries them. The browser holds 32 random bytes; the
 * database holds only their SHA-256, and sessions are looked up by that hash, so a leaked
 * database copy opens no session and no secret is ever compared byte by byte in JavaScript.
 */
import { isWellFormedRandomToken, newRandomToken, storedTokenHash } from '../tokens';

/** A session ends this long after sign-in, however active it is. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;
/** …and this long after its last use. */
export const SESSION_IDLE_SECONDS = 8 * 3600;
/** Use extends the idle expiry at most this often: one write per minute, not per request. */
export const SESSION_TOUCH_SECONDS = 60;
/** A pause this long between two requests of a person ends a visit ("new since your last visit"). */
export const VISIT_GAP_SECONDS = 3 * 60 * 60;
/** Stored user agents are cut to this many characters. */
export const SESSION_USER_AGENT_MAX = 256;

export const newSessionToken = newRandomToken;

/** The stored id of the session a token opens. */
export const sessionIdOf = storedTokenHash;

/** Anything else in the cookie is not ours; it is not even looked up. */
export const isWellFormedSessionToken = isWellFormedRandomToken;

/**
 * `__Host-sitzung` over https: the prefix makes the browser insist on Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant or overwrite it. Plain http (local use) cannot carry
 * the prefix, hence `sitzung` there (decision 0011).
 */
export function sessionCookieName(isHttps: boolean): string {
	return isHttps ? '__Host-sitzung' : 'sitzung';
}

export interface SessionCookieOptions {
	path: '/';
	httpOnly: true;
	sameSite: 'lax';
	secure: boolean;
	expires?: Date;
}

/** Options for setting (with `expires`) and deleting (without) the session cookie. */
export function sessionCookieOptions(isHttps: boolean, expires?: Date): SessionCookieOptions {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isHttps,
		...(expires ? { expires } : {})
	};
}
