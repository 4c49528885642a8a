/**
 * Pseudonyms for e-mail addresses, for places that must recognise an address again without
 * storing it: rate-limit keys and the audit log's actor label.
 *
 * SHA-256 over a fixed, app-wide prefix and the normalised address. The prefix separates these
 * hashes from plain SHA-256 tables of addresses; it is not a secret, so someone holding the
 * database and a list of candidate addresses can still test them. A keyed hash (HMAC with a
 * secret from the configuration) closes that gap once the application has such a secret; see
 * docs/decisions/0010-rate-limits-and-audit-log.md.
 */
import { createHash } from 'node:crypto';

/** Changing it makes every stored pseudonym unrecognisable: rate limits and audit filters reset. */
export const PSEUDONYM_PREFIX = 'drehscheibe:pseudonym:v1:';

/** One spelling per address: trimmed, Unicode NFC, lower case (local part included, on purpose). */
export function normaliseEmail(email: string): string {
	return email.trim().normalize('NFC').toLowerCase();
}

/** 64 hexadecimal characters that stand for the address. */
export function emailPseudonym(email: string): string {
	return createHash('sha256')
		.update(PSEUDONYM_PREFIX + normaliseEmail(email), 'utf8')
		.digest('hex');
}
