import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import {
	canResetTwoFactor,
	isReachableBeforeEnrolment,
	isTwoFactorRequired,
	mustEnrolTwoFactor,
	TWO_FACTOR_ENROLMENT_PATH
} from './two-factor.policy';

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Anna Albrecht',
	isCoordinator: false,
	municipalities: [{ municipalityId: 11, role: 'member' }],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const coordinator = person({ isCoordinator: true });
const admin = person({
	municipalities: [
		{ municipalityId: 11, role: 'member' },
		{ municipalityId: 12, role: 'admin' }
	]
});
const member = person();

describe('isTwoFactorRequired', () => {
	it('requires it of coordinators and of admins of any municipality', () => {
		expect(isTwoFactorRequired(coordinator, 'privileged')).toBe(true);
		expect(isTwoFactorRequired(admin, 'privileged')).toBe(true);
		expect(isTwoFactorRequired(member, 'privileged')).toBe(false);
	});

	it('requires it of everyone when configured so, but never of visitors or the system', () => {
		expect(isTwoFactorRequired(member, 'everyone')).toBe(true);
		expect(isTwoFactorRequired(ANONYMOUS, 'everyone')).toBe(false);
		expect(isTwoFactorRequired({ kind: 'system', reason: 'cli' }, 'everyone')).toBe(false);
	});
});

describe('mustEnrolTwoFactor', () => {
	it('holds for a required person without two-factor only', () => {
		expect(mustEnrolTwoFactor(coordinator, 'privileged')).toBe(true);
		expect(mustEnrolTwoFactor(admin, 'privileged')).toBe(true);
		expect(mustEnrolTwoFactor({ ...coordinator, hasTwoFactor: true }, 'privileged')).toBe(false);
		expect(mustEnrolTwoFactor(member, 'privileged')).toBe(false);
		expect(mustEnrolTwoFactor(member, 'everyone')).toBe(true);
		expect(mustEnrolTwoFactor(ANONYMOUS, 'everyone')).toBe(false);
	});

	it('holds for API tokens of such a person as well', () => {
		const token = {
			...coordinator,
			sessionId: null,
			auth: { method: 'token', scope: 'read', tokenId: 1 }
		} as const;
		expect(mustEnrolTwoFactor(token, 'privileged')).toBe(true);
	});
});

describe('isReachableBeforeEnrolment', () => {
	it.each([
		TWO_FACTOR_ENROLMENT_PATH,
		'/abmelden',
		'/sprache',
		'/_app/immutable/x.js',
		'/favicon.svg',
		'/robots.txt'
	])('lets %s through', (path) => expect(isReachableBeforeEnrolment(path)).toBe(true));

	it.each([
		'/',
		'/konto',
		'/konto/sicherheit',
		'/konto/sicherheit/passwort',
		'/konto/sicherheit/zwei-faktor/../passwort',
		'/konto/sicherheit/zwei-faktor-x',
		'/api/v1/municipalities',
		'/abmelden/x',
		'/_appx',
		'/kommunen'
	])('sends %s to enrolment', (path) => expect(isReachableBeforeEnrolment(path)).toBe(false));
});

describe('canResetTwoFactor', () => {
	it('lets the operator and the coordination reset a lost second factor, nobody else', () => {
		expect(canResetTwoFactor({ kind: 'system', reason: 'cli' })).toBe(true);
		expect(canResetTwoFactor(coordinator)).toBe(true);
		expect(canResetTwoFactor(admin)).toBe(false);
		expect(canResetTwoFactor(member)).toBe(false);
		expect(canResetTwoFactor(ANONYMOUS)).toBe(false);
	});
});
