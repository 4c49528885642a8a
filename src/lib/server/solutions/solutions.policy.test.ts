import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import {
	canAddProduct,
	canDeleteProduct,
	canEditProduct,
	canManageAdoption,
	canRestoreProduct,
	canSeeAdoptionDetails,
	canSeeDeletedProducts
} from './solutions.policy';

const KEHL = 12;
const LAHR = 13;
const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Anna Albrecht',
	isCoordinator: false,
	municipalities: [{ municipalityId: KEHL, role: 'member' }],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const readOnly = person({ sessionId: null, auth: { method: 'token', scope: 'read', tokenId: 3 } });
const readWrite = person({
	sessionId: null,
	auth: { method: 'token', scope: 'read_write', tokenId: 4 }
});
const coordinator = person({ isCoordinator: true, municipalities: [] });
const system = { kind: 'system', reason: 'import' } as const;
const live = { deletedAt: null };
const deleted = { deletedAt: '2026-11-20T10:00:00.000Z' };

describe('products', () => {
	it('are added and edited by every signed-in person with write rights', () => {
		expect(canAddProduct(person())).toBe(true);
		expect(canAddProduct(person({ municipalities: [] }))).toBe(true);
		expect(canAddProduct(readWrite)).toBe(true);
		expect(canAddProduct(system)).toBe(true);
		expect(canAddProduct(readOnly)).toBe(false);
		expect(canAddProduct(ANONYMOUS)).toBe(false);
		expect(canEditProduct(person(), live)).toBe(true);
		expect(canEditProduct(person(), deleted)).toBe(false);
		expect(canEditProduct(readOnly, live)).toBe(false);
	});

	it('are deleted and restored by the coordination only', () => {
		expect(canDeleteProduct(person(), live)).toBe(false);
		expect(canDeleteProduct(coordinator, live)).toBe(true);
		expect(canDeleteProduct(coordinator, deleted)).toBe(false);
		expect(canRestoreProduct(coordinator, deleted)).toBe(true);
		expect(canRestoreProduct(coordinator, live)).toBe(false);
		expect(canRestoreProduct(person(), deleted)).toBe(false);
		const readOnlyCoordinator = { ...readOnly, isCoordinator: true };
		expect(canDeleteProduct(readOnlyCoordinator, live)).toBe(false);
		expect(canSeeDeletedProducts(readOnlyCoordinator)).toBe(true);
		expect(canSeeDeletedProducts(person())).toBe(false);
	});
});

describe('adoptions', () => {
	it('belong to their municipality (and the coordination)', () => {
		expect(canManageAdoption(person(), KEHL)).toBe(true);
		expect(canManageAdoption(person(), LAHR)).toBe(false);
		expect(canManageAdoption(coordinator, LAHR)).toBe(true);
		expect(canManageAdoption(system, LAHR)).toBe(true);
		expect(canManageAdoption(readOnly, KEHL)).toBe(false);
		expect(canManageAdoption(ANONYMOUS, KEHL)).toBe(false);
	});

	it('show ratings, experiences and contacts to signed-in people only', () => {
		expect(canSeeAdoptionDetails(person())).toBe(true);
		expect(canSeeAdoptionDetails(readOnly)).toBe(true);
		expect(canSeeAdoptionDetails(ANONYMOUS)).toBe(false);
	});
});
