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
import { freePort, waitUntilReady } from './support/server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The server's data directory (its SQLite file), for tests that prepare data directly. */
		dataDir: string;
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

export default async function setup(project: TestProject) {
	if (ensureBuild(root)) console.log('[e2e] built the app');

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
		await waitUntilReady(
			baseUrl,
			() => server.exitCode,
			() => logTail(logFile)
		);
	} catch (error) {
		await stop();
		throw error;
	}

	project.provide('baseUrl', baseUrl);
	project.provide('dataDir', dataDir);
	return stop;
}
