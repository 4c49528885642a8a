#!/usr/bin/env node
/**
 * `npm run bench`: load test of the production build with a register of 1,100 municipalities
 * (about Baden-Württemberg), on SQLite and, when reachable, PostgreSQL. See docs/benchmarks.md.
 *
 * Absolute requests/s depend on the machine, so every target is also given as a share of a
 * minimal Node HTTP server that answers with a page of the same size as /kommunen, measured in
 * the same run in the same way. That ratio compares across machines; the issue's floor is that
 * /kommunen reaches at least 3 % of the minimal server.
 *
 *   npm run bench
 *   BENCH_DURATION=8 BENCH_WARMUP=2 BENCH_CONNECTIONS=10 npm run bench
 *
 * Settings (env): BENCH_DURATION measured seconds per target (8), BENCH_WARMUP seconds of
 * discarded load before each measurement (2), BENCH_CONNECTIONS (10), BENCH_MUNICIPALITIES
 * (1100), BENCH_TARGETS comma-separated target keys to measure only those (kommunen,
 * kommunen-page-6, kommunen-members, detail, home, healthz), BENCH_NETWORK=1 to configure the
 * network with an imprint and a privacy notice as a public installation has, BENCH_POSTGRES=0 to
 * skip PostgreSQL, TEST_DATABASE_URL (the PostgreSQL server the benchmark creates its database
 * on; default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * Exits non-zero when a target answers anything but 2xx (or does not answer), or when /kommunen
 * falls below the floor. Results go to bench-results/latest.json. Traffic stays on 127.0.0.1.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildIsCurrent, ensureBuild } from './build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const HOST = '127.0.0.1';
/** The issue's floor: /kommunen reaches at least this share of the minimal server's requests/s. */
const FLOOR_PERCENT = 3;
const FLOOR_TARGET = 'kommunen';
/** Rows on one page of a register longer than 100 (MUNICIPALITY_PAGE_SIZE); checked below. */
const PAGE_SIZE = 50;

const TARGETS = [
	{ key: 'kommunen', label: '/kommunen (page 1 of 22)', path: '/kommunen', rows: PAGE_SIZE },
	{ key: 'kommunen-page-6', label: '/kommunen?page=6', path: '/kommunen?page=6', rows: PAGE_SIZE },
	{
		key: 'kommunen-members',
		label: '/kommunen?membership=member&sort=-population',
		path: '/kommunen?membership=member&sort=-population',
		rows: PAGE_SIZE
	},
	{ key: 'detail', label: '/kommunen/<AGS> (detail)', path: '/kommunen/:ags' },
	{ key: 'home', label: '/ (home)', path: '/' },
	{ key: 'healthz', label: '/healthz', path: '/healthz' }
];

function fail(message) {
	console.error(message);
	process.exit(2);
}

function numberSetting(name, fallback, { min = 0, integer = false } = {}) {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
		fail(`${name} must be ${integer ? 'a whole number' : 'a number'} >= ${min}, got "${raw}"`);
	}
	return value;
}

function targetSetting() {
	const raw = process.env.BENCH_TARGETS?.trim();
	if (!raw) return TARGETS.map((target) => target.key);
	const keys = raw.split(',').map((key) => key.trim());
	const unknown = keys.filter((key) => !TARGETS.some((target) => target.key === key));
	if (unknown.length > 0) {
		fail(
			`BENCH_TARGETS: unknown ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.key).join(', ')}`
		);
	}
	return keys;
}

const settings = {
	durationSeconds: numberSetting('BENCH_DURATION', 8, { min: 1 }),
	warmupSeconds: numberSetting('BENCH_WARMUP', 2, { min: 0 }),
	connections: numberSetting('BENCH_CONNECTIONS', 10, { min: 1, integer: true }),
	municipalities: numberSetting('BENCH_MUNICIPALITIES', 1100, { min: 1100, integer: true }),
	targets: targetSetting(),
	/** BENCH_NETWORK=1: the network is configured, with imprint and privacy notice. */
	configuredNetwork: process.env.BENCH_NETWORK === '1'
};
const postgresAdminUrl =
	process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const postgresWanted = process.env.BENCH_POSTGRES !== '0';

// What a browser sends for a page (no Accept-Encoding, as autocannon sends none); the minimal
// server gets the same request.
const REQUEST_HEADERS = {
	accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
	'accept-language': 'de-DE,de;q=0.9,en;q=0.5',
	'user-agent': 'drehscheibe-bench'
};

// ── cleanup ──────────────────────────────────────────────────────────────────────────────────

const children = new Set();
const tempDirs = new Set();
const databasesToDrop = new Set();
let activeLoad;
let cleaning;

function stopChild(child, timeoutMs = 8000) {
	if (child.exitCode !== null || child.signalCode !== null) {
		children.delete(child);
		return Promise.resolve();
	}
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			children.delete(child);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

async function dropDatabase(name) {
	const client = new pg.Client({
		connectionString: postgresAdminUrl,
		connectionTimeoutMillis: 3000
	});
	try {
		await client.connect();
		await client.query(`drop database if exists "${name}" with (force)`);
		databasesToDrop.delete(name);
	} finally {
		await client.end().catch(() => {});
	}
}

function cleanup() {
	cleaning ??= (async () => {
		activeLoad?.stop();
		await Promise.all([...children].map((child) => stopChild(child)));
		for (const name of [...databasesToDrop]) {
			await dropDatabase(name).catch((error) =>
				console.error(`Could not drop the benchmark database ${name}: ${error.message}`)
			);
		}
		for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
		tempDirs.clear();
	})();
	return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		console.error(`\n${signal}: stopping the servers and removing temporary data …`);
		void cleanup().finally(() => process.exit(130));
	});
}
// Last resort when the process ends some other way: nothing may outlive the benchmark.
process.once('exit', () => {
	for (const child of children) child.kill('SIGKILL');
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 0) =>
	Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** One GET on 127.0.0.1, with the benchmark's headers. */
function get(port, pathName) {
	return new Promise((resolve, reject) => {
		const request = http.get(
			{ host: HOST, port, path: pathName, headers: REQUEST_HEADERS, agent: false },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const body = Buffer.concat(chunks);
					resolve({
						status: response.statusCode ?? 0,
						bytes: body.length,
						text: body.toString('utf8')
					});
				});
				response.on('error', reject);
			}
		);
		request.setTimeout(10_000, () => request.destroy(new Error(`GET ${pathName} timed out`)));
		request.on('error', reject);
	});
}

/** Keeps the last lines a child wrote, to show when it fails. */
function captureOutput(child, label) {
	const lines = [];
	const keep = (chunk) => {
		for (const line of chunk.toString('utf8').split('\n')) {
			if (line.trim() === '') continue;
			lines.push(`[${label}] ${line}`);
			if (lines.length > 40) lines.shift();
		}
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return lines;
}

/** Peak and current resident memory of a process, from /proc/<pid>/status. */
function memoryOf(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kib = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1]);
		return { peakRssMiB: round(kib('VmHWM') / 1024, 1), rssMiB: round(kib('VmRSS') / 1024, 1) };
	} catch {
		return { peakRssMiB: null, rssMiB: null };
	}
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** User plus system CPU seconds a process has used (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSecondsOf(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
	} catch {
		return Number.NaN;
	}
}

function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)];
}

const loadAverage = () => round(os.loadavg()[0], 2);

// ── build, seed, servers ─────────────────────────────────────────────────────────────────────

function buildIfNeeded() {
	if (buildIsCurrent(root)) {
		console.log('Build is current.');
		return;
	}
	console.log('Building the app (vite build) …');
	ensureBuild(root);
}

/**
 * Seeds a fresh database in a child process (the seed code is TypeScript). Asynchronous, so that
 * Ctrl-C during seeding stops the seeder and cleans up at once.
 */
async function seed(dataDir, databaseUrl) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-seed.ts'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			BENCH_DATA_DIR: dataDir,
			BENCH_MUNICIPALITIES: String(settings.municipalities),
			BENCH_NETWORK: settings.configuredNetwork ? '1' : '0',
			...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {})
		}
	});
	children.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const code = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	children.delete(child);
	if (code !== 0) throw new Error(`seeding failed (exit ${code}):\n${stderr}${stdout}`);
	return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

async function startApp(dataDir, databaseUrl) {
	const port = await freePort();
	const child = spawn(process.execPath, ['build/index.js'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		// A clean environment: nothing from the caller's shell (e.g. a DATABASE_URL) leaks in.
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			PORT: String(port),
			HOST,
			ORIGIN: `http://${HOST}:${port}`,
			DATA_DIR: dataDir,
			SEED: 'none',
			NODE_ENV: 'production',
			LOG_LEVEL: 'warn',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
		}
	});
	children.add(child);
	const output = captureOutput(child, 'app');
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) {
			throw new Error(
				`app server exited with ${child.exitCode} before it was ready:\n${output.join('\n')}`
			);
		}
		const ready = await get(port, '/readyz').catch(() => undefined);
		if (ready?.status === 200) break;
		if (Date.now() > deadline)
			throw new Error(`app server not ready after 60 s:\n${output.join('\n')}`);
		await sleep(100);
	}
	return { child, port, output };
}

/** The yardstick, in its own process like the app (scripts/bench-minimal-server.js). */
async function startMinimal(bodyBytes) {
	const child = fork(path.join(root, 'scripts', 'bench-minimal-server.js'), [], {
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
		env: { PATH: process.env.PATH, BENCH_BODY_BYTES: String(bodyBytes) }
	});
	children.add(child);
	const output = captureOutput(child, 'minimal');
	const port = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('minimal server did not start')), 10_000);
		child.once('message', (message) => {
			clearTimeout(timer);
			resolve(message.port);
		});
		child.once('exit', (code) =>
			reject(new Error(`minimal server exited (${code}):\n${output.join('\n')}`))
		);
	});
	return { child, port };
}

// ── load ─────────────────────────────────────────────────────────────────────────────────────

function runLoad(port, pathName, seconds, recordLatencies) {
	return new Promise((resolve, reject) => {
		const latencies = [];
		const instance = autocannon(
			{
				url: `http://${HOST}:${port}${pathName}`,
				connections: settings.connections,
				duration: seconds,
				headers: REQUEST_HEADERS,
				timeout: 10
			},
			(error, result) => {
				activeLoad = undefined;
				if (error) reject(error);
				else resolve({ result, latencies });
			}
		);
		activeLoad = instance;
		// autocannon's own histogram has 1 ms steps; keep exact times for p50/p99 of fast targets.
		if (recordLatencies)
			instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
	});
}

/** Warm-up (discarded), then the measured run: exactly alike for every target and server. */
async function measure(label, server, pathName) {
	if (settings.warmupSeconds > 0)
		await runLoad(server.port, pathName, settings.warmupSeconds, false);
	const cpuBefore = cpuSecondsOf(server.child.pid);
	const { result, latencies } = await runLoad(
		server.port,
		pathName,
		settings.durationSeconds,
		true
	);
	const cpuSeconds = cpuSecondsOf(server.child.pid) - cpuBefore;
	latencies.sort((a, b) => a - b);
	const failed = result.non2xx + result.errors + result.timeouts > 0 || result['2xx'] === 0;
	const figures = {
		label,
		path: pathName,
		requestsPerSecond: round(result['2xx'] / result.duration, 1),
		p50Ms: round(percentile(latencies, 50), 2),
		p99Ms: round(percentile(latencies, 99), 2),
		// CPU the server spent per answered request. Unlike requests/s it hardly moves with other
		// load on the machine, so it shows whether a change made a page cheaper.
		serverCpuMsPerRequest: round((cpuSeconds * 1000) / result['2xx'], 2),
		requests: result['2xx'],
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts,
		statusCodes: Object.fromEntries(
			Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])
		),
		durationSeconds: result.duration,
		loadAverage: loadAverage(),
		failed
	};
	const flag = failed
		? `  FAILED (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`
		: '';
	console.log(
		`  ${label.padEnd(46)} ${String(figures.requestsPerSecond).padStart(8)} req/s  ` +
			`p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  cpu ${figures.serverCpuMsPerRequest} ms/req${flag}`
	);
	return figures;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

function appTargets(sampleAgs) {
	return TARGETS.filter((target) => settings.targets.includes(target.key)).map((target) => ({
		...target,
		label: target.label.replace('<AGS>', sampleAgs),
		path: target.path.replace(':ags', sampleAgs)
	}));
}

/** Checks once that each target answers 200 with what a user expects, before loading it. */
async function preflight(port, targets) {
	const bytes = {};
	for (const target of targets) {
		const response = await get(port, target.path);
		if (response.status !== 200) throw new Error(`GET ${target.path} answered ${response.status}`);
		if (target.rows) {
			// Each listed municipality links to its detail page; nothing else on the list does.
			const rows = response.text.match(/href="\/kommunen\/\d{8}"/g)?.length ?? 0;
			if (rows !== target.rows) {
				throw new Error(`GET ${target.path} lists ${rows} municipalities, expected ${target.rows}`);
			}
		}
		bytes[target.key] = response.bytes;
	}
	// The minimal server's page is as large as /kommunen, measured or not.
	bytes.kommunen ??= (await get(port, '/kommunen')).bytes;
	return bytes;
}

/** Seeds a database and starts the app on it. */
async function prepareApp(name, dataDir, databaseUrl) {
	console.log(`\n━━ ${name} ━━`);
	const seeded = await seed(dataDir, databaseUrl);
	console.log(
		`  seeded ${seeded.municipalities} municipalities (${seeded.members} members) into ${seeded.database}`
	);
	// The seeder migrates with the sources, the server with the build: they must be the same.
	if (!buildIsCurrent(root)) {
		throw new Error('the sources changed while the benchmark ran (build/ is stale); run it again');
	}
	const app = await startApp(dataDir, databaseUrl);
	const targets = appTargets(seeded.sampleAgs);
	const bytes = await preflight(app.port, targets);
	return { seeded, app, targets, bytes };
}

/**
 * Loads every target of a prepared app, each between two runs of the minimal server (`yardstick`
 * measures one and returns it). A target's baseline is the mean of the runs just before and just
 * after it: on a shared machine, load from elsewhere comes and goes within a minute, and a
 * yardstick measured minutes away would make the ratio a lottery.
 */
async function benchApp({ seeded, app, targets, bytes }, yardstick, lastYardstick) {
	const results = [];
	let before = lastYardstick;
	for (const target of targets) {
		const figures = await measure(target.label, app, target.path);
		const after = await yardstick();
		const baseline = baselineOf([before, after]);
		results.push({
			key: target.key,
			...figures,
			responseBytes: bytes[target.key],
			baseline,
			percentOfMinimal: round((figures.requestsPerSecond / baseline.requestsPerSecond) * 100, 2)
		});
		before = after;
	}
	if (app.child.exitCode !== null) {
		throw new Error(`app server died during the run:\n${app.output.join('\n')}`);
	}
	const memory = memoryOf(app.child.pid);
	await stopChild(app.child);
	console.log(
		`  app server peak RSS (VmHWM) ${memory.peakRssMiB} MiB, RSS at the end ${memory.rssMiB} MiB`
	);
	return {
		seeded: { ...seeded, database: undefined },
		kommunenBytes: bytes.kommunen,
		// For the table: the minimal server as the targets of this database saw it, on average.
		baseline: baselineOf(results.map((result) => result.baseline)),
		targets: results,
		memory,
		lastYardstick: before
	};
}

async function checkPostgres() {
	if (!postgresWanted) return { ok: false, reason: 'skipped (BENCH_POSTGRES=0)' };
	const url = new URL(postgresAdminUrl);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
		return {
			ok: false,
			reason: `not on this machine (${url.hostname}); the benchmark only uses 127.0.0.1`
		};
	}
	const client = new pg.Client({
		connectionString: postgresAdminUrl,
		connectionTimeoutMillis: 3000
	});
	try {
		await client.connect();
		const { rows } = await client.query('show server_version');
		return { ok: true, version: rows[0].server_version.split(' ')[0] };
	} catch (error) {
		return { ok: false, reason: `not reachable at ${url.host} (${error.message})` };
	} finally {
		await client.end().catch(() => {});
	}
}

async function createBenchDatabase() {
	const name = `drehscheibe_bench_${process.pid}_${Date.now().toString(36)}`;
	const client = new pg.Client({ connectionString: postgresAdminUrl });
	await client.connect();
	try {
		databasesToDrop.add(name);
		await client.query(`create database "${name}"`);
	} finally {
		await client.end();
	}
	const url = new URL(postgresAdminUrl);
	url.pathname = `/${name}`;
	return { name, url: url.toString() };
}

/** The mean of some runs of the minimal server. */
function baselineOf(runs) {
	const mean = (field, digits) =>
		round(runs.reduce((sum, run) => sum + run[field], 0) / runs.length, digits);
	return {
		requestsPerSecond: mean('requestsPerSecond', 1),
		p50Ms: mean('p50Ms', 2),
		p99Ms: mean('p99Ms', 2),
		serverCpuMsPerRequest: mean('serverCpuMsPerRequest', 3)
	};
}

const SECTION_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The results as a Markdown table, one column group per database. */
function table(report) {
	const sections = ['sqlite', 'postgres'].filter((name) => report[name]?.targets);
	const header = ['target'];
	const align = ['---'];
	for (const name of sections) {
		const n = SECTION_NAMES[name];
		header.push(`${n} req/s`, `${n} p50 ms`, `${n} p99 ms`, `${n} % of minimal`, `${n} CPU ms/req`);
		align.push('---:', '---:', '---:', '---:', '---:');
	}
	const rows = [header, align];
	const minimal = [report.minimal.label];
	for (const name of sections) {
		const b = report[name].baseline;
		minimal.push(b.requestsPerSecond, b.p50Ms, b.p99Ms, 100, b.serverCpuMsPerRequest);
	}
	rows.push(minimal);
	for (const [index, target] of report.sqlite.targets.entries()) {
		const row = [target.label];
		for (const name of sections) {
			const f = report[name].targets[index];
			row.push(f.requestsPerSecond, f.p50Ms, f.p99Ms, f.percentOfMinimal, f.serverCpuMsPerRequest);
		}
		rows.push(row);
	}
	const widths = header.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
	return rows
		.map((row) =>
			row.map((cell, i) =>
				i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])
			)
		)
		.map((cells) => `| ${cells.join(' | ')} |`)
		.join('\n');
}

async function main() {
	const started = new Date();
	console.log(
		`Drehscheibe benchmark: ${settings.municipalities} municipalities, ${settings.connections} connections, ` +
			`${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per target, ` +
			`Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAverage()}`
	);
	buildIfNeeded();

	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'drehscheibe-bench-'));
	tempDirs.add(dataDir);

	const sqliteApp = await prepareApp('SQLite', path.join(dataDir, 'sqlite'), undefined);
	const minimal = await startMinimal(sqliteApp.bytes.kommunen);
	const minimalLabel = `minimal node:http server (${sqliteApp.bytes.kommunen} B page)`;

	// The minimal server runs before the first target and after every target.
	const minimalRuns = [];
	const yardstick = async () => {
		const run = await measure(minimalLabel, minimal, '/');
		minimalRuns.push(run);
		return run;
	};
	const sqlite = await benchApp(sqliteApp, yardstick, await yardstick());

	const postgresCheck = await checkPostgres();
	let postgres = { skipped: postgresCheck.reason };
	if (postgresCheck.ok) {
		const database = await createBenchDatabase();
		try {
			const postgresApp = await prepareApp(
				`PostgreSQL ${postgresCheck.version}`,
				path.join(dataDir, 'postgres'),
				database.url
			);
			postgres = {
				version: postgresCheck.version,
				...(await benchApp(postgresApp, yardstick, sqlite.lastYardstick))
			};
		} finally {
			await dropDatabase(database.name);
		}
	} else {
		console.log(`\nPostgreSQL ${postgresCheck.reason}: measuring SQLite only.`);
	}
	await stopChild(minimal.child);
	for (const section of [sqlite, postgres]) delete section.lastYardstick;

	const problems = [];
	const sections = [['SQLite', sqlite]];
	if (postgres.targets) sections.push(['PostgreSQL', postgres]);
	for (const [name, section] of sections) {
		for (const target of section.targets) {
			if (target.failed) {
				problems.push(
					`${name} ${target.path}: requests failed (status ${JSON.stringify(target.statusCodes)}, ` +
						`errors ${target.errors}, timeouts ${target.timeouts})`
				);
			}
		}
		const floorTarget = section.targets.find((target) => target.key === FLOOR_TARGET);
		if (floorTarget && floorTarget.percentOfMinimal < FLOOR_PERCENT) {
			problems.push(
				`${name}: /kommunen reaches ${floorTarget.percentOfMinimal} % of the minimal server's ` +
					`requests/s, below the floor of ${FLOOR_PERCENT} %`
			);
		}
	}
	for (const run of minimalRuns) {
		if (run.failed)
			problems.push(`minimal server: requests failed (${JSON.stringify(run.statusCodes)})`);
	}

	// The ratio assumes the benchmark has the machine to itself; other work skews it.
	const busiest = Math.max(
		...[...minimalRuns, ...sqlite.targets, ...(postgres.targets ?? [])].map(
			(run) => run.loadAverage
		)
	);
	const busy = busiest > os.cpus().length;

	const report = {
		date: started.toISOString(),
		machine: {
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			memoryGiB: round(os.totalmem() / 2 ** 30, 1),
			node: process.version,
			platform: `${os.type()} ${os.release()}`
		},
		settings: { ...settings, floorPercent: FLOOR_PERCENT },
		minimal: { label: minimalLabel, runs: minimalRuns },
		sqlite,
		postgres,
		maxLoadAverage: busiest,
		problems,
		ok: problems.length === 0
	};

	console.log(`\n${table(report)}\n`);
	for (const [name, section] of sections) {
		console.log(
			`${name}: app server peak RSS ${section.memory.peakRssMiB} MiB (VmHWM), ` +
				`${section.seeded.municipalities} municipalities, /kommunen ${section.kommunenBytes} B`
		);
	}
	if (!postgres.targets) console.log(`PostgreSQL ${postgres.skipped}.`);
	if (busy) {
		console.log(
			`WARNING: the machine was busy (load average up to ${busiest} on ${os.cpus().length} CPUs); ` +
				'other processes competed with the servers and the load generator, so requests/s and ' +
				'the ratios are unreliable. CPU ms/req is the steadier figure. Run again on a quiet machine.'
		);
	}
	if (!settings.targets.includes(FLOOR_TARGET))
		console.log('/kommunen not measured: floor not checked.');

	mkdirSync(path.join(root, 'bench-results'), { recursive: true });
	writeFileSync(
		path.join(root, 'bench-results', 'latest.json'),
		`${JSON.stringify(report, null, 2)}\n`
	);
	writeFileSync(path.join(root, 'bench-results', 'latest.md'), `${table(report)}\n`);
	console.log('Results written to bench-results/latest.json and latest.md');

	if (problems.length > 0) {
		console.error(`\nFAILED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
		process.exitCode = 1;
	} else if (settings.targets.includes(FLOOR_TARGET)) {
		console.log(
			`\nOK: every target answered 2xx; /kommunen is above ${FLOOR_PERCENT} % of the minimal server.`
		);
	} else {
		console.log('\nOK: every target answered 2xx.');
	}
}

try {
	await main();
} catch (error) {
	console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
