/** Starting the production server in browser and process tests: a free port, waiting until ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** A production server process (`node build/index.js`) with exactly this environment. */
export interface ServerProcess {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

export function spawnServer(env: Record<string, string>): ServerProcess {
	let output = '';
	const child = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return { child, output: () => output, exited };
}

export function freePort(): Promise<number> {
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

/**
 * Polls `/readyz` until it reports ok. `exited` tells whether the server process has ended (then
 * waiting is pointless); `describe` adds the server's output to the error.
 */
export async function waitUntilReady(
	url: string,
	exited: () => number | null,
	describe: () => string,
	timeoutMs = 60_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const code = exited();
		if (code !== null) throw new Error(`server exited (code ${code}):\n${describe()}`);
		try {
			const response = await fetch(`${url}/readyz`);
			if (response.ok && ((await response.json()) as { status?: string }).status === 'ok') return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`server not ready after ${timeoutMs / 1000} s (${url}/readyz):\n${describe()}`);
}

/** A running server of the browser tests: its address and its data directory (SQLite file). */
export interface TestServer {
	baseUrl: string;
	dataDir: string;
	/** Where the server's SMTP listener writes the mails it received. */
	smtpDir: string;
}
