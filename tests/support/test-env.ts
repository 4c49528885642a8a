/** Which database the database suite runs on, and where PostgreSQL is. */
export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(): TestDialect {
	return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export function testDatabaseUrl(): string {
	return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The same server, another database name. */
export function withDatabaseName(url: string, name: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${name}`;
	return parsed.toString();
}
