/**
 * Times the search use cases in process against an already seeded benchmark database (as
 * scripts/bench-seed.ts leaves it), without HTTP: ms per call, and with BENCH_PROFILE_SQL=1 the
 * number of SQL statements per call and their share of the time.
 *
 *   BENCH_DATA_DIR=/tmp/x [BENCH_DATABASE_URL=postgres://…] node --import tsx scripts/bench-search-profile.ts
 *
 * BENCH_PROFILE_ROUNDS (300) calls per case after 30 warm-up calls.
 */
import { performance } from 'node:perf_hooks';
import type { Ctx } from '../src/lib/server/context';
import { ANONYMOUS } from '../src/lib/server/context';
import { openDatabase } from '../src/lib/server/db';
import { findSimilarProjects, search } from '../src/lib/server/search';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const rounds = Number(process.env.BENCH_PROFILE_ROUNDS ?? 300);
const countSql = process.env.BENCH_PROFILE_SQL === '1';

/** Time inside SQLite per statement text (better-sqlite3 runs synchronously). */
const perStatement = new Map<string, { n: number; ms: number }>();
if (countSql && !process.env.BENCH_DATABASE_URL) {
	const { default: BetterSqlite3 } = await import('better-sqlite3');
	const probe = new BetterSqlite3(':memory:');
	type All = (this: { source: string }, ...args: unknown[]) => unknown;
	const proto = Object.getPrototypeOf(probe.prepare('select 1')) as { all: All };
	probe.close();
	const all = proto.all;
	proto.all = function (this: { source: string }, ...args: unknown[]): unknown {
		const started = performance.now();
		try {
			return all.apply(this, args);
		} finally {
			const entry = perStatement.get(this.source) ?? { n: 0, ms: 0 };
			entry.n++;
			entry.ms += performance.now() - started;
			perStatement.set(this.source, entry);
		}
	};
}

const database = openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir });
let statements = 0;
let sqlMs = 0;
if (countSql) {
	const executor = database.db.getExecutor();
	const original = executor.executeQuery.bind(executor);
	executor.executeQuery = (async (...args: Parameters<typeof original>) => {
		statements++;
		const started = performance.now();
		try {
			return await original(...args);
		} finally {
			sqlMs += performance.now() - started;
		}
	}) as typeof executor.executeQuery;
}
const ctx: Ctx = { db: database.db, actor: ANONYMOUS, now: () => new Date() };

const cases: [string, () => Promise<unknown>][] = [
	['search "Wer hat schon eine E-Akte?"', () => search(ctx, { q: 'Wer hat schon eine E-Akte?' })],
	['search "Terminbuchung Bürgerbüro"', () => search(ctx, { q: 'Terminbuchung Bürgerbüro' })],
	[
		'similar',
		() =>
			findSimilarProjects(ctx, {
				title: 'Digitale Terminvergabe im Bürgerbüro',
				summary: 'Bürgerinnen und Bürger buchen Termine online, mit Erinnerung per E-Mail.'
			})
	]
];

for (const [label, run] of cases) {
	for (let i = 0; i < 30; i++) await run();
	statements = 0;
	sqlMs = 0;
	perStatement.clear();
	const started = performance.now();
	const cpu = process.cpuUsage();
	for (let i = 0; i < rounds; i++) await run();
	const ms = (performance.now() - started) / rounds;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000 / rounds;
	const extra = countSql
		? `, ${(statements / rounds).toFixed(1)} statements, ${(sqlMs / rounds).toFixed(2)} ms in SQL`
		: '';
	console.log(`${label}: ${ms.toFixed(2)} ms/call, ${cpuMs.toFixed(2)} ms CPU${extra}`);
	for (const [text, { n, ms: total }] of [...perStatement].sort((a, b) => b[1].ms - a[1].ms)) {
		const perCall = total / rounds;
		if (perCall < 0.01) continue;
		console.log(`  ${perCall.toFixed(3)} ms ×${(n / rounds).toFixed(1)}  ${text.slice(0, 160)}`);
	}
}
await database.close();
