/**
 * Process start-up shared by the web server and the CLI: validated config, logger, database,
 * migrations, first seeding. Holds the process's one database handle.
 */
import { config, type Config } from './config';
import { ANONYMOUS, systemContext, type Ctx } from './context';
import { openDatabase, type AppDatabase } from './db';
import { migrateToLatest } from './db/migrate';
import { readShippedTopics } from './overview';
import { ensureSearchIndex } from './search';
import { logger } from './log';
import {
	loadDemoCatalogue,
	loadDemoContent,
	loadDemoPeople,
	loadRegisterSource,
	seedDatabase,
	seedDir,
	type DemoAccount,
	type SeedData
} from './seed';
import type { SeedMode } from './config';

let database: AppDatabase | undefined;

export function openAppDatabase(cfg: Config = config()): AppDatabase {
	return openDatabase({
		databaseUrl: cfg.databaseUrl,
		dataDir: cfg.dataDir,
		poolSize: cfg.databasePoolSize
	});
}

/** The seed files a mode needs, read from the application folder. */
export function loadSeedData(mode: SeedMode, appRoot: string): SeedData {
	if (mode === 'none') return {};
	const dir = seedDir(appRoot);
	return {
		register: loadRegisterSource(dir),
		demo: mode === 'demo' ? loadDemoContent(dir) : undefined,
		demoPeople: mode === 'demo' ? loadDemoPeople(dir) : undefined,
		demoCatalogue: mode === 'demo' ? loadDemoCatalogue(dir) : undefined,
		topics: readShippedTopics(dir)
	};
}

/**
 * The demo sign-ins, once, right after the seeding, on the console (never through the logger,
 * whose lines may be shipped elsewhere). In production the demo people have no passwords.
 */
export function demoAccountsNotice(
	accounts: readonly DemoAccount[],
	isProduction: boolean
): string {
	if (accounts.length === 0) return '';
	if (isProduction || accounts.every((account) => account.password === null)) {
		return [
			'',
			'Demo-Netzwerk angelegt. Die Demo-Personen haben im Produktivbetrieb kein Passwort und',
			'können sich nicht anmelden. Ein Konto der Netzwerkkoordination legen Sie so an:',
			'  npm run cli -- admin create --email <adresse> --name "<Name>"',
			''
		].join('\n');
	}
	const width = Math.max(...accounts.map((account) => account.email.length));
	return [
		'',
		'================================================================================',
		' Demo-Zugänge (nur dieses eine Mal angezeigt, Passwörter zufällig für diese',
		' Installation; nicht für den Produktivbetrieb):',
		'',
		...accounts.map(
			(account) => `  ${account.email.padEnd(width)}  ${account.password ?? '(kein Passwort)'}`
		),
		'',
		' Anmelden unter /anmelden. Wer eine Kommune verwaltet oder das Netzwerk koordiniert,',
		' richtet beim ersten Anmelden die Zwei-Faktor-Anmeldung ein (TWO_FACTOR_REQUIRED).',
		' Zum Zurücksetzen: Datenverzeichnis leeren und neu starten.',
		'================================================================================',
		''
	].join('\n');
}

/** Opens the database, migrates it and seeds it once. Called once per server process. */
export async function startApp(): Promise<AppDatabase> {
	if (database) return database;
	const cfg = config();
	const log = logger();
	const opened = openAppDatabase(cfg);
	try {
		const applied = await migrateToLatest(opened.db);
		if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
		const outcome = await seedDatabase(
			systemContext(opened.db, 'start'),
			cfg.seed,
			loadSeedData(cfg.seed, cfg.appRoot),
			{ demoPasswords: !cfg.isProduction }
		);
		if (outcome.status === 'seeded') {
			const { demoAccounts, ...summary } = outcome;
			log.info({ ...summary, demoPeople: demoAccounts.length }, 'database seeded');
			const notice = demoAccountsNotice(demoAccounts, cfg.isProduction);
			// Shown once to the person starting the app; never through the logger.
			if (notice) console.log(notice);
		}
		// After an upgrade that changed the analyser, the index is rebuilt once.
		await ensureSearchIndex(opened.db, log);
	} catch (error) {
		await opened.close();
		throw error;
	}
	log.info({ database: opened.describe, seed: cfg.seed }, 'database ready');
	database = opened;
	return opened;
}

/** The process's database; only valid after startApp(). */
export function appDatabase(): AppDatabase {
	if (!database) throw new Error('database not started');
	return database;
}

export function anonymousContext(db = appDatabase().db): Ctx {
	return { db, actor: ANONYMOUS, now: () => new Date() };
}

export async function stopApp(): Promise<void> {
	const current = database;
	database = undefined;
	if (current) await current.close();
}
