/**
 * People of a municipality against a real database, on SQLite and PostgreSQL: listing, role
 * changes and removal within an admin's own municipality only, and never the last admin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import type { PersonActor } from '../context';
import {
	changeMemberRole,
	getAdministrationOverview,
	getMunicipalityPeople,
	removeMember
} from './index';
import {
	actorFor,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	personIn,
	type World
} from './membership.test-support';

const t = useTestDatabase();
let world: World;
let coord: PersonActor;

beforeAll(async () => {
	world = await buildWorld(t.db);
	coord = await coordinator(t.db);
});

describe('people of a municipality', () => {
	it('shows an admin their own people and nobody else’s', async () => {
		const admin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }], 'Anna A');
		await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }], 'Bernd B');
		await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }], 'Klara K');
		const lahr = await getMunicipalityPeople(ctxOf(t.db, admin), '08317065');
		expect(lahr.people.map((p) => [p.displayName, p.role])).toEqual([
			['Anna A', 'admin'],
			['Bernd B', 'member']
		]);
		expect(lahr.mayRemoveLastAdmin).toBe(false);
		expect((await errorOf(getMunicipalityPeople(ctxOf(t.db, admin), '08317057'))).code).toBe(
			'NOT_FOUND'
		);
		const member = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		expect((await errorOf(getMunicipalityPeople(ctxOf(t.db, member), '08317065'))).code).toBe(
			'NOT_FOUND'
		);
		expect((await getMunicipalityPeople(ctxOf(t.db, coord), '08317057')).people).toHaveLength(1);

		const overview = await getAdministrationOverview(ctxOf(t.db, admin));
		expect(overview.municipalities.map((m) => m.ags)).toEqual(['08317065']);
		expect(overview.isCoordinator).toBe(false);
		expect((await errorOf(getAdministrationOverview(ctxOf(t.db, member)))).code).toBe('FORBIDDEN');
	});

	it("cannot touch another municipality's people by changing ids", async () => {
		const lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }]);
		const kehlMember = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		// Kehl's person through Lahr's page: not one of Lahr's people.
		expect(
			(
				await errorOf(
					changeMemberRole(ctxOf(t.db, lahrAdmin), '08317065', {
						personId: kehlMember.personId,
						role: 'admin'
					})
				)
			).code
		).toBe('NOT_FOUND');
		// Kehl's page directly: not Lahr's admin's business.
		expect(
			(
				await errorOf(
					removeMember(ctxOf(t.db, lahrAdmin), '08317057', { personId: kehlMember.personId })
				)
			).code
		).toBe('NOT_FOUND');
		expect((await actorFor(t.db, kehlMember.personId)).municipalities).toEqual([
			{ municipalityId: world.kehl, role: 'member' }
		]);
	});

	it('promotes, demotes and removes, but never the last admin unless the coordination', async () => {
		const first = await personIn(t.db, [{ municipalityId: world.ohlsbach, role: 'admin' }]);
		const colleague = await personIn(t.db, [{ municipalityId: world.ohlsbach, role: 'member' }]);
		const ctx = ctxOf(t.db, first);
		expect(
			(
				await errorOf(
					changeMemberRole(ctx, '08317097', { personId: first.personId, role: 'member' })
				)
			).fields
		).toEqual({ form: 'last_admin' });
		expect(
			(await errorOf(removeMember(ctx, '08317097', { personId: first.personId }))).fields
		).toEqual({ form: 'last_admin' });

		await changeMemberRole(ctx, '08317097', { personId: colleague.personId, role: 'admin' });
		await changeMemberRole(ctx, '08317097', { personId: first.personId, role: 'member' });
		const now = await getMunicipalityPeople(ctxOf(t.db, coord), '08317097');
		expect(now.adminCount).toBe(1);

		const colleagueActor = await actorFor(t.db, colleague.personId);
		await removeMember(ctxOf(t.db, colleagueActor), '08317097', { personId: first.personId });
		expect((await actorFor(t.db, first.personId)).municipalities).toEqual([]);
		// The coordination may leave a municipality without admin (and invite a new one).
		await removeMember(ctxOf(t.db, coord), '08317097', { personId: colleague.personId });
		expect((await getMunicipalityPeople(ctxOf(t.db, coord), '08317097')).people).toEqual([]);
		const changes = await t.db
			.selectFrom('audit_event')
			.select('action')
			.where('action', '=', 'role.changed')
			.where('municipality_id', '=', world.ohlsbach)
			.execute();
		expect(changes).toHaveLength(4);
	});
});
