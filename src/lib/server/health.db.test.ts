import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/support/database';
import { checkReadiness } from './health';

const t = useTestDatabase();

describe('checkReadiness', () => {
	it('is ready on a migrated database', async () => {
		expect(await checkReadiness(t.db)).toEqual({
			status: 'ok',
			database: 'ok',
			pendingMigrations: 0
		});
	});

	it('is not ready while a migration is pending', async () => {
		await t.db
			.deleteFrom('kysely_migration' as never)
			.where('name' as never, '=', '2026_11_25_0004_seed_run' as never)
			.execute();
		expect(await checkReadiness(t.db)).toEqual({
			status: 'unavailable',
			database: 'ok',
			pendingMigrations: 1
		});
	});
});
