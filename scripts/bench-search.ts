/**
 * `npm run bench:search`: scores the search on the relevance set (tests/search: a realistic
 * corpus of municipal projects and judged German queries) by recall@10 and MRR, on SQLite and,
 * when reachable, PostgreSQL, and lists every query that misses a judged project.
 *
 *   npm run bench:search
 *   BENCH_SEARCH_VERBOSE=1 npm run bench:search     also the top ten of every missed query
 *   BENCH_POSTGRES=0 npm run bench:search            SQLite only
 *
 * Exits 1 when a dialect scores below recall@10 0.9 or MRR 0.8 (the floors the test suite holds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { systemContext } from '../src/lib/server/context';
import { openDatabase, type AppDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { loadCorpus, loadRelevanceSet, scoreRelevance } from '../tests/search/relevance';
import { testDatabaseUrl, withDatabaseName } from '../tests/support/test-env';

const FLOORS = { recall: 0.9, mrr: 0.8 };
const verbose = process.env.BENCH_SEARCH_VERBOSE === '1';

async function evaluate(database: AppDatabase): Promise<boolean> {
	const { corpus, queries } = loadRelevanceSet();
	await migrateToLatest(database.db);
	const started = performance.now();
	const keys = await loadCorpus(database.db, corpus);
	const loadMs = performance.now() - started;
	const queryStart = performance.now();
	const score = await scoreRelevance(systemContext(database.db, 'bench:search'), queries, keys);
	const perQuery = (performance.now() - queryStart) / queries.length;
	for (const q of score.queries.filter((s) => s.recall < 1 || s.reciprocalRank < 1)) {
		console.log(
			`  ${q.recall.toFixed(2)} rr ${q.reciprocalRank.toFixed(2)}  ${q.q}` +
				(q.missed.length ? `  — missed: ${q.missed.join(', ')}` : '')
		);
		if (verbose) console.log(`      top: ${q.top.join(', ')}`);
	}
	console.log(
		`${database.describe}: ${queries.length} queries over ${corpus.length} projects — ` +
			`recall@10 ${score.recallAt10.toFixed(3)}, MRR ${score.mrr.toFixed(3)} ` +
			`(indexing ${loadMs.toFixed(0)} ms, ${perQuery.toFixed(1)} ms per query)`
	);
	return score.recallAt10 >= FLOORS.recall && score.mrr >= FLOORS.mrr;
}

async function main(): Promise<number> {
	let ok = true;
	const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-bench-search-'));
	const sqlite = openDatabase({ databaseUrl: undefined, dataDir: dir });
	try {
		ok = (await evaluate(sqlite)) && ok;
	} finally {
		await sqlite.close();
		rmSync(dir, { recursive: true, force: true });
	}

	if (process.env.BENCH_POSTGRES === '0') return ok ? 0 : 1;
	const adminUrl = testDatabaseUrl();
	const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
	try {
		await admin.connect();
	} catch {
		console.log(
			`PostgreSQL not reachable at ${new URL(adminUrl).host}: skipped (TEST_DATABASE_URL)`
		);
		return ok ? 0 : 1;
	}
	const name = `drehscheibe_bench_search_${process.pid}`;
	await admin.query(`create database "${name}"`);
	const postgres = openDatabase({
		databaseUrl: withDatabaseName(adminUrl, name),
		dataDir: tmpdir(),
		poolSize: 4
	});
	try {
		ok = (await evaluate(postgres)) && ok;
	} finally {
		await postgres.close();
		await admin.query(`drop database if exists "${name}" with (force)`);
		await admin.end();
	}
	return ok ? 0 : 1;
}

process.exitCode = await main();
