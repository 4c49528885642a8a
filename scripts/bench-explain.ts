/**
 * Query plans and timings of the catalogue's list and detail queries on a benchmark database
 * (seeded by scripts/bench-seed.ts with BENCH_CATALOGUE=1): finds the slow query when a catalogue
 * target of `npm run bench` misses its floor.
 *
 *   BENCH_DATA_DIR=/tmp/x [BENCH_DATABASE_URL=postgres://…] node --import tsx scripts/bench-explain.ts
 */
import { sql } from 'kysely';
import { ANONYMOUS, type Ctx } from '../src/lib/server/context';
import { openDatabase } from '../src/lib/server/db';
import { parseProjectFilter } from '../src/lib/server/projects/project-list.schema';
import {
	getProject,
	listProjectFacets,
	listProjects
} from '../src/lib/server/projects/project-read.service';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const database = openDatabase({
	databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
	dataDir
});
const db = database.db;
const isPostgres = database.dialect === 'postgres';

/** Logs every statement with its time and, once, its plan. */
const seen = new Set<string>();
async function explain(statement: string, parameters: readonly unknown[]) {
	if (seen.has(statement)) return;
	seen.add(statement);
	const prefix = isPostgres ? 'explain (analyze, buffers off) ' : 'explain query plan ';
	const plan = await sql.raw(prefix + inline(statement, parameters)).execute(db);
	console.log(`\n${statement}\n  params ${JSON.stringify(parameters)}`);
	for (const row of plan.rows as Record<string, string | undefined>[]) {
		console.log(`  ${row['QUERY PLAN'] ?? row.detail ?? JSON.stringify(row)}`);
	}
}

function inline(statement: string, parameters: readonly unknown[]): string {
	let i = 0;
	const literal = (value: unknown) =>
		typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
	if (isPostgres)
		return statement.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
	return statement.replace(/\?/g, () => literal(parameters[i++]));
}

async function timed(label: string, work: () => Promise<unknown>, runs = 20) {
	await work();
	const started = performance.now();
	for (let i = 0; i < runs; i++) await work();
	console.log(`${label}: ${((performance.now() - started) / runs).toFixed(2)} ms per call`);
}

try {
	const ctx: Ctx = { db, actor: ANONYMOUS, now: () => new Date() };
	const filter = parseProjectFilter(
		new URLSearchParams('status=betrieb&themenfeld=querschnitt&seite=2')
	);
	await timed('listProjects(status, themenfeld, seite 2), anonymous', () =>
		listProjects(ctx, filter)
	);
	await timed('listProjectFacets(status, themenfeld), anonymous', () =>
		listProjectFacets(ctx, filter)
	);
	const [first] = (await listProjects(ctx, filter)).items;
	if (first) await timed(`getProject(${first.id}), anonymous`, () => getProject(ctx, first.id));
	await timed('listProjects(), anonymous', () =>
		listProjects(ctx, parseProjectFilter(new URLSearchParams()))
	);

	// Plans of the statements listProjects runs (compiled as they pass a plugin).
	const statements: { sql: string; parameters: readonly unknown[] }[] = [];
	const executor = db.getExecutor();
	const capturing = db.withPlugin({
		transformQuery(args) {
			const compiled = executor.compileQuery(args.node, args.queryId);
			statements.push({ sql: compiled.sql, parameters: compiled.parameters });
			return args.node;
		},
		transformResult: (args) => Promise.resolve(args.result)
	});
	await listProjects({ ...ctx, db: capturing }, filter);
	for (const statement of statements) await explain(statement.sql, statement.parameters);
} finally {
	await database.close();
}
