import { describe, expect, it } from 'vitest';
import type { PersonActor } from '../context';
import {
	canEditPitchMaterial,
	canManageEvents,
	canProposePitch,
	canRatePitch,
	canRegister,
	canSeeAttendees,
	canSeeEvent,
	canSeeOnlineLink,
	guestsAllowed
} from './event.policy';
import { parseCancelToken } from './guest.token';

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 7,
	displayName: 'Mira',
	isCoordinator: false,
	municipalities: [{ municipalityId: 1, role: 'member' }],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const readOnly = person({ auth: { method: 'token', scope: 'read', tokenId: 1 } });
const coordinator = person({ isCoordinator: true, municipalities: [] });
const event = {
	audience: 'public' as const,
	endsAt: '2027-03-26T16:00:00.000Z',
	isCallForPitchesOpen: true
};
const before = new Date('2027-03-26T10:00:00.000Z');
const after = new Date('2027-03-26T16:00:00.000Z');

describe('event policy', () => {
	it('gives the online link to those with a place and to the coordination only', () => {
		expect(canSeeOnlineLink(person(), 'confirmed')).toBe(true);
		expect(canSeeOnlineLink({ kind: 'anonymous' }, 'confirmed')).toBe(true);
		expect(canSeeOnlineLink(person(), 'waiting')).toBe(false);
		expect(canSeeOnlineLink(person(), 'cancelled')).toBe(false);
		expect(canSeeOnlineLink(person(), null)).toBe(false);
		expect(canSeeOnlineLink({ kind: 'anonymous' }, null)).toBe(false);
		expect(canSeeOnlineLink(coordinator, null)).toBe(true);
		expect(canSeeOnlineLink(person({ ...coordinator, auth: readOnly.auth }), null)).toBe(false);
	});

	it('shows members-only events to signed-in people only', () => {
		expect(canSeeEvent({ kind: 'anonymous' }, { audience: 'public' })).toBe(true);
		expect(canSeeEvent({ kind: 'anonymous' }, { audience: 'members' })).toBe(false);
		expect(canSeeEvent(person(), { audience: 'members' })).toBe(true);
	});

	it('lets the coordination manage, with write rights for changes', () => {
		expect(canManageEvents(coordinator)).toBe(true);
		expect(canManageEvents(person())).toBe(false);
		const readOnlyCoordinator = person({ isCoordinator: true, auth: readOnly.auth });
		expect(canManageEvents(readOnlyCoordinator)).toBe(false);
		expect(canSeeAttendees(readOnlyCoordinator)).toBe(true);
		expect(canSeeAttendees(person())).toBe(false);
	});

	it('allows registering until the end, for people with write rights', () => {
		expect(canRegister(person(), event, before)).toBe(true);
		expect(canRegister(person(), event, after)).toBe(false);
		expect(canRegister(readOnly, event, before)).toBe(false);
		expect(canRegister({ kind: 'anonymous' }, event, before)).toBe(false);
	});

	it('takes pitch proposals from the project’s owner and partner municipalities while the call is open', () => {
		const own = { municipalityId: 1, partnerMunicipalityIds: [] };
		const partner = { municipalityId: 2, partnerMunicipalityIds: [1] };
		const other = { municipalityId: 2, partnerMunicipalityIds: [3] };
		expect(canProposePitch(person(), event, own)).toBe(true);
		expect(canProposePitch(person(), event, partner)).toBe(true);
		expect(canProposePitch(person(), event, other)).toBe(false);
		expect(canProposePitch(person(), { ...event, isCallForPitchesOpen: false }, own)).toBe(false);
		expect(canProposePitch(readOnly, event, own)).toBe(false);
	});

	it('lets others rate accepted pitches, and the presenter and coordination edit material', () => {
		expect(canRatePitch(person(), { status: 'accepted', presenterPersonId: 9 })).toBe(true);
		expect(canRatePitch(person(), { status: 'proposed', presenterPersonId: 9 })).toBe(false);
		expect(canRatePitch(person(), { status: 'accepted', presenterPersonId: 7 })).toBe(false);
		expect(canEditPitchMaterial(person(), { presenterPersonId: 7 })).toBe(true);
		expect(canEditPitchMaterial(person(), { presenterPersonId: 9 })).toBe(false);
		expect(canEditPitchMaterial(coordinator, { presenterPersonId: 9 })).toBe(true);
	});
});

describe('guests', () => {
	it('may join public events that have not ended, never members-only ones', () => {
		const before = new Date('2027-03-26T15:59:00.000Z');
		expect(guestsAllowed(event, before)).toBe(true);
		expect(guestsAllowed({ ...event, audience: 'members' }, before)).toBe(false);
		expect(guestsAllowed(event, new Date('2027-03-26T16:00:00.000Z'))).toBe(false);
	});

	it('accepts only well-formed cancel tokens', () => {
		const mac = 'ab'.repeat(32);
		expect(parseCancelToken(`12-${mac}`)).toEqual({ id: 12, mac });
		for (const bad of [
			`0-${mac}`,
			`12-${mac.slice(1)}`,
			`12-${mac.toUpperCase()}`,
			'12',
			`x-${mac}`
		]) {
			expect(parseCancelToken(bad)).toBeNull();
		}
	});
});
