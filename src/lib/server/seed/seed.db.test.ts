import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { demoContent, registerEntry, registerSource } from '../../../../tests/support/factories';
import { loadSeedData } from '../app';
import { findAppRoot } from '../config';
import { systemContext } from '../context';
import { getMunicipality, getRegisterFigures } from '../municipalities';
import { getNetwork, listDataSources } from '../network';
import { listRecentActivity } from '../activity';
import { seedDatabase } from './seed.service';

const appRoot = findAppRoot();

describe('seeding with the shipped demo network', () => {
	const t = useTestDatabase();

	it('loads the register and the demo members once', async () => {
		const outcome = await seedDatabase(
			systemContext(t.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot)
		);
		expect(outcome).toMatchObject({
			status: 'seeded',
			mode: 'demo',
			municipalities: 51,
			members: 23
		});

		const kehl = await getMunicipality(t.ctx(), '08317057');
		expect(kehl).toMatchObject({
			name: 'Kehl',
			type: 'grosse_kreisstadt',
			population: 38556,
			populationDate: '2022-05-15',
			membershipStatus: 'member',
			isFoundingMember: true,
			isDemo: true
		});
		expect(kehl.dataSource).toContain('Destatis');

		expect(await getRegisterFigures(t.ctx())).toMatchObject({
			municipalities: 51,
			members: 23,
			foundingMembers: 5
		});
		const network = await getNetwork(t.ctx());
		expect(network).toMatchObject({
			name: 'Digitalisierungsnetzwerk Ortenau',
			isDemo: true,
			isConfigured: true
		});
		const [source] = await listDataSources(t.ctx());
		expect(source?.licence).toBe('Datenlizenz Deutschland – Namensnennung – Version 2.0');
		const activity = await listRecentActivity(t.ctx(), 3);
		expect(activity).toHaveLength(3);
		expect(activity[0]?.kind).toBe('municipality_joined');
	});

	it('never seeds the same database twice', async () => {
		const again = await seedDatabase(
			systemContext(t.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot)
		);
		expect(again).toMatchObject({ status: 'already-seeded', mode: 'demo' });
		const otherMode = await seedDatabase(
			systemContext(t.db, 'test'),
			'register',
			loadSeedData('register', appRoot)
		);
		expect(otherMode.status).toBe('already-seeded');
		expect((await getRegisterFigures(t.ctx())).municipalities).toBe(51);
	});
});

describe('seeding modes', () => {
	const registerOnly = useTestDatabase();
	const nothing = useTestDatabase();

	it('register loads the municipalities without a network or members', async () => {
		const outcome = await seedDatabase(
			systemContext(registerOnly.db, 'test'),
			'register',
			loadSeedData('register', appRoot)
		);
		expect(outcome).toMatchObject({ status: 'seeded', municipalities: 51, members: 0 });
		expect((await getNetwork(registerOnly.ctx())).isConfigured).toBe(false);
		expect((await getRegisterFigures(registerOnly.ctx())).members).toBe(0);
	});

	it('none loads nothing and still marks the database as seeded', async () => {
		const outcome = await seedDatabase(systemContext(nothing.db, 'test'), 'none', {});
		expect(outcome).toMatchObject({ status: 'seeded', municipalities: 0, members: 0 });
		expect((await getRegisterFigures(nothing.ctx())).municipalities).toBe(0);
		const later = await seedDatabase(
			systemContext(nothing.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot)
		);
		expect(later.status).toBe('already-seeded');
	});
});

describe('seeding races and failures', () => {
	const t = useTestDatabase();
	const broken = useTestDatabase();

	it('lets exactly one of two simultaneous seeders win', async () => {
		const data = { register: registerSource([registerEntry(), registerEntry()]) };
		const outcomes = await Promise.all([
			seedDatabase(systemContext(t.db, 'a'), 'register', data),
			seedDatabase(systemContext(t.db, 'b'), 'register', data)
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['already-seeded', 'seeded']);
		expect((await getRegisterFigures(t.ctx())).municipalities).toBe(2);
	});

	it('leaves nothing behind when the demo content does not fit the register', async () => {
		const data = {
			register: registerSource([registerEntry({ ags: '08111111' })]),
			demo: demoContent({ members: [{ ags: '08999999', since: '2020-01-01' }] })
		};
		await expect(seedDatabase(systemContext(broken.db, 'test'), 'demo', data)).rejects.toThrow(
			/08999999/
		);
		expect((await getRegisterFigures(broken.ctx())).municipalities).toBe(0);
		const marker = await broken.db.selectFrom('seed_run').selectAll().execute();
		expect(marker).toEqual([]);
	});
});
