/**
 * Tokens of guests without an account. The confirmation token is random, mailed once and
 * stored as its SHA-256 hash. The cancel link is derived with the installation's key from the
 * guest and the moment of confirmation, so every later mail (moved up, reminder) can carry it
 * without storing it; a new confirmation gives a new link.
 */
import { timingSafeEqual } from 'node:crypto';
import { newRandomToken, storedTokenHash } from '../tokens';
import { keyedHash } from '../secrets';

const CANCEL_PURPOSE = 'event-guest-cancel';

export function newConfirmToken(): { token: string; hash: string } {
	const token = newRandomToken();
	return { token, hash: hashConfirmToken(token) };
}

export const hashConfirmToken = storedTokenHash;

function cancelMac(guest: { id: number; confirmedAt: string | null }): string {
	return keyedHash(CANCEL_PURPOSE, `${guest.id}:${guest.confirmedAt ?? ''}`);
}

export function guestCancelToken(guest: { id: number; confirmedAt: string | null }): string {
	return `${guest.id}-${cancelMac(guest)}`;
}

export function guestCancelLink(
	origin: string,
	guest: { id: number; confirmedAt: string | null }
): string {
	return `${origin.replace(/\/+$/, '')}/termine/gast/abmelden/${guestCancelToken(guest)}`;
}

export function guestConfirmLink(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/termine/gast/bestaetigen/${token}`;
}

/** The guest id of a well-formed cancel token, or null. */
export function parseCancelToken(token: string): { id: number; mac: string } | null {
	const match = /^([1-9][0-9]{0,15})-([0-9a-f]{64})$/.exec(token);
	if (!match) return null;
	return { id: Number(match[1]), mac: match[2] ?? '' };
}

/** Compares in constant time; only a confirmed guest has a cancel link. */
export function cancelTokenMatches(
	guest: { id: number; confirmedAt: string | null },
	mac: string
): boolean {
	if (guest.confirmedAt === null) return false;
	return timingSafeEqual(Buffer.from(cancelMac(guest), 'hex'), Buffer.from(mac, 'hex'));
}
