#!/usr/bin/env node
/**
 * `npm test`: every suite — unit, database on SQLite, database on PostgreSQL, browser. A suite
 * whose service is missing (no PostgreSQL, no Chromium) is skipped with a plain message, unless
 * REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 demand it (as CI does), then it fails.
 *
 *   npm test                 all suites
 *   npm test -- unit|db|e2e  one kind
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const wanted = process.argv[2];
const requirePostgres = process.env.REQUIRE_POSTGRES === '1';
const requireBrowser = process.env.REQUIRE_BROWSER === '1';
const databaseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function postgresReachable() {
	const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

const reportDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-test-report-'));
const results = [];
const skipped = [];

/**
 * Runs one vitest project in its own process. The suites run at the same time (they share
 * nothing: each makes its own databases, the browser suite its own server); the browser suite,
 * the longest, reports live, the others print their output in one piece when they finish.
 */
function runSuite(name, project, env = {}, { live = false } = {}) {
	const report = path.join(reportDir, `${project}-${env.TEST_DIALECT ?? 'x'}.json`);
	if (live) console.log(`\n━━ ${name} ━━`);
	const child = spawn(
		process.execPath,
		[
			'node_modules/vitest/vitest.mjs',
			'run',
			'--project',
			project,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`
		],
		{
			stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, ...env, ...(live ? {} : { FORCE_COLOR: '0' }) }
		}
	);
	const output = [];
	child.stdout?.on('data', (chunk) => output.push(chunk));
	child.stderr?.on('data', (chunk) => output.push(chunk));
	return new Promise((resolve) => {
		child.on('close', (status) => {
			if (!live) {
				console.log(`\n━━ ${name} ━━`);
				process.stdout.write(Buffer.concat(output));
			}
			let passed = 0;
			let failed = 0;
			const failures = [];
			if (existsSync(report)) {
				const json = JSON.parse(readFileSync(report, 'utf8'));
				passed = json.numPassedTests ?? 0;
				failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0);
				failures.push(...failuresOf(json));
			}
			if (status !== 0 && failed === 0) failed = 1;
			results.push({ name, passed, failed, status, failures });
			resolve();
		});
	});
}

/** What failed, in a few lines each: shown again at the very end, where a short log still has it. */
function failuresOf(json) {
	const lines = [];
	for (const file of json.testResults ?? []) {
		const where = path.relative(root, file.name ?? '');
		const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
		for (const test of failedTests) {
			const message = String(test.failureMessages?.[0] ?? '')
				.split('\n')
				.slice(0, 4)
				.join('\n    ');
			lines.push(`${where} › ${test.fullName}\n    ${message}`);
		}
		if (failedTests.length === 0 && file.status === 'failed') {
			lines.push(
				`${where}\n    ${String(file.message ?? '')
					.split('\n')
					.slice(0, 4)
					.join('\n    ')}`
			);
		}
	}
	return lines;
}

function skip(name, reason, howTo, required) {
	if (required) {
		console.error(`\n✗ ${name}: ${reason} — required here (${howTo}).`);
		results.push({ name, passed: 0, failed: 1, status: 1 });
	} else {
		console.warn(`\n⚠ ${name} übersprungen / skipped: ${reason}. ${howTo}`);
		skipped.push(name);
	}
}

const ORDER = ['unit', 'database (SQLite)', 'database (PostgreSQL)', 'browser'];
const runs = [];
if (!wanted || wanted === 'unit') runs.push(runSuite('unit', 'unit'));
if (!wanted || wanted === 'db') {
	runs.push(runSuite('database (SQLite)', 'db', { TEST_DIALECT: 'sqlite' }));
	if (await postgresReachable()) {
		runs.push(
			runSuite('database (PostgreSQL)', 'db', {
				TEST_DIALECT: 'postgres',
				TEST_DATABASE_URL: databaseUrl
			})
		);
	} else {
		skip(
			'database (PostgreSQL)',
			`no PostgreSQL at ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
			'To enable: start PostgreSQL or set TEST_DATABASE_URL=postgres://user@host:5432/db.',
			requirePostgres
		);
	}
}
if (!wanted || wanted === 'e2e') {
	if (existsSync(chromiumPath)) {
		runs.push(runSuite('browser', 'e2e', { CHROMIUM_PATH: chromiumPath }, { live: true }));
	} else {
		skip(
			'browser',
			`no Chromium at ${chromiumPath}`,
			'To enable: apt-get install -y chromium, or set CHROMIUM_PATH.',
			requireBrowser
		);
	}
}
await Promise.all(runs);
results.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));

rmSync(reportDir, { recursive: true, force: true });

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log('\n━━ Zusammenfassung / Summary ━━');
for (const r of results) {
	console.log(`${r.failed === 0 ? '✓' : '✗'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
	for (const failure of r.failures ?? []) console.log(`  ✗ ${failure}`);
}
for (const name of skipped) console.log(`⚠ ${name}: skipped`);
if (skipped.length) console.log(`Skipped suites: ${skipped.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
