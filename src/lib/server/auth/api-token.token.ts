/**
 * Personal API tokens as strings: `ds_` and 32 random bytes in base64url. The prefix makes a
 * leaked token easy to recognise (by people and by secret scanners); the database keeps only the
 * SHA-256 of the whole string and looks tokens up by it, like sessions (decision 0013).
 */
import { newRandomToken, storedTokenHash } from '../tokens';

export const API_TOKEN_PREFIX = 'ds_';
/** Characters after `ds_` kept in clear, so lists can show `ds_AbCd1234…`. */
export const API_TOKEN_SHOWN_CHARS = 8;

const TOKEN_PATTERN = /^ds_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): string {
	return API_TOKEN_PREFIX + newRandomToken();
}

/** What is stored and looked up: SHA-256 (hex) of the whole token. */
export const apiTokenHash = storedTokenHash;

/** The first characters after `ds_`, for lists. */
export function apiTokenPrefix(token: string): string {
	return token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + API_TOKEN_SHOWN_CHARS);
}

/** Anything else in an Authorization header is not ours; it is not even looked up. */
export function isWellFormedApiToken(token: string): boolean {
	return TOKEN_PATTERN.test(token);
}

/**
 * The token of an `Authorization: Bearer …` header; null for another scheme or a malformed
 * header. The scheme is case-insensitive (RFC 7235).
 */
export function bearerTokenOf(header: string | null): string | null {
	if (!header) return null;
	const match = /^Bearer +([^\s]+) *$/i.exec(header);
	return match?.[1] ?? null;
}
