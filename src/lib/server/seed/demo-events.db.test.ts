/** The demo events: seeded with the demo network, the conference's pitches linked to projects. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { loadSeedData } from '../app';
import { findAppRoot } from '../config';
import { systemContext } from '../context';
import { getProgramme } from '../events';
import { seedDatabase } from './seed.service';

describe('demo events', () => {
	const t = useTestDatabase();

	it('adds the conference with sessions and pitches, a network meeting and an online session', async () => {
		await seedDatabase(
			systemContext(t.db, 'test', t.ctx().now),
			'demo',
			loadSeedData('demo', findAppRoot())
		);
		const events = await t.db
			.selectFrom('event')
			.select(['id', 'title', 'audience', 'is_demo'])
			.orderBy('id')
			.execute();
		expect(events.map((event) => event.title)).toEqual([
			'Ortenau Digital 2027',
			'Netzwerktreffen Frühjahr 2027',
			'Online-Sprechstunde: E-Akte einführen'
		]);
		expect(events.every((event) => event.is_demo)).toBe(true);
		const programme = await getProgramme(t.ctx(), events[0]?.id);
		expect(
			programme.items.filter((item) => item.kind === 'pitch').map((item) => item.projectTitle)
		).toEqual([
			'Mängelmelder für Straßen und Grünflächen',
			'Geoportal der Stadt',
			'Online-Bürgerbeteiligung'
		]);
		expect(programme.items[0]).toMatchObject({ from: '09:00', to: '09:30' });
	});
});
