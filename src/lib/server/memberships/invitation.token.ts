/**
 * Invitation links carry 32 random bytes; the database keeps only their SHA-256, and an
 * invitation is found by that hash, so a leaked database copy accepts no invitation and no
 * secret is compared byte by byte in JavaScript.
 */
import { isWellFormedRandomToken, newRandomToken, storedTokenHash } from '../tokens';

/** An invitation can be accepted this long after it was sent (or last resent). */
export const INVITATION_VALID_DAYS = 7;

export const newInvitationToken = newRandomToken;

/** The stored hash of a token (SHA-256, hex). */
export const invitationTokenHash = storedTokenHash;

/** Anything else in the link is not ours; it is not even looked up. */
export const isWellFormedInvitationToken = isWellFormedRandomToken;

export function invitationExpiry(now: Date): Date {
	return new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 3600 * 1000);
}
