/**
 * Pseudonyms for e-mail addresses, for places that must recognise an address again without
 * storing it: rate-limit keys and the audit log's actor label.
 *
 * A keyed hash (HMAC-SHA-256 under a subkey of the installation's secret, see secrets.ts): the
 * same address always gives the same pseudonym here, but someone holding only the database and a
 * list of candidate addresses cannot test them (decision 0010).
 */
import { keyedHash } from '../secrets';

/** Changing it (or the secret) makes stored pseudonyms unrecognisable: limits and filters reset. */
export const PSEUDONYM_PURPOSE = 'email-pseudonym:v1';

/** One spelling per address: trimmed, Unicode NFC, lower case (local part included, on purpose). */
export function normaliseEmail(email: string): string {
	return email.trim().normalize('NFC').toLowerCase();
}

/** 64 hexadecimal characters that stand for the address. */
export function emailPseudonym(email: string): string {
	return keyedHash(PSEUDONYM_PURPOSE, normaliseEmail(email));
}
