/** The demo network's people: listed, marked as demo, with passwords only when asked for. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { demoAccountsNotice, loadSeedData } from '../app';
import { verifyPassword } from '../auth';
import { findAppRoot } from '../config';
import { systemContext, type PersonActor } from '../context';
import { listPeople, parseDirectoryFilter } from '../people';
import { seedDatabase } from './seed.service';

const appRoot = findAppRoot();

describe('demo people without passwords (production)', () => {
	const t = useTestDatabase();

	it('creates the coordinator and the municipalities’ people, listed, who cannot sign in', async () => {
		const outcome = await seedDatabase(
			systemContext(t.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot)
		);
		if (outcome.status !== 'seeded') throw new Error('not seeded');
		expect(outcome.demoAccounts.length).toBeGreaterThanOrEqual(5);
		expect(outcome.demoAccounts.every((account) => account.password === null)).toBe(true);

		const people = await t.db
			.selectFrom('person')
			.select(['email', 'password_hash', 'is_demo', 'is_listed', 'is_coordinator'])
			.execute();
		expect(people.every((p) => p.password_hash === null && p.is_demo && p.is_listed)).toBe(true);
		expect(people.every((p) => p.email.endsWith('.example'))).toBe(true);
		expect(people.filter((p) => p.is_coordinator)).toHaveLength(1);

		const viewer: PersonActor = {
			kind: 'person',
			personId: 0,
			displayName: 'Gast',
			isCoordinator: false,
			municipalities: [],
			sessionId: 'a'.repeat(64),
			auth: { method: 'session' },
			hasTwoFactor: false,
			isEmailVerified: true
		};
		const kehl = await listPeople(
			t.ctx(viewer),
			parseDirectoryFilter(new URLSearchParams('municipality=08317057'))
		);
		expect(kehl.items.map((p) => p.jobTitle)).toEqual(
			expect.arrayContaining(['Digitallotsin', 'Digitalisierungsbeauftragter'])
		);

		const notice = demoAccountsNotice(outcome.demoAccounts, true);
		expect(notice).toContain('npm run cli -- admin create');
		expect(notice).not.toContain('@');
	});
});

describe('demo people with passwords (development)', () => {
	const t = useTestDatabase();

	it('gives each a random password that signs in, shown once in the outcome', async () => {
		const outcome = await seedDatabase(
			systemContext(t.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot),
			{ demoPasswords: true }
		);
		if (outcome.status !== 'seeded') throw new Error('not seeded');
		const [first, second] = outcome.demoAccounts;
		if (!first?.password || !second?.password) throw new Error('no passwords');
		expect(first.password).not.toBe(second.password);
		expect(first.password.length).toBeGreaterThanOrEqual(16);
		const row = await t.db
			.selectFrom('person')
			.select('password_hash')
			.where('email', '=', first.email)
			.executeTakeFirstOrThrow();
		expect(row.password_hash).not.toContain(first.password);
		expect(await verifyPassword(row.password_hash ?? '', first.password)).toBe(true);

		const notice = demoAccountsNotice(outcome.demoAccounts, false);
		expect(notice).toContain(first.email);
		expect(notice).toContain(first.password);

		const again = await seedDatabase(
			systemContext(t.db, 'test'),
			'demo',
			loadSeedData('demo', appRoot),
			{ demoPasswords: true }
		);
		expect(again.status).toBe('already-seeded');
	});
});
