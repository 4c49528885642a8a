/**
 * The database of this installation: SQLite in DATA_DIR by default, PostgreSQL when
 * DATABASE_URL is set. Both are used through one Kysely<Database>.
 */
import path from 'node:path';
import { Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';

export type { Database } from './schema';
export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface AppDatabase {
	db: Db;
	dialect: Dialect;
	/** A human-readable description without secrets, for logs. */
	describe: string;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	databaseUrl: string | undefined;
	dataDir: string;
	poolSize?: number;
	/** Overrides the SQLite file (tests use copies of a migrated template). */
	sqliteFile?: string;
}

export const SQLITE_FILE_NAME = 'drehscheibe.sqlite';

export function openDatabase(options: DatabaseOptions): AppDatabase {
	if (options.databaseUrl) {
		const { dialect, pool } = openPostgres(options.databaseUrl, options.poolSize ?? 10);
		const db = new Kysely<Database>({ dialect });
		const url = new URL(options.databaseUrl);
		return {
			db,
			dialect: 'postgres',
			describe: `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`,
			async close() {
				await db.destroy();
				// Kysely ends the pool in destroy(); ending twice throws, so only guard here.
				if (!pool.ended) await pool.end();
			}
		};
	}
	const file = options.sqliteFile ?? path.join(options.dataDir, SQLITE_FILE_NAME);
	const { dialect } = openSqlite(file);
	const db = new Kysely<Database>({ dialect });
	return {
		db,
		dialect: 'sqlite',
		describe: `SQLite ${file}`,
		close: () => db.destroy()
	};
}

/** Serialises a value for a `*_json` column (the same text on both dialects). */
export function json(value: unknown): string {
	return JSON.stringify(value);
}

/** The current time as stored in timestamp columns. */
export function nowIso(clock: () => Date = () => new Date()): string {
	return clock().toISOString();
}

/** Runs `work` in one transaction; everything it writes is committed together or not at all. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
	return db.transaction().execute(work);
}

/** Cheap round trip to the database, for readiness checks. */
export async function ping(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}
