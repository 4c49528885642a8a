/**
 * Process start-up shared by the web server and the CLI: validated config, logger, database,
 * migrations, first seeding. Holds the process's one database handle.
 */
import { config, type Config } from './config';
import { ANONYMOUS, systemContext, type Ctx } from './context';
import { openDatabase, type AppDatabase } from './db';
import { migrateToLatest } from './db/migrate';
import { logger } from './log';
import { loadDemoContent, loadRegisterSource, seedDatabase, seedDir, type SeedData } from './seed';
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
		demo: mode === 'demo' ? loadDemoContent(dir) : undefined
	};
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
			loadSeedData(cfg.seed, cfg.appRoot)
		);
		if (outcome.status === 'seeded') log.info(outcome, 'database seeded');
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
