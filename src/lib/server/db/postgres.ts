/**
 * The PostgreSQL connection. Type parsers make values read exactly as on SQLite: timestamps as
 * ISO-8601 UTC strings, dates as `YYYY-MM-DD`, 64-bit counts and numerics as numbers.
 */
import pg from 'pg';
import { PostgresDialect, type Dialect } from 'kysely';

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

type Parser = (value: string) => unknown;

const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary'): Parser {
		switch (oid) {
			case OID.INT8:
			case OID.NUMERIC:
				return (value: string) => Number(value);
			case OID.DATE:
				return (value: string) => value;
			case OID.TIMESTAMPTZ:
				return (value: string) => new Date(value).toISOString();
			case OID.TIMESTAMP:
				return (value: string) => new Date(`${value.replace(' ', 'T')}Z`).toISOString();
			default:
				return pg.types.getTypeParser(oid, format) as Parser;
		}
	}
};

export interface PostgresHandle {
	dialect: Dialect;
	pool: pg.Pool;
}

export function openPostgres(connectionString: string, poolSize: number): PostgresHandle {
	const pool = new pg.Pool({
		connectionString,
		max: poolSize,
		types,
		// Every session speaks UTC so that `now()` and casts agree with the application.
		options: '-c TimeZone=UTC'
	});
	return { dialect: new PostgresDialect({ pool }), pool };
}
