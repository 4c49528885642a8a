import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import { canAdministerDomains, canManageDomains } from './domain.policy';
import { DomainNameSchema } from './domain.schema';

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Anna Albrecht',
	isCoordinator: false,
	municipalities: [{ municipalityId: 3, role: 'admin' }],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});

describe('canManageDomains', () => {
	it('is the coordination’s (never through a read-only token)', () => {
		expect(canManageDomains(person({ isCoordinator: true }))).toBe(true);
		expect(canManageDomains({ kind: 'system', reason: 'seed' })).toBe(true);
		expect(canManageDomains(person())).toBe(false);
		expect(canManageDomains(ANONYMOUS)).toBe(false);
		const readOnly = person({
			isCoordinator: true,
			sessionId: null,
			auth: { method: 'token', scope: 'read', tokenId: 1 }
		});
		expect(canManageDomains(readOnly)).toBe(false);
		expect(canAdministerDomains(readOnly)).toBe(true);
		expect(canAdministerDomains(person())).toBe(false);
	});
});

describe('DomainNameSchema', () => {
	it('collapses spaces and limits the length', () => {
		expect(DomainNameSchema.parse({ name: '  Bürger   service ' })).toEqual({
			name: 'Bürger service'
		});
		expect(DomainNameSchema.safeParse({ name: '   ' }).error?.issues[0]?.message).toBe(
			'domain_name_required'
		);
		expect(DomainNameSchema.safeParse({ name: 'x'.repeat(101) }).error?.issues[0]?.message).toBe(
			'domain_name_too_long'
		);
	});
});
