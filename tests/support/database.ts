/**
 * A fresh, migrated database for one test file, on the dialect under test.
 *
 *   const t = useTestDatabase();
 *   it('…', async () => { await listMunicipalities(t.ctx(), …) });
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { ANONYMOUS, type Actor, type Ctx } from '../../src/lib/server/context';
import { openDatabase, type AppDatabase } from '../../src/lib/server/db';
import { testDatabaseUrl, withDatabaseName } from './test-env';

let counter = 0;

export async function createTestDatabase(): Promise<{
	database: AppDatabase;
	drop: () => Promise<void>;
}> {
	const template = inject('dbTemplate');
	counter += 1;
	if (template.dialect === 'sqlite') {
		const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-db-'));
		const file = path.join(dir, 'test.sqlite');
		copyFileSync(template.file, file);
		const database = openDatabase({ databaseUrl: undefined, dataDir: dir, sqliteFile: file });
		return {
			database,
			drop: async () => {
				await database.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const name = `${template.prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: testDatabaseUrl() });
	await admin.connect();
	try {
		await admin.query(`create database "${name}" template "${template.name}"`);
	} finally {
		await admin.end();
	}
	const database = openDatabase({
		databaseUrl: withDatabaseName(testDatabaseUrl(), name),
		dataDir: tmpdir(),
		poolSize: 4
	});
	return {
		database,
		drop: async () => {
			await database.close();
			const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
			await cleanup.connect();
			try {
				// pg's pool.end() resolves before its sockets have closed. Dropping "with (force)"
				// at that moment kills backends whose clients are still ending, and those clients
				// then raise an unhandled error. Wait until the connections are really gone.
				for (let attempt = 0; attempt < 50; attempt++) {
					const { rows } = await cleanup.query<{ n: string }>(
						'select count(*) as n from pg_stat_activity where datname = $1',
						[name]
					);
					if (Number(rows[0]?.n ?? 0) === 0) break;
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
				await cleanup.query(`drop database if exists "${name}" with (force)`);
			} finally {
				await cleanup.end();
			}
		}
	};
}

export interface TestDatabase {
	readonly database: AppDatabase;
	readonly db: AppDatabase['db'];
	ctx(actor?: Actor, now?: () => Date): Ctx;
}

/** Registers hooks that give the current test file its own database. */
export function useTestDatabase(): TestDatabase {
	let current: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
	beforeAll(async () => {
		current = await createTestDatabase();
	});
	afterAll(async () => {
		await current?.drop();
	});
	const get = () => {
		if (!current) throw new Error('test database not ready');
		return current.database;
	};
	return {
		get database() {
			return get();
		},
		get db() {
			return get().db;
		},
		ctx(actor: Actor = ANONYMOUS, now: () => Date = () => new Date('2026-11-25T12:00:00Z')) {
			return { db: get().db, actor, now };
		}
	};
}

/**
 * A second, independent connection (its own pool on PostgreSQL, its own handle on SQLite) to the
 * same test database, as a second app instance would have. Close it before the file ends.
 */
export async function openSecondConnection(database: AppDatabase): Promise<AppDatabase> {
	if (database.dialect === 'sqlite') {
		const row = await sql<{
			file: string;
		}>`select file from pragma_database_list where name = 'main'`.execute(database.db);
		const file = row.rows[0]?.file;
		if (!file) throw new Error('test database has no file');
		return openDatabase({ databaseUrl: undefined, dataDir: path.dirname(file), sqliteFile: file });
	}
	const row = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
	const name = row.rows[0]?.name;
	if (!name) throw new Error('test database has no name');
	return openDatabase({
		databaseUrl: withDatabaseName(testDatabaseUrl(), name),
		dataDir: tmpdir(),
		poolSize: 4
	});
}
