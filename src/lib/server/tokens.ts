/**
 * Secrets handed out as links, cookies or feed addresses: 32 random bytes in base64url for the
 * holder; the database keeps only their SHA-256 (hex) and finds the record by that hash, so a
 * leaked copy of the database opens nothing and no secret is compared byte by byte in JavaScript.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newRandomToken(): string {
	return randomBytes(32).toString('base64url');
}

/** What is stored and looked up: SHA-256 (hex) of the whole token. */
export function storedTokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Anything else is not ours; it is not even looked up. */
export function isWellFormedRandomToken(token: unknown): token is string {
	return typeof token === 'string' && TOKEN_PATTERN.test(token);
}
