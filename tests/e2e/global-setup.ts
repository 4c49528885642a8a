/**
 * Starts the production build once per run against a fresh data directory seeded with the demo
 * network, and hands its address to the browser tests. Builds first only when `build/` is stale.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureBuild } from '../../scripts/build-stamp.js';
import { e2eWorkers } from '../../scripts/e2e-workers.js';
import { SmtpListener } from '../support/smtp-listener';
import { freePort, waitUntilReady, type TestServer } from './support/server';

declare module 'vitest' {
	export interface ProvidedContext {
		/** One server per worker; tests find theirs with testServer() (support/server.ts). */
		servers: TestServer[];
	}
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function logTail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(kein Log / no log)';
	}
}

interface RunningServer extends TestServer {
	stop: () => Promise<void>;
}

/**
 * Starts one production server on a fresh, demo-seeded data directory, with a real SMTP listener
 * of its own: the server's mail worker delivers there, tests read what arrived (mails()).
 */
async function startServer(): Promise<RunningServer> {
	const smtp = new SmtpListener();
	await smtp.start();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-e2e-'));
	const logFile = path.join(dataDir, 'server.log');
	const logFd = openSync(logFile, 'a');
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;

	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseUrl,
		DATA_DIR: dataDir,
		SEED: 'demo',
		NODE_ENV: 'production',
		SMTP_URL: smtp.url,
		MAIL_FROM: 'Drehscheibe <noreply@drehscheibe.example>',
		MAIL_WORKER_INTERVAL_SECONDS: '1'
	};
	// Always the embedded database in its own fresh directory, whatever the caller's shell sets.
	delete env.DATABASE_URL;
	delete env.DATABASE_URL_FILE;
	const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		stdio: ['ignore', logFd, logFd],
		env
	});
	closeSync(logFd);

	const stop = async () => {
		if (server.exitCode === null && server.signalCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dataDir, { recursive: true, force: true });
		await smtp.dispose();
	};

	try {
		await waitUntilReady(
			baseUrl,
			() => server.exitCode,
			() => logTail(logFile)
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { baseUrl, dataDir, smtpDir: smtp.dir, stop };
}

/**
 * One server per test worker (E2E_WORKERS, see vite.config.ts): test files run side by side,
 * each against the server of its worker, so one file's sign-in limits or changes to the shared
 * register never meet another file running at the same time.
 */
export default async function setup(project: TestProject) {
	if (ensureBuild(root)) console.log('[e2e] built the app');

	const servers = await Promise.all(Array.from({ length: e2eWorkers() }, () => startServer()));
	project.provide(
		'servers',
		servers.map(({ baseUrl, dataDir, smtpDir }) => ({ baseUrl, dataDir, smtpDir }))
	);
	return async () => {
		await Promise.all(servers.map((server) => server.stop()));
	};
}
