import { describe, expect, it } from 'vitest';
import {
	DUMMY_PASSWORD_HASH,
	hashPassword,
	needsRehash,
	PASSWORD_HASH_CONCURRENCY,
	passwordHashLoad,
	verifyPassword
} from './password.hash';

describe('password hashing', () => {
	it('uses argon2id with 19 MiB, two passes and one lane, salted', async () => {
		const first = await hashPassword('Rhein-Ufer-Laterne-47');
		const second = await hashPassword('Rhein-Ufer-Laterne-47');
		expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(second).not.toBe(first);
		expect(needsRehash(first)).toBe(false);
		expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
	});

	it('verifies the right password only, whatever the Unicode form', async () => {
		const stored = await hashPassword('Grüße aus Gengenbach');
		expect(await verifyPassword(stored, 'Grüße aus Gengenbach')).toBe(true);
		expect(await verifyPassword(stored, 'Gru\u0308ße aus Gengenbach')).toBe(true);
		expect(await verifyPassword(stored, 'grüße aus Gengenbach')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});

	it('has a dummy hash with the same parameters as real ones', () => {
		expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
	});

	it('runs at most half the cores at once; the rest wait their turn and all finish', async () => {
		const count = PASSWORD_HASH_CONCURRENCY + 3;
		const all = Array.from({ length: count }, () =>
			verifyPassword(DUMMY_PASSWORD_HASH, 'Rhein-Ufer-Laterne-47')
		);
		const load = passwordHashLoad();
		expect(load.running + load.waiting).toBe(count);
		expect(load.running).toBeLessThanOrEqual(PASSWORD_HASH_CONCURRENCY);
		expect(await Promise.all(all)).toEqual(Array.from({ length: count }, () => false));
		expect(passwordHashLoad()).toEqual({ running: 0, waiting: 0 });
	});
});
