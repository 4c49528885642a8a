/** The operator CLI against a real (temporary) SQLite database. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../lib/server/db';
import { EXIT, runCli, type CliInput } from './main';

let dataDir: string;

beforeAll(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-cli-'));
	process.env.DATA_DIR = dataDir;
	delete process.env.DATABASE_URL;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function runWith(input: CliInput, ...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(
		argv,
		(line) => out.push(line),
		(line) => err.push(line),
		input
	);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

const run = (...argv: string[]) => runWith({}, ...argv);

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

	it('rebuilds the search index on request', async () => {
		const result = await run('search', 'rebuild');
		expect(result.code).toBe(EXIT.OK);
		expect(result.out).toMatch(/Suchindex neu aufgebaut: 0 Projekte, 0 Lösungen/);
	});

	it('rejects an unknown command or mode with exit code 2', async () => {
		expect((await run('zaubern')).code).toBe(EXIT.USAGE);
		expect((await run('seed', '--mode', 'alles')).code).toBe(EXIT.USAGE);
	});

	describe('admin create', () => {
		const args = [
			'admin',
			'create',
			'--email',
			' Petra.Muster@Ortenau.Example ',
			'--name',
			'Petra Muster'
		];

		it('creates a coordinator with the password from the environment, checked and hashed', async () => {
			const result = await runWith({ adminPassword: 'Rhein-Ufer-Laterne-47' }, ...args);
			expect(result.err).toBe('');
			expect(result).toMatchObject({ code: EXIT.OK });
			expect(result.out).toContain('Konto der Netzwerkkoordination angelegt');

			const database = openDatabase({ databaseUrl: undefined, dataDir });
			const person = await database.db
				.selectFrom('person')
				.select(['email', 'display_name', 'is_coordinator', 'password_hash'])
				.executeTakeFirstOrThrow();
			const events = await database.db
				.selectFrom('audit_event')
				.select(['action', 'actor_label'])
				.where('action', '=', 'account.created')
				.execute();
			await database.close();
			expect(person).toMatchObject({
				email: 'petra.muster@ortenau.example',
				display_name: 'Petra Muster',
				is_coordinator: true
			});
			expect(person.password_hash).toMatch(/^\$argon2id\$/);
			expect(person.password_hash).not.toContain('Rhein-Ufer-Laterne-47');
			expect(events).toEqual([
				{ action: 'account.created', actor_label: 'system:cli admin create' }
			]);
		});

		it('refuses a taken address and weak passwords in German', async () => {
			const taken = await runWith({ adminPassword: 'Rhein-Ufer-Laterne-48' }, ...args);
			expect(taken.code).toBe(EXIT.FAILED);
			expect(taken.err).toContain('Zu dieser E-Mail-Adresse gibt es bereits ein Konto.');

			const other = ['admin', 'create', '--email', 'jan@ortenau.example', '--name', 'Jan Jung'];
			const short = await runWith({ adminPassword: 'kurz' }, ...other);
			expect(short.code).toBe(EXIT.FAILED);
			expect(short.err).toContain('mindestens 12 Zeichen');
			const common = await runWith({ adminPassword: 'passwort123456' }, ...other);
			expect(common.err).toContain('zu verbreitet');
			// The register seeded above holds Gengenbach.
			const town = await runWith({ adminPassword: 'Gengenbach2026!' }, ...other);
			expect(town.err).toContain('Namen einer Kommune');
		});

		it('asks twice on a terminal and needs a password from somewhere', async () => {
			const other = ['admin', 'create', '--email', 'kim@ortenau.example', '--name', 'Kim Kern'];
			const none = await runWith({}, ...other);
			expect(none.code).toBe(EXIT.USAGE);
			expect(none.err).toContain('DREHSCHEIBE_ADMIN_PASSWORD');

			const answers = ['Rhein-Ufer-Laterne-49', 'Rhein-Ufer-Laterne-50'];
			const mismatch = await runWith(
				{ promptPassword: () => Promise.resolve(answers.shift() ?? '') },
				...other
			);
			expect(mismatch.code).toBe(EXIT.FAILED);
			expect(mismatch.err).toContain('stimmen nicht überein');

			const same = await runWith(
				{ promptPassword: () => Promise.resolve('Rhein-Ufer-Laterne-51') },
				...other
			);
			expect(same.code).toBe(EXIT.OK);
		});

		it('has no option for the password', async () => {
			const result = await runWith({}, ...args, '--password', 'Rhein-Ufer-Laterne-52');
			expect(result.code).toBe(EXIT.USAGE);
		});
	});

	describe('token create', () => {
		const token = (...extra: string[]) =>
			run(
				'token',
				'create',
				'--email',
				'Petra.Muster@Ortenau.Example',
				'--name',
				'Auswertung',
				...extra
			);

		it('prints the token alone on stdout and stores only its hash', async () => {
			const result = await token('--scope', 'read-write', '--days', '30');
			expect(result.code).toBe(EXIT.OK);
			expect(result.out).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);
			expect(result.err).toContain('API-Schlüssel „Auswertung“');
			expect(result.err).toContain('nur dieses eine Mal');
			expect(result.err).not.toContain(result.out);

			const database = openDatabase({ databaseUrl: undefined, dataDir });
			const rows = await database.db
				.selectFrom('api_token')
				.select(['name', 'scope', 'token_hash', 'created_at', 'expires_at'])
				.execute();
			await database.close();
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ name: 'Auswertung', scope: 'read_write' });
			expect(JSON.stringify(rows)).not.toContain(result.out.slice(3));
			const days =
				(Date.parse(rows[0]?.expires_at ?? '') - Date.parse(rows[0]?.created_at ?? '')) /
				86_400_000;
			expect(days).toBe(30);
		});

		it('refuses unknown people and lifetimes over a year in German, and bad usage with 2', async () => {
			const unknown = await run(
				'token',
				'create',
				'--email',
				'niemand@ortenau.example',
				'--name',
				'x',
				'--scope',
				'read',
				'--days',
				'30'
			);
			expect(unknown).toMatchObject({ code: EXIT.FAILED, out: '' });
			expect(unknown.err).toContain('kein Konto');
			const tooLong = await token('--scope', 'read', '--days', '366');
			expect(tooLong).toMatchObject({ code: EXIT.FAILED, out: '' });
			expect(tooLong.err).toContain('365 Tage');
			expect((await token('--scope', 'admin', '--days', '30')).code).toBe(EXIT.USAGE);
			expect((await token('--scope', 'read')).code).toBe(EXIT.USAGE);
		});
	});

	describe('two-factor reset', () => {
		it('switches a lost second factor off, ends the sessions and logs who did it', async () => {
			const database = openDatabase({ databaseUrl: undefined, dataDir });
			const person = await database.db
				.selectFrom('person')
				.select('id')
				.where('email', '=', 'petra.muster@ortenau.example')
				.executeTakeFirstOrThrow();
			const nowIso = new Date().toISOString();
			await database.db
				.updateTable('person')
				.set({ two_factor_enabled_at: nowIso, two_factor_secret: 'v1.verloren' })
				.where('id', '=', person.id)
				.execute();
			await database.db
				.insertInto('session')
				.values({
					id: 'a'.repeat(64),
					person_id: person.id,
					created_at: nowIso,
					last_seen_at: nowIso,
					expires_at: '2999-01-01T00:00:00.000Z',
					idle_expires_at: '2999-01-01T00:00:00.000Z',
					ip_address: null,
					user_agent: null
				})
				.execute();
			await database.close();

			const result = await run('two-factor', 'reset', '--email', 'Petra.Muster@Ortenau.Example');
			expect(result.code).toBe(EXIT.OK);
			expect(result.out).toContain('zurückgesetzt');

			const after = openDatabase({ databaseUrl: undefined, dataDir });
			const row = await after.db
				.selectFrom('person')
				.select(['two_factor_enabled_at', 'two_factor_secret'])
				.where('id', '=', person.id)
				.executeTakeFirstOrThrow();
			const sessions = await after.db
				.selectFrom('session')
				.select('id')
				.where('person_id', '=', person.id)
				.execute();
			const events = await after.db
				.selectFrom('audit_event')
				.select('actor_label')
				.where('action', '=', 'auth.two_factor.reset')
				.execute();
			await after.close();
			expect(row).toEqual({ two_factor_enabled_at: null, two_factor_secret: null });
			expect(sessions).toEqual([]);
			expect(events).toEqual([{ actor_label: 'system:cli two-factor reset' }]);

			const again = await run('two-factor', 'reset', '--email', 'petra.muster@ortenau.example');
			expect(again.code).toBe(EXIT.FAILED);
			expect(again.err).toContain('keine Zwei-Faktor-Anmeldung');
			const unknown = await run('two-factor', 'reset', '--email', 'niemand@ortenau.example');
			expect(unknown.code).toBe(EXIT.FAILED);
			expect(unknown.err).toContain('Keine Person');
		});
	});

	describe('import and export', () => {
		const write = (name: string, text: string) => {
			const file = path.join(dataDir, name);
			writeFileSync(file, text);
			return file;
		};
		const productCount = async () => {
			const database = openDatabase({ databaseUrl: undefined, dataDir });
			const rows = await database.db.selectFrom('product').select('name').execute();
			await database.close();
			return rows.length;
		};

		it('checks a product file with --dry-run and writes nothing, then imports it', async () => {
			const file = write('produkte.csv', 'name;vendor;category\nenaio;Optimal Systems;DMS\n');
			const dry = await run('import', 'products', file, '--dry-run');
			expect(dry).toMatchObject({ code: EXIT.OK });
			expect(dry.out).toContain('Geprüft: 1 Produkte ohne Probleme');
			expect(await productCount()).toBe(0);

			const real = await run('import', 'products', file);
			expect(real.out).toContain('Importiert: 1 Produkte.');
			expect(await productCount()).toBe(1);

			const exported = await run('export', 'products', '--format', 'json');
			expect(exported.code).toBe(EXIT.OK);
			expect(JSON.parse(exported.out)).toEqual([
				expect.objectContaining({ name: 'enaio', vendor: 'Optimal Systems', category: 'dms' })
			]);
		});

		it('lists the problems of a bad file in German and exits 1', async () => {
			const file = write(
				'projekte.csv',
				'title,municipality_ags,status\nA,08317065,idee\nB,99999999,fertig\n'
			);
			const result = await run('import', 'projects', file);
			expect(result.code).toBe(EXIT.FAILED);
			expect(result.err).toContain('Zeile 3, Spalte municipality_ags: Keine Kommune');
			expect(result.err).toContain('Zeile 3, Spalte status: „fertig“ ist kein zulässiger Wert');
			expect(result.err).toContain('Nichts importiert');
			const missing = await run('import', 'projects', path.join(dataDir, 'fehlt.csv'));
			expect(missing.code).toBe(EXIT.FAILED);
			expect(missing.err).toContain('kann nicht gelesen werden');
			expect((await run('export', 'projects', '--format', 'pdf')).code).toBe(EXIT.USAGE);
			expect((await run('export', 'projects', '--format', 'xlsx')).code).toBe(EXIT.USAGE);
		});
	});
});
