import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import {
	accountDeletionProblem,
	canEditOwnProfile,
	canManageOwnAccount,
	canUseDirectory,
	canViewProfile
} from './person.policy';

const anna: PersonActor = {
	kind: 'person',
	personId: 7,
	displayName: 'Anna',
	isCoordinator: false,
	municipalities: [],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true
};
const readToken: PersonActor = {
	...anna,
	sessionId: null,
	auth: { method: 'token', scope: 'read', tokenId: 1 }
};
const writeToken: PersonActor = {
	...anna,
	sessionId: null,
	auth: { method: 'token', scope: 'read_write', tokenId: 2 }
};

describe('canUseDirectory', () => {
	it('admits signed-in people only', () => {
		expect(canUseDirectory(anna)).toBe(true);
		expect(canUseDirectory(ANONYMOUS)).toBe(false);
		expect(canUseDirectory({ kind: 'system', reason: 'cli' })).toBe(false);
	});
});

describe('canEditOwnProfile and canManageOwnAccount', () => {
	it('lets read-only tokens change nothing and no token export or delete the account', () => {
		expect(canEditOwnProfile(anna)).toBe(true);
		expect(canEditOwnProfile(writeToken)).toBe(true);
		expect(canEditOwnProfile(readToken)).toBe(false);
		expect(canEditOwnProfile(ANONYMOUS)).toBe(false);
		expect(canManageOwnAccount(anna)).toBe(true);
		expect(canManageOwnAccount(writeToken)).toBe(false);
		expect(canManageOwnAccount(readToken)).toBe(false);
	});
});

describe('canViewProfile', () => {
	it('shows listed people, one’s own profile, and never deleted people', () => {
		expect(canViewProfile(anna, { id: 8, isListed: true, isDeleted: false })).toBe(true);
		expect(canViewProfile(anna, { id: 8, isListed: false, isDeleted: false })).toBe(false);
		expect(canViewProfile(anna, { id: 7, isListed: false, isDeleted: false })).toBe(true);
		expect(canViewProfile(anna, { id: 8, isListed: true, isDeleted: true })).toBe(false);
		expect(canViewProfile(ANONYMOUS, { id: 8, isListed: true, isDeleted: false })).toBe(false);
	});
});

describe('accountDeletionProblem', () => {
	it('keeps the last coordinator', () => {
		expect(accountDeletionProblem({ isCoordinator: true, otherActiveCoordinators: 0 })).toBe(
			'last_coordinator'
		);
		expect(accountDeletionProblem({ isCoordinator: true, otherActiveCoordinators: 1 })).toBeNull();
		expect(accountDeletionProblem({ isCoordinator: false, otherActiveCoordinators: 0 })).toBeNull();
	});
});
