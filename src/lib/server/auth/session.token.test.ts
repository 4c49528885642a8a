import { describe, expect, it } from 'vitest';
import {
	isWellFormedSessionToken,
	newSessionToken,
	sessionCookieName,
	sessionCookieOptions,
	sessionIdOf
} from './session.token';

describe('session cookie', () => {
	it('is __Host-sitzung over https and sitzung on plain http', () => {
		expect(sessionCookieName(true)).toBe('__Host-sitzung');
		expect(sessionCookieName(false)).toBe('sitzung');
	});

	it('is HttpOnly, SameSite=Lax, Path=/ and Secure over https', () => {
		const expires = new Date('2026-12-25T12:00:00Z');
		expect(sessionCookieOptions(true, expires)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			expires
		});
		expect(sessionCookieOptions(false)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: false
		});
	});
});

describe('session tokens', () => {
	it('are 32 random bytes, stored only as their SHA-256', () => {
		const tokens = new Set(Array.from({ length: 100 }, () => newSessionToken()));
		expect(tokens.size).toBe(100);
		for (const token of tokens) {
			expect(isWellFormedSessionToken(token)).toBe(true);
			expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		}
		expect(sessionIdOf('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('refuses anything else before it reaches the database', () => {
		for (const value of ['', 'a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}=`, "' or 1=1"]) {
			expect(isWellFormedSessionToken(value)).toBe(false);
		}
	});
});
