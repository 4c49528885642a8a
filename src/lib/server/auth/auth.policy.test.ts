import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import {
	canCreateCoordinator,
	isCoordinator,
	isMunicipalityAdmin,
	isMunicipalityMember,
	isSignedIn
} from './auth.policy';

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Anna Albrecht',
	isCoordinator: false,
	municipalities: [],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const system = { kind: 'system', reason: 'cli' } as const;
const GENGENBACH = 11;
const KEHL = 12;
const adminOfGengenbach = person({
	municipalities: [
		{ municipalityId: GENGENBACH, role: 'admin' },
		{ municipalityId: KEHL, role: 'member' }
	]
});

describe('isSignedIn / isCoordinator', () => {
	it('knows people from visitors and the system', () => {
		expect(isSignedIn(person())).toBe(true);
		expect(isSignedIn(ANONYMOUS)).toBe(false);
		expect(isSignedIn(system)).toBe(false);
		expect(isCoordinator(person({ isCoordinator: true }))).toBe(true);
		expect(isCoordinator(person())).toBe(false);
		expect(isCoordinator(system)).toBe(false);
	});
});

describe('isMunicipalityAdmin / isMunicipalityMember', () => {
	it('holds for the own municipality only, and admin only with the admin role', () => {
		expect(isMunicipalityAdmin(adminOfGengenbach, GENGENBACH)).toBe(true);
		expect(isMunicipalityAdmin(adminOfGengenbach, KEHL)).toBe(false);
		expect(isMunicipalityAdmin(adminOfGengenbach, 99)).toBe(false);
		expect(isMunicipalityMember(adminOfGengenbach, KEHL)).toBe(true);
		expect(isMunicipalityMember(adminOfGengenbach, 99)).toBe(false);
	});

	it('gives coordinators, visitors and the system no municipality role', () => {
		const coordinator = person({ isCoordinator: true });
		for (const actor of [coordinator, ANONYMOUS, system]) {
			expect(isMunicipalityAdmin(actor, GENGENBACH)).toBe(false);
			expect(isMunicipalityMember(actor, GENGENBACH)).toBe(false);
		}
	});
});

describe('canCreateCoordinator', () => {
	it('is for the operator and the coordination', () => {
		expect(canCreateCoordinator(system)).toBe(true);
		expect(canCreateCoordinator(person({ isCoordinator: true }))).toBe(true);
		expect(canCreateCoordinator(adminOfGengenbach)).toBe(false);
		expect(canCreateCoordinator(ANONYMOUS)).toBe(false);
	});
});
