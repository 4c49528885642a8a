/** Readiness of this instance, for load balancers and orchestrators. */
import { ping, type Db } from './db';
import { pendingMigrations } from './db/migrate';

export interface Readiness {
	status: 'ok' | 'unavailable';
	database: 'ok' | 'unreachable';
	pendingMigrations: number;
}

export async function checkReadiness(db: Db): Promise<Readiness> {
	try {
		await ping(db);
	} catch {
		return { status: 'unavailable', database: 'unreachable', pendingMigrations: 0 };
	}
	const pending = await pendingMigrations(db);
	return {
		status: pending.length === 0 ? 'ok' : 'unavailable',
		database: 'ok',
		pendingMigrations: pending.length
	};
}
