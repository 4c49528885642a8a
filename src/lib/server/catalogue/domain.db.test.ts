/** The coordination's domain list (Fachbereiche) against a real database, on both dialects. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import type { PersonActor } from '../context';
import { createDomain, listDomains, renameDomain, setDomainArchived } from './index';

const t = useTestDatabase();

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Cora Koordination',
	isCoordinator: true,
	municipalities: [],
	sessionId: 'a'.repeat(64),
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const coordinator = person();
const member = person({
	isCoordinator: false,
	municipalities: [{ municipalityId: 1, role: 'admin' }]
});
const readOnlyCoordinator = person({
	sessionId: null,
	auth: { method: 'token', scope: 'read', tokenId: 1 }
});

describe('domain administration', () => {
	it('adds, renames, archives and reactivates domains', async () => {
		const { id } = await createDomain(t.ctx(coordinator), { name: '  Straßen  und Wege ' });
		let all = await listDomains(t.ctx(coordinator), { includeArchived: true });
		expect(all.find((d) => d.id === id)).toEqual({
			id,
			name: 'Straßen und Wege',
			isArchived: false
		});

		await renameDomain(t.ctx(coordinator), id, { name: 'Tiefbau' });
		await setDomainArchived(t.ctx(coordinator), id, true);
		expect((await listDomains(t.ctx(member))).some((d) => d.id === id)).toBe(false);
		all = await listDomains(t.ctx(coordinator), { includeArchived: true });
		expect(all.find((d) => d.id === id)).toEqual({ id, name: 'Tiefbau', isArchived: true });

		await setDomainArchived(t.ctx(coordinator), id, false);
		expect((await listDomains(t.ctx(member))).find((d) => d.id === id)?.name).toBe('Tiefbau');
	});

	it('refuses a name that exists (by German sort key) and empty names', async () => {
		await createDomain(t.ctx(coordinator), { name: 'Bürgerbüro Test' });
		const taken = await errorOf(createDomain(t.ctx(coordinator), { name: 'BÜRGERBÜRO  test' }));
		expect(taken.fields).toEqual({ name: 'domain_name_taken' });
		const { id } = await createDomain(t.ctx(coordinator), { name: 'Ordnungsamt Test' });
		const rename = await errorOf(renameDomain(t.ctx(coordinator), id, { name: 'bürgerbüro test' }));
		expect(rename.fields).toEqual({ name: 'domain_name_taken' });
		// Renaming onto its own key (another spelling) is fine.
		await renameDomain(t.ctx(coordinator), id, { name: 'ORDNUNGSAMT Test' });
		expect((await errorOf(createDomain(t.ctx(coordinator), { name: ' ' }))).fields).toEqual({
			name: 'domain_name_required'
		});
	});

	it('is closed to everyone but the coordination, and to read-only tokens', async () => {
		const before = await listDomains(t.ctx(coordinator), { includeArchived: true });
		expect((await errorOf(createDomain(t.ctx(member), { name: 'Heimlich' }))).code).toBe(
			'FORBIDDEN'
		);
		expect(
			(await errorOf(createDomain(t.ctx(readOnlyCoordinator), { name: 'Heimlich' }))).code
		).toBe('FORBIDDEN');
		const first = before[0]!;
		expect((await errorOf(renameDomain(t.ctx(member), first.id, { name: 'Heimlich' }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(setDomainArchived(t.ctx(member), first.id, true))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(setDomainArchived(t.ctx(coordinator), 999_999, true))).code).toBe(
			'NOT_FOUND'
		);
		expect(await listDomains(t.ctx(coordinator), { includeArchived: true })).toEqual(before);
	});
});
