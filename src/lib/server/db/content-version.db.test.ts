import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { registerEntry, registerSource } from '../../../../tests/support/factories';
import { systemContext } from '../context';
import { seedDatabase } from '../seed';
import { readContentVersion } from './content-version';

const t = useTestDatabase();

describe('content version', () => {
	it('is bumped by every change to public content, whoever writes it', async () => {
		const start = await readContentVersion(t.db);
		await seedDatabase(systemContext(t.db, 'test'), 'register', {
			register: registerSource([registerEntry({ ags: '08000001' }), registerEntry()])
		});
		const afterSeed = await readContentVersion(t.db);
		expect(afterSeed).toBeGreaterThan(start);

		await t.db
			.updateTable('municipality')
			.set({ population: 1 })
			.where('ags', '=', '08000001')
			.execute();
		const afterUpdate = await readContentVersion(t.db);
		expect(afterUpdate).toBeGreaterThan(afterSeed);

		await t.db.deleteFrom('municipality').where('ags', '=', '08000001').execute();
		expect(await readContentVersion(t.db)).toBeGreaterThan(afterUpdate);
	});

	it('is not bumped by a rolled-back change', async () => {
		const before = await readContentVersion(t.db);
		await expect(
			t.db.transaction().execute(async (tx) => {
				await tx.updateTable('municipality').set({ population: 2 }).execute();
				throw new Error('abort');
			})
		).rejects.toThrow('abort');
		expect(await readContentVersion(t.db)).toBe(before);
	});

	it('is not bumped by private writes such as sessions or the audit log', async () => {
		const before = await readContentVersion(t.db);
		await t.db
			.insertInto('rate_limit_bucket')
			.values({
				key: 'test',
				count: 1,
				window_started_at: '2026-11-25T12:00:00.000Z',
				blocked_until: null,
				block_count: 0,
				expires_at: '2026-11-25T13:00:00.000Z',
				updated_at: '2026-11-25T12:00:00.000Z'
			})
			.execute();
		expect(await readContentVersion(t.db)).toBe(before);
	});

	it('is bumped by a project change and a contact’s new name, not by a sign-in', async () => {
		const municipality = await t.db
			.selectFrom('municipality')
			.select('id')
			.executeTakeFirstOrThrow();
		const person = await t.db
			.insertInto('person')
			.values({
				email: 'kontakt@kehl.example',
				display_name: 'Karla Kontakt',
				is_coordinator: false,
				updated_at: '2026-11-25T12:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		let before = await readContentVersion(t.db);
		await t.db
			.insertInto('project')
			.values({
				title: 'E-Akte',
				title_sort: 'e akte',
				municipality_id: municipality.id,
				status: 'betrieb',
				visibility: 'public',
				updated_at: '2026-11-25T12:00:00.000Z'
			})
			.execute();
		expect(await readContentVersion(t.db)).toBeGreaterThan(before);

		before = await readContentVersion(t.db);
		await t.db
			.updateTable('person')
			.set({ last_sign_in_at: '2026-11-25T12:30:00.000Z' })
			.where('id', '=', person.id)
			.execute();
		expect(await readContentVersion(t.db)).toBe(before);
		await t.db
			.updateTable('person')
			.set({ display_name: 'Karla Neu' })
			.where('id', '=', person.id)
			.execute();
		expect(await readContentVersion(t.db)).toBeGreaterThan(before);
	});
});
