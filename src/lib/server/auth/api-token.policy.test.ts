import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import { apiTokenStatus, canCreateApiToken, canCreateApiTokenForPerson } from './api-token.policy';
import { canRead, canWrite } from './auth.policy';

const person = (auth: PersonActor['auth']): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Anna Albrecht',
	isCoordinator: true,
	municipalities: [],
	sessionId: auth.method === 'session' ? 'a'.repeat(64) : null,
	auth,
	hasTwoFactor: false,
	isEmailVerified: true
});
const browser = person({ method: 'session' });
const reader = person({ method: 'token', scope: 'read', tokenId: 7 });
const writer = person({ method: 'token', scope: 'read_write', tokenId: 8 });
const system = { kind: 'system', reason: 'cli' } as const;

describe('canRead / canWrite', () => {
	it('lets read-only tokens read but never write, even for the coordination', () => {
		expect(canRead(reader)).toBe(true);
		expect(canWrite(reader)).toBe(false);
	});

	it('lets browser sessions, read-write tokens and the system write', () => {
		for (const actor of [browser, writer, system]) {
			expect(canRead(actor)).toBe(true);
			expect(canWrite(actor)).toBe(true);
		}
	});

	it('gives visitors neither', () => {
		expect(canRead(ANONYMOUS)).toBe(false);
		expect(canWrite(ANONYMOUS)).toBe(false);
	});
});

describe('making tokens', () => {
	it('needs a browser session: a token cannot make tokens', () => {
		expect(canCreateApiToken(browser)).toBe(true);
		expect(canCreateApiToken(writer)).toBe(false);
		expect(canCreateApiToken(reader)).toBe(false);
		expect(canCreateApiToken(ANONYMOUS)).toBe(false);
		expect(canCreateApiToken(system)).toBe(false);
	});

	it('for someone else is the operator’s business only', () => {
		expect(canCreateApiTokenForPerson(system)).toBe(true);
		expect(canCreateApiTokenForPerson(browser)).toBe(false);
	});
});

describe('apiTokenStatus', () => {
	const now = '2026-11-25T12:00:00.000Z';
	it('is active until expiry or revocation', () => {
		expect(apiTokenStatus({ expires_at: '2026-11-25T12:00:00.001Z', revoked_at: null }, now)).toBe(
			'active'
		);
		expect(apiTokenStatus({ expires_at: now, revoked_at: null }, now)).toBe('expired');
		expect(apiTokenStatus({ expires_at: '2027-01-01T00:00:00.000Z', revoked_at: now }, now)).toBe(
			'revoked'
		);
	});
});
