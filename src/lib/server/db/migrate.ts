/**
 * Runs the migrations. Kysely's migrator takes a lock (a table row on SQLite, an advisory lock on
 * PostgreSQL), so several instances starting at once migrate only once, and runs all pending
 * migrations in one transaction on both dialects: a failed migration leaves the schema unchanged.
 */
import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './index';
import { migrations } from './migrations';

function migrator(db: Db): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: () => Promise.resolve(migrations) }
	});
}

export class MigrationError extends Error {
	constructor(
		readonly migration: string | undefined,
		override readonly cause: unknown
	) {
		super(
			`Migration ${migration ?? '(unbekannt)'} fehlgeschlagen: ${cause instanceof Error ? cause.message : String(cause)}`
		);
		this.name = 'MigrationError';
	}
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
	const { error, results } = await migrator(db).migrateToLatest();
	if (error) {
		const failed = results?.find((r: MigrationResult) => r.status === 'Error');
		throw new MigrationError(failed?.migrationName, error);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
	const all = await migrator(db).getMigrations();
	return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
