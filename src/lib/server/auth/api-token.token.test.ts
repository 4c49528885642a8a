import { describe, expect, it } from 'vitest';
import {
	apiTokenHash,
	apiTokenPrefix,
	bearerTokenOf,
	isWellFormedApiToken,
	newApiToken
} from './api-token.token';

describe('API tokens', () => {
	it('are ds_ and 32 random bytes in base64url, never the same twice', () => {
		const tokens = new Set(Array.from({ length: 50 }, newApiToken));
		expect(tokens.size).toBe(50);
		for (const token of tokens) {
			expect(token).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);
			expect(isWellFormedApiToken(token)).toBe(true);
			expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
		}
	});

	it('are stored as their SHA-256 and shown by their first eight characters', () => {
		const token = 'ds_AbCdEfGh' + 'x'.repeat(35);
		expect(apiTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(apiTokenHash(token)).not.toContain('AbCdEfGh');
		expect(apiTokenHash(token)).toBe(apiTokenHash(token));
		expect(apiTokenHash(token)).not.toBe(apiTokenHash(token + 'y'));
		expect(apiTokenPrefix(token)).toBe('AbCdEfGh');
	});

	it('refuse anything malformed before a lookup', () => {
		for (const token of [
			'',
			'ds_',
			'ds_' + 'a'.repeat(42),
			'ds_' + 'a'.repeat(44),
			'xx_' + 'a'.repeat(43),
			'a'.repeat(43),
			"ds_' or 1=1 --" + 'a'.repeat(29)
		]) {
			expect(isWellFormedApiToken(token), token).toBe(false);
		}
	});
});

describe('bearerTokenOf', () => {
	it('reads the token of a Bearer header, whatever the case of the scheme', () => {
		expect(bearerTokenOf('Bearer ds_abc')).toBe('ds_abc');
		expect(bearerTokenOf('bearer  ds_abc ')).toBe('ds_abc');
	});

	it('ignores other schemes and broken headers', () => {
		expect(bearerTokenOf(null)).toBeNull();
		expect(bearerTokenOf('Basic dXNlcjpwdw==')).toBeNull();
		expect(bearerTokenOf('Bearer')).toBeNull();
		expect(bearerTokenOf('Bearer a b')).toBeNull();
	});
});
