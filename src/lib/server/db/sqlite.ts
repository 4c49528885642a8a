/**
 * The embedded SQLite connection: WAL, foreign keys, busy timeout, and a thin wrapper that makes
 * booleans and JSON behave as they do on PostgreSQL (see schema.ts for the naming convention).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
	CompiledQuery,
	SqliteAdapter,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type SqliteDatabase,
	type SqliteStatement
} from 'kysely';

const isBooleanColumn = (name: string) => name.startsWith('is_') || name.startsWith('has_');
const isJsonColumn = (name: string) => name.endsWith('_json');

type Row = Record<string, unknown>;

/** Converts a result row in place: 0/1 to booleans, JSON text to values. */
function convertRow(row: Row, booleans: string[], jsons: string[]): Row {
	for (const name of booleans) {
		const value = row[name];
		if (value === 0 || value === 1) row[name] = value === 1;
	}
	for (const name of jsons) {
		const value = row[name];
		if (typeof value === 'string') row[name] = JSON.parse(value);
	}
	return row;
}

function toSqliteValue(value: unknown): unknown {
	return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function wrapStatement(statement: BetterSqlite3.Statement): SqliteStatement {
	let booleans: string[] = [];
	let jsons: string[] = [];
	if (statement.reader) {
		const names = statement.columns().map((column) => column.name);
		booleans = names.filter(isBooleanColumn);
		jsons = names.filter(isJsonColumn);
	}
	const needsConversion = booleans.length > 0 || jsons.length > 0;
	const params = (parameters: ReadonlyArray<unknown>) => parameters.map(toSqliteValue);
	return {
		reader: statement.reader,
		all(parameters) {
			const rows = statement.all(params(parameters)) as Row[];
			return needsConversion ? rows.map((row) => convertRow(row, booleans, jsons)) : rows;
		},
		run(parameters) {
			return statement.run(params(parameters));
		},
		*iterate(parameters) {
			for (const row of statement.iterate(params(parameters)) as Iterable<Row>) {
				yield needsConversion ? convertRow(row, booleans, jsons) : row;
			}
		}
	};
}

/** Prepared statements are reused by SQL text; Kysely emits the same text for the same query. */
const STATEMENT_CACHE_SIZE = 500;

export function wrapSqlite(database: BetterSqlite3.Database): SqliteDatabase {
	const cache = new Map<string, SqliteStatement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			let statement = cache.get(sql);
			if (!statement) {
				statement = wrapStatement(database.prepare(sql));
				if (cache.size >= STATEMENT_CACHE_SIZE) {
					const oldest = cache.keys().next().value;
					if (oldest !== undefined) cache.delete(oldest);
				}
				cache.set(sql, statement);
			}
			return statement;
		}
	};
}

/**
 * SQLite supports transactional DDL; Kysely's adapter says it does not, which would make the
 * migrator run migrations outside a transaction. This adapter tells the truth.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
	override get supportsTransactionalDdl(): boolean {
		return true;
	}
}

/**
 * Transactions start with `BEGIN IMMEDIATE`: they take the write lock first, so a second process
 * on the same file (the CLI, a test, the server's own workers beside it) waits for the lock under
 * `busy_timeout` instead of failing at once with SQLITE_BUSY when a read turns into a write after
 * the other one committed.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class EmbeddedSqliteDialect implements Dialect {
	readonly #inner: SqliteDialect;
	readonly #database: SqliteDatabase;
	constructor(database: SqliteDatabase) {
		this.#inner = new SqliteDialect({ database });
		this.#database = database;
	}
	createDriver(): Driver {
		return new ImmediateSqliteDriver({ database: this.#database });
	}
	createQueryCompiler(): QueryCompiler {
		return this.#inner.createQueryCompiler();
	}
	createAdapter(): DialectAdapter {
		return new TransactionalSqliteAdapter();
	}
	createIntrospector(db: Kysely<unknown>) {
		return this.#inner.createIntrospector(db);
	}
}

export interface SqliteHandle {
	dialect: Dialect;
	raw: BetterSqlite3.Database;
}

/** Opens (and creates) the database file; `:memory:` for an in-memory database. */
export function openSqlite(file: string): SqliteHandle {
	if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
	const raw = new BetterSqlite3(file);
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = FULL');
	raw.pragma('foreign_keys = ON');
	raw.pragma('busy_timeout = 5000');
	return { dialect: new EmbeddedSqliteDialect(wrapSqlite(raw)), raw };
}
