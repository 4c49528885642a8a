/**
 * Invitation links carry 32 random bytes; the database keeps only their SHA-256, and an
 * invitation is found by that hash, so a leaked database copy accepts no invitation and no
 * secret is compared byte by byte in JavaScript.
 */
import { createHash, randomBytes } from 'node:crypto';

/** An invitation can be accepted this long after it was sent (or last resent). */
export const INVITATION_VALID_DAYS = 7;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The stored hash of a token (SHA-256, hex). */
export function invitationTokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Anything else in the link is not ours; it is not even looked up. */
export function isWellFormedInvitationToken(token: unknown): token is string {
	return typeof token === 'string' && TOKEN_PATTERN.test(token);
}

export function invitationExpiry(now: Date): Date {
	return new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600 * 1000);
}
