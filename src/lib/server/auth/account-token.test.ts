import { describe, expect, it } from 'vitest';
import {
	accountTokenHash,
	challengeCookieName,
	challengeCookieOptions,
	isWellFormedAccountToken,
	newAccountToken
} from './account-token';

describe('account tokens', () => {
	it('are 32 random bytes in base64url, stored as SHA-256 hex', () => {
		const token = newAccountToken();
		expect(isWellFormedAccountToken(token)).toBe(true);
		expect(newAccountToken()).not.toBe(token);
		expect(accountTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(accountTokenHash(token)).not.toContain(token);
		expect(isWellFormedAccountToken(accountTokenHash(token))).toBe(false);
		expect(isWellFormedAccountToken(undefined)).toBe(false);
		expect(isWellFormedAccountToken("' or 1=1 --")).toBe(false);
	});

	it('keeps the challenge cookie on /anmelden, HttpOnly and SameSite=Lax', () => {
		expect(challengeCookieName(true)).toBe('__Secure-anmeldung');
		expect(challengeCookieName(false)).toBe('anmeldung');
		expect(challengeCookieOptions(true)).toEqual({
			path: '/anmelden',
			httpOnly: true,
			sameSite: 'lax',
			secure: true
		});
	});
});
