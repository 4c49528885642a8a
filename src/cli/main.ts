/**
 * Command line for operators: `npm run cli -- <command>`. Messages are German; exit codes:
 * 0 done, 1 failed, 2 wrong usage, 78 bad configuration.
 */
import { rebuildSearchIndex } from '../lib/server/search';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { openAppDatabase, loadSeedData } from '../lib/server/app';
import { createApiTokenForPerson, createCoordinator, resetTwoFactor } from '../lib/server/auth';
import { config, SEED_MODES, type SeedMode } from '../lib/server/config';
import { systemContext } from '../lib/server/context';
import { migrateToLatest, MigrationError } from '../lib/server/db/migrate';
import { isDomainError } from '../lib/server/errors';
import { readMessages } from '../lib/i18n/message-files';
import {
	exportProducts,
	exportProjects,
	importProducts,
	importProjects,
	INTERCHANGE_FORMATS,
	type ImportResult,
	type InterchangeFormat
} from '../lib/server/interchange';
import { RegisterFileError, seedDatabase } from '../lib/server/seed';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, CONFIG: 78 } as const;

export class CliFailure extends Error {
	constructor(
		message: string,
		readonly exitCode: number = EXIT.FAILED
	) {
		super(message);
	}
}

async function withDatabase<T>(
	work: (db: ReturnType<typeof openAppDatabase>) => Promise<T>
): Promise<T> {
	const database = openAppDatabase(config());
	try {
		return await work(database);
	} finally {
		await database.close();
	}
}

/** Where secrets come from: never from arguments, which end up in the shell's history. */
export interface CliInput {
	/** `DREHSCHEIBE_ADMIN_PASSWORD`, read by bin.ts. */
	adminPassword?: string;
	/** Asks on the terminal without echo; absent when there is no terminal. */
	promptPassword?: (question: string) => Promise<string>;
}

/** A use case's field problems as one German line each, for the operator; other errors as they are. */
function withGermanProblems(error: unknown): unknown {
	if (isDomainError(error) && Object.keys(error.fields).length > 0) {
		return new CliFailure(
			Object.values(error.fields)
				.map((code) => `Fehler: ${germanProblem(code)}`)
				.join('\n')
		);
	}
	return error;
}

/** German texts of the problem codes domain errors carry (the UI's messages, in German). */
function germanProblem(code: string): string {
	try {
		return readMessages(config().appRoot, 'de')[code] ?? code;
	} catch {
		return code;
	}
}

async function readNewPassword(input: CliInput): Promise<string> {
	if (input.adminPassword) return input.adminPassword;
	if (!input.promptPassword) {
		throw new CliFailure(
			'Kein Passwort: Setzen Sie die Umgebungsvariable DREHSCHEIBE_ADMIN_PASSWORD oder rufen Sie den Befehl in einem Terminal auf.',
			EXIT.USAGE
		);
	}
	const first = await input.promptPassword('Passwort (mindestens 12 Zeichen): ');
	const second = await input.promptPassword('Passwort wiederholen: ');
	if (first !== second) throw new CliFailure('Die Passwörter stimmen nicht überein.');
	return first;
}

export function buildProgram(
	out: (line: string) => void = console.log,
	input: CliInput = {},
	/** Messages that must stay off stdout (where `token create` prints only the token). */
	err: (line: string) => void = console.error
): Command {
	const program = new Command()
		.name('npm run cli --')
		.description('Drehscheibe – Verwaltung auf der Kommandozeile')
		.helpOption('-h, --help', 'Hilfe anzeigen')
		.helpCommand('help [befehl]', 'Hilfe zu einem Befehl anzeigen')
		.configureOutput({ outputError: (text, write) => write(text) })
		.showHelpAfterError('(Hilfe: npm run cli -- --help)')
		.exitOverride();

	program
		.command('migrate')
		.description('Datenbank auf den neuesten Stand bringen (läuft auch bei jedem Start)')
		.action(async () => {
			const applied = await withDatabase(async ({ db, describe }) => {
				out(`Datenbank: ${describe}`);
				return migrateToLatest(db);
			});
			out(
				applied.length === 0
					? 'Die Datenbank ist bereits auf dem neuesten Stand.'
					: `Angewendet: ${applied.join(', ')}`
			);
		});

	program
		.command('seed')
		.description(
			'Leere Datenbank einmalig befüllen (Demo-Netzwerk, nur Gemeinderegister oder nichts)'
		)
		.addOption(
			new Option('--mode <modus>', 'demo, register oder none (Standard: Einstellung SEED)').choices(
				SEED_MODES
			)
		)
		.action(async (options: { mode?: SeedMode }) => {
			const cfg = config();
			const mode = options.mode ?? cfg.seed;
			const outcome = await withDatabase(async ({ db, describe }) => {
				out(`Datenbank: ${describe}`);
				await migrateToLatest(db);
				return seedDatabase(systemContext(db, 'cli seed'), mode, loadSeedData(mode, cfg.appRoot));
			});
			if (outcome.status === 'already-seeded') {
				throw new CliFailure(
					`Die Datenbank wurde bereits am ${outcome.seededAt} befüllt (Modus ${outcome.mode}). Es wurde nichts geändert.`
				);
			}
			out(
				`Befüllt (Modus ${outcome.mode}): ${outcome.municipalities} Kommunen, davon ${outcome.members} Mitglieder.`
			);
		});

	program
		.command('search')
		.description('Suchindex verwalten')
		.command('rebuild')
		.description(
			'Suchindex neu aufbauen (nur nötig nach einem Eingriff an der Datenbank vorbei; Änderungen über die App sind sofort im Index)'
		)
		.action(async () => {
			const started = Date.now();
			const counts = await withDatabase(async ({ db, describe }) => {
				out(`Datenbank: ${describe}`);
				await migrateToLatest(db);
				return rebuildSearchIndex(db);
			});
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			out(
				`Suchindex neu aufgebaut: ${counts.projects} Projekte, ${counts.products} Lösungen in ${seconds} s.`
			);
		});

	const admin = program.command('admin').description('Konten der Netzwerkkoordination verwalten');
	admin
		.command('create')
		.description(
			'Konto der Netzwerkkoordination anlegen (Passwort aus DREHSCHEIBE_ADMIN_PASSWORD oder per Eingabe)'
		)
		.requiredOption('--email <adresse>', 'E-Mail-Adresse für die Anmeldung')
		.requiredOption('--name <name>', 'angezeigter Name, z. B. "Petra Muster"')
		.action(async (options: { email: string; name: string }) => {
			const password = await readNewPassword(input);
			const personId = await withDatabase(async ({ db, describe }) => {
				out(`Datenbank: ${describe}`);
				await migrateToLatest(db);
				try {
					return await createCoordinator(systemContext(db, 'cli admin create'), {
						email: options.email,
						displayName: options.name,
						password
					});
				} catch (error) {
					throw withGermanProblems(error);
				}
			});
			out(
				`Konto der Netzwerkkoordination angelegt (Nr. ${personId}). Anmeldung unter /anmelden mit ${options.email.trim().toLowerCase()}.`
			);
		});

	program
		.command('two-factor')
		.description('Zwei-Faktor-Anmeldung verwalten')
		.command('reset')
		.description(
			'Zwei-Faktor-Anmeldung einer Person zurücksetzen, die Gerät und Ersatzcodes verloren hat; beendet ihre Sitzungen'
		)
		.requiredOption('--email <adresse>', 'E-Mail-Adresse der Person')
		.action(async (options: { email: string }) => {
			const personId = await withDatabase(async ({ db, describe }) => {
				out(`Datenbank: ${describe}`);
				await migrateToLatest(db);
				try {
					return await resetTwoFactor(systemContext(db, 'cli two-factor reset'), {
						email: options.email
					});
				} catch (error) {
					if (isDomainError(error) && error.code === 'NOT_FOUND') {
						throw new CliFailure(`Fehler: Keine Person mit der Adresse ${options.email}.`);
					}
					if (isDomainError(error) && error.code === 'CONFLICT') {
						throw new CliFailure('Fehler: Diese Person nutzt keine Zwei-Faktor-Anmeldung.');
					}
					throw error;
				}
			});
			out(
				`Zwei-Faktor-Anmeldung von Person Nr. ${personId} zurückgesetzt. Sie meldet sich mit ihrem Passwort an und richtet sie neu ein.`
			);
		});

	const token = program.command('token').description('API-Schlüssel verwalten');
	token
		.command('create')
		.description(
			'API-Schlüssel für eine Person erstellen; der Schlüssel steht allein auf der Standardausgabe'
		)
		.requiredOption('--email <adresse>', 'E-Mail-Adresse der Person')
		.requiredOption('--name <bezeichnung>', 'wofür der Schlüssel ist, z. B. "Auswertung"')
		.addOption(
			new Option('--scope <berechtigung>', 'read (nur lesen) oder read-write (lesen und ändern)')
				.choices(['read', 'read-write'])
				.makeOptionMandatory()
		)
		.requiredOption('--days <tage>', 'Gültigkeit in Tagen (1 bis 365)')
		.action(async (options: { email: string; name: string; scope: string; days: string }) => {
			const created = await withDatabase(async ({ db, describe }) => {
				err(`Datenbank: ${describe}`);
				await migrateToLatest(db);
				try {
					return await createApiTokenForPerson(systemContext(db, 'cli token create'), {
						email: options.email,
						name: options.name,
						scope: options.scope === 'read-write' ? 'read_write' : 'read',
						days: options.days
					});
				} catch (error) {
					throw withGermanProblems(error);
				}
			});
			err(
				`API-Schlüssel „${created.apiToken.name}“ (Nr. ${created.apiToken.id}) für Person Nr. ${created.personId} erstellt, gültig bis ${created.apiToken.expiresAt}. Er wird nur dieses eine Mal angezeigt:`
			);
			out(created.token);
		});

	addInterchangeCommands(program, out, err);
	return program;
}

/** One line per problem of an import, as the upload page shows them in its table. */
function importReport(result: ImportResult, noun: string): string {
	if (result.problems.length > 0) {
		throw new CliFailure(
			[
				...result.problems.map(
					(problem) =>
						`${problem.row === null ? 'Datei' : `Zeile ${problem.row}`}${problem.column ? `, Spalte ${problem.column}` : ''}: ${problem.message}`
				),
				`Nichts importiert: ${result.problems.length} Problem(e) in der Datei.`
			].join('\n')
		);
	}
	return result.dryRun
		? `Geprüft: ${result.rows} ${noun} ohne Probleme. Probelauf – es wurde nichts gespeichert.`
		: `Importiert: ${result.imported} ${noun}.`;
}

function readImportFile(file: string): { name: string; bytes: Uint8Array } {
	try {
		return { name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) };
	} catch {
		throw new CliFailure(`Fehler: Die Datei ${file} kann nicht gelesen werden.`);
	}
}

/** `import projects|products FILE [--dry-run]` and `export projects|products [--format] [--out]`. */
function addInterchangeCommands(
	program: Command,
	out: (line: string) => void,
	err: (line: string) => void
): void {
	const importCommand = program
		.command('import')
		.description('Projekte oder Produkte aus einer Datei (CSV, XLSX oder JSON) übernehmen');
	const exportCommand = program
		.command('export')
		.description('Projekte oder Produkte als Datei (CSV, XLSX oder JSON) ausgeben');
	const kinds = [
		{ name: 'projects', noun: 'Projekte', run: importProjects, write: exportProjects },
		{ name: 'products', noun: 'Produkte', run: importProducts, write: exportProducts }
	] as const;
	for (const kind of kinds) {
		importCommand
			.command(`${kind.name} <datei>`)
			.description(`${kind.noun} importieren: alle Zeilen oder keine (Format: docs/interchange.md)`)
			.option('--dry-run', 'nur prüfen, nichts speichern')
			.action(async (file: string, options: { dryRun?: boolean }) => {
				const upload = readImportFile(file);
				const result = await withDatabase(async ({ db, describe }) => {
					err(`Datenbank: ${describe}`);
					await migrateToLatest(db);
					return kind.run(systemContext(db, `cli import ${kind.name}`), upload, {
						dryRun: options.dryRun === true
					});
				});
				out(importReport(result, kind.noun));
			});
		exportCommand
			.command(kind.name)
			.description(`alle ${kind.noun} (außer gelöschten) ausgeben`)
			.addOption(
				new Option('--format <format>', 'csv, xlsx oder json (Standard: csv)')
					.choices(INTERCHANGE_FORMATS)
					.default('csv')
			)
			.option('--out <datei>', 'in diese Datei schreiben (sonst auf die Standardausgabe)')
			.action(async (options: { format: InterchangeFormat; out?: string }) => {
				if (options.format === 'xlsx' && !options.out) {
					throw new CliFailure('Fehler: Für XLSX bitte mit --out eine Datei angeben.', EXIT.USAGE);
				}
				const file = await withDatabase(async ({ db, describe }) => {
					err(`Datenbank: ${describe}`);
					await migrateToLatest(db);
					return kind.write(systemContext(db, `cli export ${kind.name}`), options.format);
				});
				if (options.out) {
					writeFileSync(options.out, file.bytes);
					err(`${kind.noun} geschrieben: ${options.out}`);
				} else {
					out(new TextDecoder().decode(file.bytes).replace(/\r?\n$/, ''));
				}
			});
	}
}

/** Runs the CLI and returns the exit code (no process.exit here, so tests can call it). */
export async function runCli(
	argv: string[],
	out: (line: string) => void = console.log,
	err: (line: string) => void = console.error,
	input: CliInput = {}
): Promise<number> {
	const program = buildProgram(out, input, err);
	try {
		if (argv.length === 0) {
			out(program.helpInformation());
			return EXIT.USAGE;
		}
		await program.parseAsync(argv, { from: 'user' });
		return EXIT.OK;
	} catch (error) {
		if (error instanceof CommanderError) {
			return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
		}
		if (error instanceof CliFailure) {
			err(error.message);
			return error.exitCode;
		}
		if (error instanceof MigrationError || error instanceof RegisterFileError) {
			err(`Fehler: ${error.message}`);
			return EXIT.FAILED;
		}
		err(`Unerwarteter Fehler: ${error instanceof Error ? error.message : String(error)}`);
		return EXIT.FAILED;
	}
}
