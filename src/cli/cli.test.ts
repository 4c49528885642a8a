/** The operator CLI against a real (temporary) SQLite database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/server/db';
import { EXIT, runCli } from './main';

let dataDir: string;

beforeAll(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-cli-'));
	process.env.DATA_DIR = dataDir;
	delete process.env.DATABASE_URL;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(
		argv,
		(line) => out.push(line),
		(line) => err.push(line)
	);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli', () => {
	it('shows German help and exits 2 without a command', async () => {
		const result = await run();
		expect(result.code).toBe(EXIT.USAGE);
		expect(result.out).toContain('migrate');
		expect(result.out).toContain('Datenbank auf den neuesten Stand bringen');
	});

	it('migrates, then says there is nothing to do', async () => {
		const first = await run('migrate');
		expect(first.code).toBe(EXIT.OK);
		expect(first.out).toContain('Angewendet: 2026_11_25_0001_municipality_register');
		const second = await run('migrate');
		expect(second.out).toContain('bereits auf dem neuesten Stand');
	});

	it('seeds the register once and refuses a second time', async () => {
		const first = await run('seed', '--mode', 'register');
		expect(first).toMatchObject({ code: EXIT.OK });
		expect(first.out).toContain('51 Kommunen');

		const database = openDatabase({ databaseUrl: undefined, dataDir });
		const count = await database.db
			.selectFrom('municipality')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		await database.close();
		expect(count.n).toBe(51);

		const second = await run('seed', '--mode', 'demo');
		expect(second.code).toBe(EXIT.FAILED);
		expect(second.err).toContain('bereits');
	});

	it('rejects an unknown command or mode with exit code 2', async () => {
		expect((await run('zaubern')).code).toBe(EXIT.USAGE);
		expect((await run('seed', '--mode', 'alles')).code).toBe(EXIT.USAGE);
	});
});
