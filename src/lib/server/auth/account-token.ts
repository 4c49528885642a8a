/**
 * Tokens of single-use links sent by mail (e-mail verification, password reset) and of the
 * sign-in challenge cookie. Like session tokens: 32 random bytes for the person, only their
 * SHA-256 in the database, looked up by that hash so no secret is compared in JavaScript.
 */
import { isWellFormedRandomToken, newRandomToken, storedTokenHash } from '../tokens';
import type { AccountTokenPurpose } from '../db/schema';

/** A reset link works for one hour: long enough to switch to the mailbox, short if it leaks. */
export const RESET_TOKEN_SECONDS = 3600;
/** A verification link works for two days (the mail may arrive at a shared municipal inbox). */
export const VERIFY_TOKEN_SECONDS = 48 * 3600;
/** Between password and second factor: ten minutes to find the phone. */
export const CHALLENGE_SECONDS = 10 * 60;

export const TOKEN_SECONDS: Record<AccountTokenPurpose, number> = {
	reset_password: RESET_TOKEN_SECONDS,
	verify_email: VERIFY_TOKEN_SECONDS
};

export const newAccountToken = newRandomToken;

/** The stored hash of a token (64 hexadecimal characters). */
export const accountTokenHash = storedTokenHash;

/** Anything else is not one of ours and is not even looked up. */
export const isWellFormedAccountToken = isWellFormedRandomToken;

/**
 * The challenge cookie between password and second factor. Path `/anmelden` keeps it away from
 * every other page; it cannot carry the `__Host-` prefix (which demands path `/`).
 */
export function challengeCookieName(isHttps: boolean): string {
	return isHttps ? '__Secure-anmeldung' : 'anmeldung';
}

export function challengeCookieOptions(isHttps: boolean, expires?: Date) {
	return {
		path: '/anmelden',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: isHttps,
		...(expires ? { expires } : {})
	};
}
