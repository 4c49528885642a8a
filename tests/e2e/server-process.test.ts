/**
 * The production server as an operator meets it: a bad setting stops the start with a clear
 * message and a non-zero exit; SIGTERM shuts down cleanly; a restart keeps the data and seeds
 * nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnServer, waitUntilReady } from './support/server';

const dataDirs: string[] = [];

afterAll(() => {
	for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const startServer = spawnServer;

function freshDataDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-process-'));
	dataDirs.push(dir);
	return dir;
}

describe('server process', () => {
	it.each([
		['PORT', 'achtzig', 'Ungültige Einstellung PORT'],
		['SEED', 'alles', 'Ungültige Einstellung SEED'],
		['DATABASE_URL', 'mysql://root@localhost/db', 'Ungültige Einstellung DATABASE_URL']
	])('refuses to start with %s=%s', async (name, value, message) => {
		const started = startServer({ DATA_DIR: freshDataDir(), PORT: '3999', [name]: value });
		const code = await started.exited;
		expect(code).toBe(78);
		expect(started.output()).toContain(message);
		expect(started.output()).toContain(`Invalid setting ${name}`);
	});

	it('shuts down cleanly on SIGTERM and keeps its data across a restart', async () => {
		const dataDir = freshDataDir();
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const env = { DATA_DIR: dataDir, PORT: String(port), ORIGIN: url, SEED: 'demo' };

		const first = startServer(env);
		await waitUntilReady(url, () => first.child.exitCode, first.output);
		expect(first.output()).toContain('database seeded');
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);
		expect(first.output()).toContain('shutting down');

		const second = startServer(env);
		await waitUntilReady(url, () => second.child.exitCode, second.output);
		const page = await (await fetch(`${url}/kommunen/08317057`)).text();
		expect(page).toContain('38.556');
		expect(second.output()).not.toContain('database seeded');
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
	});
});
