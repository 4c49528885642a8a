/**
 * Starts the production build once per run against a fresh data directory seeded with the demo
 * network, and hands its address to the browser tests. Builds first only when `build/` is stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildIsCurrent, writeBuildStamp } from '../../scripts/build-stamp.js';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The server's data directory (its SQLite file), for tests that prepare data directly. */
		dataDir: string;
	}
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STARTUP_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function logTail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(kein Log / no log)';
	}
}

async function waitUntilReady(url: string, server: ChildProcess, logFile: string): Promise<void> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) {
			throw new Error(
				`Der Server hat sich beendet (Code ${server.exitCode}). Log:\n${logTail(logFile)}`
			);
		}
		try {
			const response = await fetch(`${url}/readyz`);
			if (response.ok) {
				const body = (await response.json()) as { status?: string };
				if (body.status === 'ok') return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(
		`Der Server war nach ${STARTUP_TIMEOUT_MS / 1000} s nicht bereit (${url}/readyz). Log:\n${logTail(logFile)}`
	);
}

export default async function setup(project: TestProject) {
	if (!buildIsCurrent(root)) {
		console.log('[e2e] Baue die Anwendung …');
		const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, NODE_ENV: 'production' }
		});
		if (build.status !== 0) throw new Error('Der Build ist fehlgeschlagen. / The build failed.');
		writeBuildStamp(root);
	}

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
		NODE_ENV: 'production'
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
	};

	try {
		await waitUntilReady(baseUrl, server, logFile);
	} catch (error) {
		await stop();
		throw error;
	}

	project.provide('baseUrl', baseUrl);
	project.provide('dataDir', dataDir);
	return stop;
}
