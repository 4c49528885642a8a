/**
 * Whether an address has an account must not show in the answer or in the time it takes. Wall
 * clock comparisons are flaky, so this counts the work that dominates the time instead: every
 * sign-in attempt runs exactly one argon2 verification and no hashing, known address or not,
 * with or without a password, and the answers are the same.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, systemContext } from '../context';
import { isDomainError } from '../errors';
import { createCoordinator, requestPasswordReset, signIn } from './index';

const calls = vi.hoisted(() => ({ verify: 0, hash: 0 }));

vi.mock('./password.hash', async (importOriginal) => {
	const original = await importOriginal<typeof import('./password.hash')>();
	return {
		...original,
		verifyPassword: (storedHash: string, password: string) => {
			calls.verify += 1;
			return original.verifyPassword(storedHash, password);
		},
		hashPassword: (password: string) => {
			calls.hash += 1;
			return original.hashPassword(password);
		}
	};
});

const t = useTestDatabase();
const PASSWORD = 'Rhein-Ufer-Laterne-47';
let addresses = 0;
const ip = () => `198.51.100.${++addresses}`;

async function answerOf(work: Promise<unknown>) {
	try {
		await work;
		return { ok: true };
	} catch (error) {
		if (!isDomainError(error)) throw error;
		return { code: error.code, fields: error.fields, message: error.message };
	}
}

beforeEach(() => {
	calls.verify = 0;
	calls.hash = 0;
});

describe('sign-in does the same work for every address', () => {
	it('one verification and the same answer for a wrong password and an unknown address', async () => {
		await createCoordinator(systemContext(t.db, 'test'), {
			email: 'bekannt@kehl.example',
			displayName: 'Bea Bekannt',
			password: PASSWORD
		});
		calls.verify = 0;
		calls.hash = 0;

		const known = await answerOf(
			signIn(t.ctx(ANONYMOUS), {
				email: 'bekannt@kehl.example',
				password: 'Falsches-Passwort-9',
				ip: ip(),
				userAgent: null
			})
		);
		const knownWork = { ...calls };
		calls.verify = 0;
		const unknown = await answerOf(
			signIn(t.ctx(ANONYMOUS), {
				email: 'unbekannt@kehl.example',
				password: 'Falsches-Passwort-9',
				ip: ip(),
				userAgent: null
			})
		);
		expect(unknown).toEqual(known);
		expect(knownWork).toEqual({ verify: 1, hash: 0 });
		expect({ ...calls }).toEqual({ verify: 1, hash: 0 });
	});
});

describe('a reset request answers the same for every address', () => {
	it('gives no sign of whether the address is known', async () => {
		await createCoordinator(systemContext(t.db, 'test'), {
			email: 'vergesslich@kehl.example',
			displayName: 'Vera Vergesslich',
			password: PASSWORD
		});
		const origin = 'https://netzwerk.example';
		const known = await answerOf(
			requestPasswordReset(t.ctx(ANONYMOUS), {
				email: 'vergesslich@kehl.example',
				ip: ip(),
				origin
			})
		);
		const unknown = await answerOf(
			requestPasswordReset(t.ctx(ANONYMOUS), { email: 'niemand@kehl.example', ip: ip(), origin })
		);
		expect(unknown).toEqual(known);
		expect(known).toEqual({ ok: true });
		// Only the known address gets a mail.
		const mails = await t.db.selectFrom('mail_outbox').select('to_address').execute();
		expect(mails.map((mail) => mail.to_address)).toEqual(['vergesslich@kehl.example']);
	});
});
