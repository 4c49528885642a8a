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
 * The scenario `signin-load` checks that sign-in (argon2id) does not block the event loop: the
 * latency of `/` and of a fact sheet at a steady 50 requests/s, alone and while 20 sign-ins per
 * second run. It fails when the sign-ins fall behind or the pages' median latency rises by more
 * than the bound given at SIGNIN_PAGE_P50_FACTOR below.
 *
 * The catalogue targets (projects-list, project-detail, projects-api) run on a catalogue of
 * BENCH_PROJECTS (100,000) projects and BENCH_PRODUCTS (5,000) products, bulk-inserted by
 * scripts/bench-catalogue.ts; it is only seeded when one of them is selected. Their floors: the
 * filtered list reaches 2 % and the detail page 4 % of the minimal server, both with p99 < 100 ms.
 *
 * Settings (env): BENCH_DURATION measured seconds per target (8), BENCH_WARMUP seconds of
 * discarded load before each measurement (2), BENCH_CONNECTIONS (10), BENCH_MUNICIPALITIES
 * (1100), BENCH_TARGETS comma-separated target keys to measure only those (kommunen,
 * kommunen-page-6, kommunen-members, detail, home, healthz, projects-list, project-detail, projects-api,
 * search, search-member, search-api, similar, map, statistics, matrix, matrix-member, statistics-member,
 * discussion, discussion-last, signin-load, mail), BENCH_NETWORK=1 to
 * configure the network with an imprint and a privacy notice as a public installation has,
 * BENCH_NODE_OPTIONS for the app server's NODE_OPTIONS (experiments: `--cpu-prof`,
 * `--require x.cjs`), BENCH_POSTGRES=0 to skip PostgreSQL, TEST_DATABASE_URL (the PostgreSQL
 * server the benchmark creates its database on; default postgres://postgres@127.0.0.1:5432/postgres).
 *
 * Exits non-zero when a target answers anything but 2xx (or does not answer), when /kommunen
 * falls below the floor, or when the sign-in scenario's check fails. Results go to
 * bench-results/latest.json. Traffic stays on 127.0.0.1.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
	{ key: 'healthz', label: '/healthz', path: '/healthz' },
	// The catalogue (seeded only when one of these is selected). The list: a status and a topic
	// field filter, page 2 (PROJECT_PAGE_SIZE 20 rows).
	{
		key: 'projects-list',
		label: '/projekte?status=…&themenfeld=…&seite=2',
		path: '/projekte?status=:status&themenfeld=:topicField&seite=2',
		catalogue: true,
		projectRows: 20,
		floorPercent: 2,
		maxP99Ms: 100
	},
	{
		key: 'project-detail',
		label: '/projekte/<id> (public project)',
		path: '/projekte/:projectId',
		catalogue: true,
		floorPercent: 4,
		maxP99Ms: 100
	},
	{
		key: 'projects-api',
		label: '/api/v1/projects?limit=20',
		path: '/api/v1/projects?limit=20',
		catalogue: true,
		json: true
	},
	// The wheel finder (issue floors: search p99 < 50 ms, similar p99 < 80 ms, the search page
	// at least 1.5 % of the minimal server). A question with a synonym and a compound, as typed.
	{
		key: 'search',
		label: '/suche?q=Wer hat schon eine E-Akte?',
		path: `/suche?q=${encodeURIComponent('Wer hat schon eine E-Akte?')}`,
		catalogue: true,
		projectRows: 5,
		floorPercent: 1.5,
		maxP99Ms: 50
	},
	// The same search signed in: never from the page cache, so the search itself is measured (as
	// a first query and every member pays it), held to the same floors.
	{
		key: 'search-member',
		label: '/suche?q=Wer hat schon eine E-Akte? (signed in)',
		path: `/suche?q=${encodeURIComponent('Wer hat schon eine E-Akte?')}`,
		catalogue: true,
		asMember: true,
		projectRows: 5,
		floorPercent: 1.5,
		maxP99Ms: 50
	},
	{
		key: 'search-api',
		label: '/api/v1/search?q=Terminbuchung Bürgerbüro',
		path: `/api/v1/search?q=${encodeURIComponent('Terminbuchung Bürgerbüro')}`,
		catalogue: true,
		json: true,
		maxP99Ms: 50
	},
	{
		key: 'similar',
		label: '/api/v1/similar (a draft title and summary)',
		path: `/api/v1/similar?${new URLSearchParams({
			title: 'Digitale Hundesteuer',
			summary: 'Hunde online anmelden und den Steuerbescheid elektronisch zustellen'
		})}`,
		catalogue: true,
		json: true,
		maxP99Ms: 80
	},
	// The network map: every municipality drawn and listed, coloured by membership.
	{ key: 'map', label: '/uebersicht/karte', path: '/uebersicht/karte', catalogue: true },
	// The adoption matrix: 40 topics × the first page of 1,100 municipalities (issue floor: p99 < 300 ms).
	{
		key: 'matrix',
		label: '/uebersicht/matrix',
		path: '/uebersicht/matrix',
		catalogue: true,
		maxP99Ms: 300
	},
	// The same for a signed-in member: rendered on every request, the page cache does not apply.
	// Reported beside the floor, not held to it (the issue's floors are on the page as every page
	// target measures it); docs/benchmarks.md gives both.
	{
		key: 'matrix-member',
		label: '/uebersicht/matrix (signed in)',
		path: '/uebersicht/matrix',
		catalogue: true,
		asMember: true
	},
	// The network statistics over the whole catalogue (issue floor: p99 < 300 ms).
	{
		key: 'statistics',
		label: '/uebersicht/statistik',
		path: '/uebersicht/statistik',
		catalogue: true,
		maxP99Ms: 300
	},
	{
		key: 'statistics-member',
		label: '/uebersicht/statistik (signed in)',
		path: '/uebersicht/statistik',
		catalogue: true,
		asMember: true
	},
	// A discussion thread with 2,000 replies (seeded only when one of these is selected), as a
	// signed-in member reads it: the opening post, 50 replies a page, stored rendered HTML (issue
	// floor: p99 < 150 ms). The first page and the last (page 40).
	{
		key: 'discussion',
		label: '/austausch/<id> (2,000 replies, page 1, signed in)',
		path: '/austausch/:discussionId',
		discussion: true,
		asMember: true,
		maxP99Ms: 150
	},
	{
		key: 'discussion-last',
		label: '/austausch/<id>?seite=40 (last page, signed in)',
		path: '/austausch/:discussionId?seite=40',
		discussion: true,
		asMember: true,
		maxP99Ms: 150
	}
];
const discussionWanted = () =>
	TARGETS.some((target) => target.discussion && settings.targets.includes(target.key));
const catalogueWanted = () =>
	TARGETS.some((target) => target.catalogue && settings.targets.includes(target.key));

/** Scenarios beside the page targets, selectable in BENCH_TARGETS like them. */
const SIGNIN_SCENARIO = 'signin-load';
/** The mail worker's throughput (scripts/bench-mail.ts): 10,000 mails, at least 200/s. */
const MAIL_SCENARIO = 'mail';
const SCENARIOS = [SIGNIN_SCENARIO, MAIL_SCENARIO];

/** Runs scripts/bench-mail.ts in its own process; answers a problem, or null. */
function runMailBench() {
	console.log('\nMail worker (scripts/bench-mail.ts):');
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-mail.ts'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, BENCH_POSTGRES: postgresWanted ? '1' : '0' }
	});
	return result.status === 0
		? null
		: 'mail: the worker sent fewer than 200 mails/s or not every mail exactly once (bench-results/mail.json)';
}

// The sign-in scenario. The issue asks for 20 sign-ins per second; the pages are loaded at a
// steady, moderate rate (far below what they can take), so that their latency shows waiting, not
// saturation.
const SIGNIN_RATE = 20;
/** The sign-in phase passes when at least this many sign-ins per second were answered 303. */
const SIGNIN_MIN_RATE = 19;
const SIGNIN_SOCKETS = 10;
const SIGNIN_PAGE_RATE = 50;
const SIGNIN_PAGE_SOCKETS = 5;
/**
 * The bound on the pages' p50 under sign-in load: at most 1.5 × the baseline p50 + 5 ms. On two
 * cores, 20 argon2id verifications per second (19 MiB, t=2, about 35 ms each) keep one core about
 * 70 % busy, so the page's thread shares the CPU with them and some slow-down is physics, not
 * blocking; the 1.5 × allows for that. Blocking is a different order: if the hash ran on the
 * event loop it would hold it 70 % of the time, and a page arriving at a random moment would wait
 * out the rest of the current hash (up to 35 ms) in most cases, so its median would rise by
 * about 10–20 ms and its p90 by 35 ms or more. The 5 ms absorbs the noise of a shared machine on
 * pages whose p50 is only a millisecond or two.
 */
const SIGNIN_PAGE_P50_FACTOR = 1.5;
const SIGNIN_PAGE_P50_SLACK_MS = 5;
/** Where a sign-in sends the person; the redirect must go there (not to a second step). */
const SIGNIN_WEITER = '/';

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
	if (!raw) return [...TARGETS.map((target) => target.key), ...SCENARIOS];
	const keys = raw.split(',').map((key) => key.trim());
	const known = [...TARGETS.map((target) => target.key), ...SCENARIOS];
	const unknown = keys.filter((key) => !known.includes(key));
	if (unknown.length > 0)
		fail(`BENCH_TARGETS: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
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
/** Paced loads (the sign-in scenario) running now; several at once. */
const pacedLoads = new Set();
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
		for (const load of pacedLoads) load.stop();
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
function get(port, pathName, headers = {}) {
	return new Promise((resolve, reject) => {
		const request = http.get(
			{
				host: HOST,
				port,
				path: pathName,
				headers: { ...REQUEST_HEADERS, ...headers },
				agent: false
			},
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

/**
 * Nanoseconds on a CPU and waiting for one (run queue), from /proc/<pid>/task/<tid>/schedstat:
 * for the main thread (the event loop; its tid is the pid) and for all other threads together
 * (libuv's thread pool, where argon2 runs, V8's helpers). Null where the kernel has no schedstat.
 */
function threadTimesOf(pid) {
	try {
		const read = (tid) =>
			readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
		const [mainRun, mainWait] = read(pid);
		let othersRun = 0;
		for (const tid of readdirSync(`/proc/${pid}/task`)) {
			if (Number(tid) === pid) continue;
			try {
				othersRun += read(tid)[0];
			} catch {
				// The thread ended meanwhile.
			}
		}
		return { mainRun, mainWait, othersRun };
	} catch {
		return null;
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
			BENCH_CATALOGUE: catalogueWanted() ? '1' : '0',
			BENCH_DISCUSSION: discussionWanted() ? '1' : '0',
			...(process.env.BENCH_PROJECTS ? { BENCH_PROJECTS: process.env.BENCH_PROJECTS } : {}),
			...(process.env.BENCH_PRODUCTS ? { BENCH_PRODUCTS: process.env.BENCH_PRODUCTS } : {}),
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
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
			...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {})
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

function runLoad(port, pathName, seconds, recordLatencies, extraHeaders = {}) {
	return new Promise((resolve, reject) => {
		const latencies = [];
		const instance = autocannon(
			{
				url: `http://${HOST}:${port}${pathName}`,
				connections: settings.connections,
				duration: seconds,
				headers: { ...REQUEST_HEADERS, ...extraHeaders },
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
async function measure(label, server, pathName, headers = {}) {
	if (settings.warmupSeconds > 0)
		await runLoad(server.port, pathName, settings.warmupSeconds, false, headers);
	const cpuBefore = cpuSecondsOf(server.child.pid);
	const { result, latencies } = await runLoad(
		server.port,
		pathName,
		settings.durationSeconds,
		true,
		headers
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

// ── sign-in under load ───────────────────────────────────────────────────────────────────────

/**
 * Open-loop load at a fixed rate: request i leaves at start + i / rate whether or not the earlier
 * ones have been answered, so a slow server cannot slow the load down and hide its slowness.
 * (autocannon's `overallRate` sends each connection's share of a second in one burst at the
 * start of the second, which measures queueing in the burst rather than a steady rate.) Latency
 * counts from the moment a request is due, including any wait for a free connection.
 *
 * `requestOf(i)` gives the i-th request ({ method, path, headers, body }); `isOk(response)`
 * judges an answer. Resolves with one sample per request, times relative to the start.
 */
async function pacedLoad({ port, rate, seconds, sockets, requestOf, isOk }) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
	const samples = [];
	const pending = [];
	let stopped = false;
	const handle = {
		stop() {
			stopped = true;
			agent.destroy();
		}
	};
	pacedLoads.add(handle);
	const start = performance.now();
	const send = (i) =>
		new Promise((resolve) => {
			const { method = 'GET', path: pathName, headers = {}, body } = requestOf(i);
			const sentAt = performance.now();
			const sample = { i, sentMs: sentAt - start, doneMs: null, ms: null, status: 0, ok: false };
			samples.push(sample);
			const done = (status, ok, error) => {
				const now = performance.now();
				Object.assign(sample, { doneMs: now - start, ms: now - sentAt, status, ok });
				if (error) sample.error = error.message;
				resolve();
			};
			const request = http.request(
				{
					host: HOST,
					port,
					method,
					path: pathName,
					agent,
					headers: {
						...REQUEST_HEADERS,
						...headers,
						...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) })
					}
				},
				(response) => {
					response.resume();
					response.once('end', () => done(response.statusCode ?? 0, isOk(response)));
					response.once('error', (error) => done(response.statusCode ?? 0, false, error));
				}
			);
			request.setTimeout(10_000, () => request.destroy(new Error('timed out after 10 s')));
			request.once('error', (error) => done(0, false, error));
			request.end(body);
		});
	const total = Math.round(rate * seconds);
	for (let i = 0; i < total && !stopped; i++) {
		const wait = start + (i * 1000) / rate - performance.now();
		if (wait > 0) await sleep(wait);
		pending.push(send(i));
	}
	await Promise.all(pending);
	agent.destroy();
	pacedLoads.delete(handle);
	return { samples, elapsedMs: performance.now() - start };
}

/** Latency percentiles, counts and statuses of some samples of a paced load. */
function summarise(samples, windowSeconds) {
	const ms = samples.map((sample) => sample.ms).sort((a, b) => a - b);
	const ok = samples.filter((sample) => sample.ok);
	const statusCodes = {};
	for (const sample of samples) {
		const key = sample.status === 0 ? 'error' : String(sample.status);
		statusCodes[key] = (statusCodes[key] ?? 0) + 1;
	}
	// If the server falls behind, the last answers come after the window: the rate counts the
	// time until the last one.
	const lastDone = Math.max(...samples.map((sample) => sample.doneMs ?? 0));
	const firstSent = Math.min(...samples.map((sample) => sample.sentMs));
	const seconds = Math.max(windowSeconds, (lastDone - firstSent) / 1000);
	return {
		requests: samples.length,
		ok: ok.length,
		failed: samples.length - ok.length,
		okPerSecond: round(ok.length / seconds, 1),
		p50Ms: round(percentile(ms, 50), 2),
		p90Ms: round(percentile(ms, 90), 2),
		p99Ms: round(percentile(ms, 99), 2),
		maxMs: round(ms.at(-1), 2),
		statusCodes,
		errors: [...new Set(samples.filter((s) => s.error).map((s) => s.error))].slice(0, 3)
	};
}

/** The CPU figures of a measured run (see `measured` in signInPhase). */
const threadFigures = (run) => ({
	serverCpuCores: run.serverCpuCores,
	eventLoopThreadCores: run.eventLoopThreadCores,
	otherThreadsCores: run.otherThreadsCores,
	eventLoopRunQueueWaitMsPerSecond: run.eventLoopRunQueueWaitMsPerSecond,
	loadAverage: run.loadAverage
});

/** p50/p90/p99 of a summary, for the console. */
const spread = (run) => `${run.p50Ms}/${run.p90Ms}/${run.p99Ms}`;

/** The sign-in request for account n of the seeded sign-in people. */
function signInRequest(port, signIn, n) {
	const email = signIn.emailPattern.replace('{n}', String(n % signIn.people).padStart(3, '0'));
	return {
		method: 'POST',
		path: '/anmelden',
		headers: {
			// SvelteKit refuses form posts from another origin (CSRF); a browser sends its own.
			origin: `http://${HOST}:${port}`,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			email,
			password: signIn.password,
			weiter: SIGNIN_WEITER
		}).toString()
	};
}

/** A sign-in that worked: 303 to the `weiter` target with a session cookie (not a second step). */
function isSignedIn(response) {
	const cookies = response.headers['set-cookie'] ?? [];
	return (
		response.statusCode === 303 &&
		response.headers.location === SIGNIN_WEITER &&
		cookies.some((cookie) => /^sitzung=[^;]+/.test(cookie))
	);
}

/** Signs bench person `n` in through the form; the answer and its session cookie (if any). */
async function signInThroughForm(port, signIn, n) {
	const response = await new Promise((resolve, reject) => {
		const { method, path: pathName, headers, body } = signInRequest(port, signIn, n);
		const request = http.request(
			{
				host: HOST,
				port,
				method,
				path: pathName,
				agent: false,
				headers: { ...REQUEST_HEADERS, ...headers, 'content-length': Buffer.byteLength(body) }
			},
			(answer) => {
				answer.resume();
				answer.once('end', () => resolve(answer));
			}
		);
		request.once('error', reject);
		request.end(body);
	});
	const cookie = (response.headers['set-cookie'] ?? [])
		.find((c) => c.startsWith('sitzung='))
		?.split(';')[0];
	return { response, cookie };
}

/**
 * Checks once that a bench person can sign in with the password alone and that the session
 * works: the page then answers for a signed-in person (private, no-store).
 */
async function preflightSignIn(port, signIn) {
	const { response: probe, cookie } = await signInThroughForm(port, signIn, 0);
	if (!isSignedIn(probe)) {
		throw new Error(
			`sign-in of a bench person answered ${probe.statusCode} (location ${probe.headers.location ?? '–'}), ` +
				`expected 303 to ${SIGNIN_WEITER} with a session cookie`
		);
	}
	const page = await new Promise((resolve, reject) => {
		const request = http.get(
			{
				host: HOST,
				port,
				path: SIGNIN_WEITER,
				agent: false,
				headers: { ...REQUEST_HEADERS, cookie }
			},
			(response) => {
				response.resume();
				response.once('end', () => resolve(response));
			}
		);
		request.once('error', reject);
	});
	if (page.statusCode !== 200 || !/no-store/.test(String(page.headers['cache-control']))) {
		throw new Error(
			`after sign-in, GET ${SIGNIN_WEITER} answered ${page.statusCode} ` +
				`(cache-control ${page.headers['cache-control']}): the session does not work`
		);
	}
}

/** The session cookie of a bench person signed in through the form (for `asMember` targets). */
async function memberCookie(port, signIn) {
	const { response, cookie } = await signInThroughForm(port, signIn, 1);
	if (!isSignedIn(response) || !cookie) {
		throw new Error(`bench member sign-in answered ${response.statusCode} without a session`);
	}
	return cookie;
}

/**
 * The scenario for one page: the page alone (baseline), then the page while 20 sign-ins per
 * second run, then the page alone again. The baseline is the mean of the two runs alone, as for
 * the minimal server: load from elsewhere on a shared machine comes and goes within a minute.
 */
async function signInPhase(app, page, signIn, nextAccount) {
	const pageLoad = (seconds) =>
		pacedLoad({
			port: app.port,
			rate: SIGNIN_PAGE_RATE,
			seconds,
			sockets: SIGNIN_PAGE_SOCKETS,
			requestOf: () => ({ path: page.path }),
			isOk: (response) => response.statusCode === 200
		});
	const measured = async (run) => {
		const cpuBefore = cpuSecondsOf(app.child.pid);
		const threadsBefore = threadTimesOf(app.child.pid);
		const started = performance.now();
		const result = await run();
		const seconds = (performance.now() - started) / 1000;
		const threadsAfter = threadTimesOf(app.child.pid);
		const perSecond = (field, scale) =>
			threadsBefore && threadsAfter
				? round((threadsAfter[field] - threadsBefore[field]) / 1e9 / seconds / scale, 2)
				: null;
		return {
			...result,
			serverCpuCores: round((cpuSecondsOf(app.child.pid) - cpuBefore) / seconds, 2),
			// Where the server's CPU went: the event loop's thread and the others (argon2 runs in
			// the thread pool), and how long the event loop waited for a CPU (a busy machine).
			eventLoopThreadCores: perSecond('mainRun', 1),
			otherThreadsCores: perSecond('othersRun', 1),
			eventLoopRunQueueWaitMsPerSecond: perSecond('mainWait', 1e-3),
			loadAverage: loadAverage()
		};
	};
	const alone = async () => {
		const run = await measured(() => pageLoad(settings.durationSeconds));
		return { ...summarise(run.samples, settings.durationSeconds), ...threadFigures(run) };
	};

	if (settings.warmupSeconds > 0) await pageLoad(settings.warmupSeconds);
	const before = await alone();

	// Sign-ins start a warm-up earlier than the page load and end with it; only the sign-ins sent
	// while the page was measured count.
	const signInLoad = pacedLoad({
		port: app.port,
		rate: SIGNIN_RATE,
		seconds: settings.warmupSeconds + settings.durationSeconds,
		sockets: SIGNIN_SOCKETS,
		requestOf: () => signInRequest(app.port, signIn, nextAccount()),
		isOk: isSignedIn
	});
	let pageRun;
	let signInRun;
	try {
		await sleep(settings.warmupSeconds * 1000);
		pageRun = await measured(() => pageLoad(settings.durationSeconds));
	} finally {
		signInRun = await signInLoad;
	}
	const after = await alone();

	const measuredSignIns = signInRun.samples.filter(
		(sample) => sample.i >= Math.round(settings.warmupSeconds * SIGNIN_RATE)
	);
	const under = {
		...summarise(pageRun.samples, settings.durationSeconds),
		...threadFigures(pageRun)
	};
	const signIns = summarise(measuredSignIns, settings.durationSeconds);
	const baselineP50 = round((before.p50Ms + after.p50Ms) / 2, 2);
	const baselineCpu = (before.serverCpuCores + after.serverCpuCores) / 2;
	const allowedP50 = round(SIGNIN_PAGE_P50_FACTOR * baselineP50 + SIGNIN_PAGE_P50_SLACK_MS, 2);
	const problems = [];
	if (signIns.okPerSecond < SIGNIN_MIN_RATE || signIns.failed > 0) {
		problems.push(
			`sign-ins: ${signIns.okPerSecond}/s answered 303 (need ≥ ${SIGNIN_MIN_RATE}/s, all 303), ` +
				`statuses ${JSON.stringify(signIns.statusCodes)} ${signIns.errors.join('; ')}`.trim()
		);
	}
	for (const [name, run] of [
		['alone', before],
		['under sign-in load', under],
		['alone again', after]
	]) {
		if (run.failed > 0) {
			problems.push(
				`${page.path} ${name}: ${run.failed} requests failed (${JSON.stringify(run.statusCodes)})`
			);
		}
	}
	if (under.p50Ms > allowedP50) {
		problems.push(
			`${page.path}: p50 ${under.p50Ms} ms under sign-in load, above the bound ${allowedP50} ms ` +
				`(${SIGNIN_PAGE_P50_FACTOR} × baseline ${baselineP50} ms + ${SIGNIN_PAGE_P50_SLACK_MS} ms)`
		);
	}
	const figures = {
		label: page.label,
		path: page.path,
		pageRate: SIGNIN_PAGE_RATE,
		signInRate: SIGNIN_RATE,
		alone: before,
		underSignInLoad: under,
		aloneAgain: after,
		baselineP50Ms: baselineP50,
		allowedP50Ms: allowedP50,
		p50Ratio: round(under.p50Ms / baselineP50, 2),
		signIns,
		// Extra server CPU while the sign-ins ran, per sign-in: argon2id plus the request.
		serverCpuMsPerSignIn: round(((under.serverCpuCores - baselineCpu) * 1000) / SIGNIN_RATE, 1),
		problems,
		failed: problems.length > 0
	};
	// If the event loop had to wait for a CPU even without sign-ins, other processes starved the
	// server: say so next to the failure.
	const waited = Math.max(
		...[before, after].map((run) => run.eventLoopRunQueueWaitMsPerSecond ?? 0)
	);
	if (problems.length > 0 && waited > 100) {
		problems.push(
			`${page.path}: even without sign-ins the event loop's thread waited up to ${waited} ms ` +
				`per second for a CPU (${under.eventLoopRunQueueWaitMsPerSecond} ms with them; load ` +
				`average ${Math.max(before.loadAverage, under.loadAverage, after.loadAverage)} on ` +
				`${os.cpus().length} CPUs): other processes starved the server, so this attempt says ` +
				'little about sign-in; run again on a quiet machine'
		);
	}
	console.log(
		`  ${page.label.padEnd(30)} p50/p90/p99 ms alone ${spread(before)}, ` +
			`with sign-ins ${spread(under)}, alone again ${spread(after)} ` +
			`(bound p50 ${allowedP50})`
	);
	console.log(
		`  ${''.padEnd(30)} sign-ins ${signIns.okPerSecond}/s answered 303 of ${signIns.requests}, ` +
			`p50 ${signIns.p50Ms} ms p99 ${signIns.p99Ms} ms; server CPU ${before.serverCpuCores} → ` +
			`${under.serverCpuCores} cores (${figures.serverCpuMsPerSignIn} ms per sign-in)` +
			(problems.length > 0 ? `  FAILED` : '')
	);
	console.log(
		`  ${''.padEnd(30)} event-loop thread ${before.eventLoopThreadCores} → ` +
			`${under.eventLoopThreadCores} cores, other threads ${before.otherThreadsCores} → ` +
			`${under.otherThreadsCores} cores; event loop waited for a CPU ` +
			`${before.eventLoopRunQueueWaitMsPerSecond} → ${under.eventLoopRunQueueWaitMsPerSecond} ms/s`
	);
	return figures;
}

/** The sign-in scenario on a running app: `/` and a fact sheet, each alone and under sign-ins. */
async function signInScenario(app, seeded) {
	console.log(
		`  sign-in under load: pages at ${SIGNIN_PAGE_RATE}/s (${SIGNIN_PAGE_SOCKETS} connections), ` +
			`${SIGNIN_RATE} sign-ins/s over ${seeded.signIn.people} accounts`
	);
	await preflightSignIn(app.port, seeded.signIn);
	let account = 1;
	const nextAccount = () => account++;
	const memoryBefore = memoryOf(app.child.pid);
	const pages = [
		{ label: '/ (home)', path: '/' },
		{ label: `/kommunen/${seeded.sampleAgs}`, path: `/kommunen/${seeded.sampleAgs}` }
	];
	const results = [];
	for (const page of pages) {
		let result = await signInPhase(app, page, seeded.signIn, nextAccount);
		// On a shared machine a burst of other work can spoil one attempt; blocking would spoil
		// every attempt. So a failed page is measured once more, and only that attempt counts.
		if (result.failed) {
			console.log(`  ${''.padEnd(30)} failed once; measuring ${page.path} again`);
			const firstAttempt = result;
			result = { ...(await signInPhase(app, page, seeded.signIn, nextAccount)), firstAttempt };
		}
		results.push(result);
	}
	const memoryAfter = memoryOf(app.child.pid);
	console.log(
		`  ${''.padEnd(30)} app peak RSS ${memoryBefore.peakRssMiB} MiB before the scenario, ` +
			`${memoryAfter.peakRssMiB} MiB after`
	);
	return {
		settings: {
			signInRate: SIGNIN_RATE,
			minSignInRate: SIGNIN_MIN_RATE,
			signInConnections: SIGNIN_SOCKETS,
			pageRate: SIGNIN_PAGE_RATE,
			pageConnections: SIGNIN_PAGE_SOCKETS,
			p50Factor: SIGNIN_PAGE_P50_FACTOR,
			p50SlackMs: SIGNIN_PAGE_P50_SLACK_MS,
			accounts: seeded.signIn.people
		},
		pages: results,
		peakRssMiBBefore: memoryBefore.peakRssMiB,
		peakRssMiBAfter: memoryAfter.peakRssMiB,
		failed: results.some((result) => result.failed)
	};
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────

function appTargets(seeded) {
	const catalogue = seeded.catalogue;
	return TARGETS.filter((target) => settings.targets.includes(target.key)).map((target) => {
		let pathName = target.path.replace(':ags', seeded.sampleAgs);
		if (seeded.discussion) {
			pathName = pathName.replace(':discussionId', String(seeded.discussion.id));
		}
		if (catalogue) {
			pathName = pathName
				.replace(':projectId', String(catalogue.sampleProjectId))
				.replace(':status', catalogue.listFilter.status)
				.replace(':topicField', catalogue.listFilter.topicField);
		}
		return {
			...target,
			label: target.label.replace('<AGS>', seeded.sampleAgs),
			path: pathName
		};
	});
}

/** Checks once that each target answers 200 with what a user expects, before loading it. */
async function preflight(port, targets, memberHeaders) {
	const bytes = {};
	for (const target of targets) {
		const response = await get(port, target.path, target.asMember ? memberHeaders : {});
		if (response.status !== 200) throw new Error(`GET ${target.path} answered ${response.status}`);
		if (target.rows) {
			// Each listed municipality links to its detail page; nothing else on the list does.
			const rows = response.text.match(/href="\/kommunen\/\d{8}"/g)?.length ?? 0;
			if (rows !== target.rows) {
				throw new Error(`GET ${target.path} lists ${rows} municipalities, expected ${target.rows}`);
			}
		}
		if (target.projectRows) {
			// Each listed project links to its detail page.
			const rows = new Set(response.text.match(/href="\/projekte\/\d+"/g) ?? []).size;
			if (rows < target.projectRows) {
				throw new Error(
					`GET ${target.path} lists ${rows} projects, expected ${target.projectRows}`
				);
			}
		}
		if (target.discussion) {
			// The opening post and a full page of 50 replies, each an article with its anchor.
			const posts = response.text.match(/<article[^>]* id="beitrag-\d+"/g)?.length ?? 0;
			if (posts !== 51) throw new Error(`GET ${target.path} shows ${posts} posts, expected 51`);
		}
		if (target.json) JSON.parse(response.text);
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
	if (seeded.catalogue) {
		const c = seeded.catalogue;
		console.log(
			`  catalogue: ${c.projects} projects, ${c.products} products in ${c.seconds} s; ` +
				`list filter matches ${c.listFilter.matching} public projects; ` +
				`search index built from scratch in ${c.indexSeconds} s`
		);
	}
	// The seeder migrates with the sources, the server with the build: they must be the same.
	if (!buildIsCurrent(root)) {
		throw new Error('the sources changed while the benchmark ran (build/ is stale); run it again');
	}
	const app = await startApp(dataDir, databaseUrl);
	const targets = appTargets(seeded);
	const memberHeaders = targets.some((target) => target.asMember)
		? { cookie: await memberCookie(app.port, seeded.signIn) }
		: {};
	const bytes = await preflight(app.port, targets, memberHeaders);
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
		// A signed-in member's request is never served from the page cache: it is rendered.
		const headers = target.asMember ? { cookie: await memberCookie(app.port, seeded.signIn) } : {};
		const figures = await measure(target.label, app, target.path, headers);
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
	const signInLoad = settings.targets.includes(SIGNIN_SCENARIO)
		? await signInScenario(app, seeded)
		: undefined;
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
		baseline: results.length > 0 ? baselineOf(results.map((result) => result.baseline)) : null,
		targets: results,
		signInLoad,
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

/** Rows (the first is the header) as a Markdown table; the first column left-aligned. */
function markdownTable(header, align, body) {
	const rows = [header, align, ...body];
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

/** The sign-in scenario as a Markdown table, one row per database and page; '' if not run. */
function signInTable(report) {
	const triple = (run) => `${run.p50Ms} / ${run.p90Ms} / ${run.p99Ms}`;
	const body = [];
	for (const name of ['sqlite', 'postgres']) {
		for (const page of report[name]?.signInLoad?.pages ?? []) {
			body.push([
				`${SECTION_NAMES[name]} ${page.label}${page.firstAttempt ? ' (2nd attempt)' : ''}`,
				triple(page.alone),
				triple(page.underSignInLoad),
				triple(page.aloneAgain),
				`${page.allowedP50Ms}${page.failed ? ' FAILED' : ''}`,
				page.signIns.okPerSecond,
				`${page.signIns.p50Ms} / ${page.signIns.p99Ms}`,
				`${page.alone.serverCpuCores} → ${page.underSignInLoad.serverCpuCores}`,
				page.serverCpuMsPerSignIn
			]);
		}
	}
	if (body.length === 0) return '';
	return markdownTable(
		[
			`page at ${SIGNIN_PAGE_RATE}/s`,
			'alone p50 / p90 / p99 ms',
			`with ${SIGNIN_RATE} sign-ins/s`,
			'alone again',
			'p50 bound ms',
			'sign-ins/s (303)',
			'sign-in p50 / p99 ms',
			'server CPU cores',
			'CPU ms/sign-in'
		],
		['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
		body
	);
}

/** The page targets as a Markdown table, one column group per database; '' if none ran. */
function table(report) {
	if (!report.sqlite.targets.length) return '';
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
	return markdownTable(header, align, rows.slice(2));
}

async function main() {
	if (settings.targets.every((key) => key === MAIL_SCENARIO)) {
		const problem = runMailBench();
		if (problem) {
			console.error(`\nFAILED:\n  - ${problem}`);
			process.exitCode = 1;
		}
		return;
	}
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
	// Only the page targets need the yardstick; the sign-in scenario is its own baseline.
	const pageTargets = sqliteApp.targets.length > 0;
	const minimal = pageTargets ? await startMinimal(sqliteApp.bytes.kommunen) : undefined;
	const minimalLabel = `minimal node:http server (${sqliteApp.bytes.kommunen} B page)`;

	// The minimal server runs before the first target and after every target.
	const minimalRuns = [];
	const yardstick = async () => {
		if (!minimal) throw new Error('the minimal server is not running');
		const run = await measure(minimalLabel, minimal, '/');
		minimalRuns.push(run);
		return run;
	};
	const sqlite = await benchApp(sqliteApp, yardstick, pageTargets ? await yardstick() : undefined);

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
	if (minimal) await stopChild(minimal.child);
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
		for (const page of section.signInLoad?.pages ?? []) {
			for (const problem of page.problems) problems.push(`${name} sign-in under load: ${problem}`);
		}
		for (const target of section.targets) {
			const definition = TARGETS.find((candidate) => candidate.key === target.key);
			if (definition?.floorPercent && target.percentOfMinimal < definition.floorPercent) {
				problems.push(
					`${name} ${target.label}: ${target.percentOfMinimal} % of the minimal server's ` +
						`requests/s, below the floor of ${definition.floorPercent} %`
				);
			}
			if (definition?.maxP99Ms && target.p99Ms >= definition.maxP99Ms) {
				problems.push(
					`${name} ${target.label}: p99 ${target.p99Ms} ms, not under ${definition.maxP99Ms} ms`
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
	const signInRuns = [sqlite, postgres].flatMap((section) =>
		(section.signInLoad?.pages ?? []).flatMap((page) => [
			page.alone,
			page.underSignInLoad,
			page.aloneAgain
		])
	);
	const busiest = Math.max(
		...[...minimalRuns, ...sqlite.targets, ...(postgres.targets ?? []), ...signInRuns].map(
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

	const markdown = [table(report), signInTable(report)].filter(Boolean).join('\n\n');
	console.log(`\n${markdown}\n`);
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
	writeFileSync(path.join(root, 'bench-results', 'latest.md'), `${markdown}\n`);
	console.log('Results written to bench-results/latest.json and latest.md');

	if (settings.targets.includes(MAIL_SCENARIO)) {
		const problem = runMailBench();
		if (problem) problems.push(problem);
	}
	if (problems.length > 0) {
		console.error(`\nFAILED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
		process.exitCode = 1;
	} else {
		const checked = [];
		if (sqlite.targets.length > 0) checked.push('every target answered 2xx');
		if (settings.targets.includes(FLOOR_TARGET))
			checked.push(`/kommunen is above ${FLOOR_PERCENT} % of the minimal server`);
		if (sqlite.signInLoad) {
			checked.push(`${SIGNIN_RATE} sign-ins/s ran without raising the pages' p50 beyond the bound`);
		}
		console.log(`\nOK: ${checked.join('; ')}.`);
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
