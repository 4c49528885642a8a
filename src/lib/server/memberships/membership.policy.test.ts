import { describe, expect, it } from 'vitest';
import type { PersonActor } from '../context';
import {
	canAdministrate,
	canDecideApplications,
	canInviteToMunicipalities,
	canInviteToMunicipality,
	canManageInvitation,
	canManageInvitations,
	canManageMunicipalityPeople,
	judgePeopleChange
} from './membership.policy';

const KEHL = 57;
const LAHR = 65;

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 7,
	displayName: 'Test',
	isCoordinator: false,
	municipalities: [],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const coordinator = person({ isCoordinator: true });
const lahrAdmin = person({ municipalities: [{ municipalityId: LAHR, role: 'admin' }] });
const lahrMember = person({ municipalities: [{ municipalityId: LAHR, role: 'member' }] });
const readOnlyAdmin = person({
	municipalities: [{ municipalityId: LAHR, role: 'admin' }],
	auth: { method: 'token', scope: 'read', tokenId: 1 }
});
const anonymous = { kind: 'anonymous' } as const;
const system = { kind: 'system', reason: 'cli' } as const;

describe('membership policies', () => {
	it('opens the administration to the coordination and admins only', () => {
		expect(canAdministrate(coordinator)).toBe(true);
		expect(canAdministrate(lahrAdmin)).toBe(true);
		expect(canAdministrate(lahrMember)).toBe(false);
		expect(canAdministrate(anonymous)).toBe(false);
		expect(canAdministrate(system)).toBe(false);
	});

	it('lets only the coordination decide applications and see all invitations', () => {
		expect(canDecideApplications(coordinator)).toBe(true);
		expect(canManageInvitations(coordinator)).toBe(true);
		for (const actor of [lahrAdmin, lahrMember, anonymous, system]) {
			expect(canDecideApplications(actor)).toBe(false);
			expect(canManageInvitations(actor)).toBe(false);
		}
	});

	it("keeps an admin inside their own municipality's border", () => {
		expect(canManageMunicipalityPeople(lahrAdmin, LAHR)).toBe(true);
		expect(canManageMunicipalityPeople(lahrAdmin, KEHL)).toBe(false);
		expect(canManageMunicipalityPeople(lahrMember, LAHR)).toBe(false);
		expect(canManageMunicipalityPeople(coordinator, KEHL)).toBe(true);
		expect(canManageMunicipalityPeople(anonymous, LAHR)).toBe(false);
	});

	it('lets admins invite members and admins into their municipality, nowhere else', () => {
		expect(canInviteToMunicipality(lahrAdmin, LAHR, 'member')).toBe(true);
		expect(canInviteToMunicipality(lahrAdmin, LAHR, 'admin')).toBe(true);
		expect(canInviteToMunicipality(lahrAdmin, KEHL, 'member')).toBe(false);
		expect(canInviteToMunicipality(lahrMember, LAHR, 'member')).toBe(false);
		expect(canInviteToMunicipality(coordinator, KEHL, 'admin')).toBe(true);
		expect(canInviteToMunicipality(anonymous, LAHR, 'member')).toBe(false);
	});

	it('refuses a read-only API token every change', () => {
		expect(canInviteToMunicipality(readOnlyAdmin, LAHR, 'member')).toBe(false);
		expect(canManageInvitation(readOnlyAdmin, [LAHR])).toBe(false);
		expect(
			judgePeopleChange(readOnlyAdmin, {
				municipalityId: LAHR,
				currentRole: 'member',
				newRole: 'admin',
				adminCount: 2
			})
		).toBe('forbidden');
	});

	it('needs rights for every municipality of a multi-municipality invitation', () => {
		expect(canInviteToMunicipalities(lahrAdmin, [LAHR, KEHL], 'member')).toBe(false);
		expect(canInviteToMunicipalities(lahrAdmin, [LAHR], 'member')).toBe(true);
		expect(canInviteToMunicipalities(lahrAdmin, [], 'member')).toBe(false);
		expect(canInviteToMunicipalities(coordinator, [LAHR, KEHL], 'admin')).toBe(true);
		expect(canManageInvitation(lahrAdmin, [LAHR, KEHL])).toBe(false);
		expect(canManageInvitation(lahrAdmin, [LAHR])).toBe(true);
		expect(canManageInvitation(lahrAdmin, [])).toBe(false);
		expect(canManageInvitation(coordinator, [KEHL])).toBe(true);
	});

	it('never lets an admin take away the last admin; the coordination may', () => {
		const lastAdmin = {
			municipalityId: LAHR,
			currentRole: 'admin',
			adminCount: 1
		} as const;
		expect(judgePeopleChange(lahrAdmin, { ...lastAdmin, newRole: 'member' })).toBe('last_admin');
		expect(judgePeopleChange(lahrAdmin, { ...lastAdmin, newRole: null })).toBe('last_admin');
		expect(judgePeopleChange(lahrAdmin, { ...lastAdmin, newRole: 'admin' })).toBe('allowed');
		expect(judgePeopleChange(lahrAdmin, { ...lastAdmin, adminCount: 2, newRole: null })).toBe(
			'allowed'
		);
		expect(judgePeopleChange(coordinator, { ...lastAdmin, newRole: null })).toBe('allowed');
		expect(
			judgePeopleChange(lahrAdmin, {
				municipalityId: LAHR,
				currentRole: 'member',
				newRole: null,
				adminCount: 1
			})
		).toBe('allowed');
		expect(
			judgePeopleChange(lahrAdmin, { ...lastAdmin, municipalityId: KEHL, newRole: 'admin' })
		).toBe('forbidden');
		expect(judgePeopleChange(lahrMember, { ...lastAdmin, adminCount: 3, newRole: null })).toBe(
			'forbidden'
		);
	});
});
