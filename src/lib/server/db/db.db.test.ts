/**
 * The two dialects behave the same: migrations, booleans, timestamps, dates, JSON, counts and
 * transactions. Runs on SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { inTransaction, json, ping } from './index';
import { migrateToLatest, pendingMigrations } from './migrate';
import { migrations } from './migrations';

const t = useTestDatabase();

async function insertMunicipality(ags: string, overrides: Record<string, unknown> = {}) {
	return t.db
		.insertInto('municipality')
		.values({
			ags,
			name: `Gemeinde ${ags}`,
			name_sort: `gemeinde ${ags}`,
			type: 'gemeinde',
			membership_status: 'none',
			is_founding_member: false,
			is_demo: false,
			updated_at: '2026-11-25T10:00:00.000Z',
			...overrides
		})
		.returning(['id'])
		.executeTakeFirstOrThrow();
}

describe('database layer', () => {
	it('has every migration applied and none pending', async () => {
		expect(await pendingMigrations(t.db)).toEqual([]);
		expect(await migrateToLatest(t.db)).toEqual([]);
		const tables = await t.db.introspection.getTables();
		const names = tables.map((table) => table.name).sort();
		expect(names).toEqual(
			expect.arrayContaining([
				'activity',
				'association',
				'data_source',
				'municipality',
				'network',
				'seed_run'
			])
		);
		expect(Object.keys(migrations).length).toBeGreaterThan(0);
	});

	it('answers a ping', async () => {
		await expect(ping(t.db)).resolves.toBeUndefined();
	});

	it('reads booleans as booleans', async () => {
		await insertMunicipality('01000001', { is_founding_member: true, is_demo: false });
		const row = await t.db
			.selectFrom('municipality')
			.select(['is_founding_member', 'is_demo'])
			.where('ags', '=', '01000001')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ is_founding_member: true, is_demo: false });
		const filtered = await t.db
			.selectFrom('municipality')
			.select('ags')
			.where('is_founding_member', '=', true)
			.execute();
		expect(filtered.map((r) => r.ags)).toEqual(['01000001']);
	});

	it('reads timestamps as ISO strings in UTC and dates as YYYY-MM-DD', async () => {
		await insertMunicipality('01000002', {
			member_since: '2020-03-01',
			updated_at: '2026-03-29T01:30:00.000Z'
		});
		const row = await t.db
			.selectFrom('municipality')
			.select(['member_since', 'updated_at', 'created_at'])
			.where('ags', '=', '01000002')
			.executeTakeFirstOrThrow();
		expect(row.member_since).toBe('2020-03-01');
		expect(row.updated_at).toBe('2026-03-29T01:30:00.000Z');
		expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		// A default timestamp is "now", give or take the clock of the database server.
		expect(Math.abs(Date.parse(row.created_at) - Date.now())).toBeLessThan(60_000);
	});

	it('compares timestamps in time order', async () => {
		const rows = await t.db
			.selectFrom('municipality')
			.select('ags')
			.where('updated_at', '>', '2026-03-29T00:00:00.000Z')
			.orderBy('updated_at', 'desc')
			.execute();
		expect(rows.map((r) => r.ags)).toEqual(['01000001', '01000002']);
	});

	it('reads JSON columns as values', async () => {
		const { id } = await insertMunicipality('01000003');
		const details = { founding: true, names: ['Kehl', 'Lahr'], nested: { n: 1.5 } };
		await t.db
			.insertInto('activity')
			.values({
				kind: 'municipality_joined',
				municipality_id: id,
				occurred_at: '2020-01-01T00:00:00.000Z',
				is_public: true,
				details_json: json(details)
			})
			.execute();
		const row = await t.db
			.selectFrom('activity')
			.select(['details_json', 'is_public'])
			.where('municipality_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.details_json).toEqual(details);
		expect(row.is_public).toBe(true);
	});

	it('counts as numbers', async () => {
		const row = await t.db
			.selectFrom('municipality')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.executeTakeFirstOrThrow();
		expect(row.count).toBe(3);
	});

	it('rolls a failed transaction back completely', async () => {
		await expect(
			inTransaction(t.db, async (tx) => {
				await tx
					.insertInto('association')
					.values({ name: 'VVG Rollback', name_sort: 'vvg rollback' })
					.execute();
				// The same AGS twice violates the unique key.
				await tx
					.insertInto('municipality')
					.values({
						ags: '01000001',
						name: 'Doppelt',
						name_sort: 'doppelt',
						type: 'gemeinde',
						membership_status: 'none',
						is_founding_member: false,
						is_demo: false,
						updated_at: '2026-11-25T10:00:00.000Z'
					})
					.execute();
			})
		).rejects.toThrow();
		const left = await t.db
			.selectFrom('association')
			.select('id')
			.where('name', '=', 'VVG Rollback')
			.execute();
		expect(left).toEqual([]);
	});

	it('enforces foreign keys and check constraints', async () => {
		await expect(insertMunicipality('01000004', { association_id: 999_999 })).rejects.toThrow();
		await expect(
			insertMunicipality('01000005', { membership_status: 'vielleicht' })
		).rejects.toThrow();
	});
});
