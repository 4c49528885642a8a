/**
 * The hourly clean-up: expired sessions and rate-limit counters, old sent mails and audit events
 * past their retention. Every task is an idempotent delete, so two instances running it at the
 * same time do no harm; a failing task is logged and does not stop the others.
 */
import { purgeAuditEvents } from '../audit';
import { purgeExpiredAccountTokens, purgeExpiredSessions } from '../auth';
import { systemContext, type Ctx } from '../context';
import type { Db } from '../db';
import { logger, type Logger } from '../log';
import { purgeFinishedMail } from '../mail';
import { purgeReadNotifications } from '../notifications';
import { purgeExpiredRateLimits } from '../rate-limits';
import { startLoop, type Loop } from './loop';

export interface MaintenanceTask {
	/** Names the task in the log. */
	name: string;
	/** Returns how many rows it removed. */
	run(ctx: Ctx): Promise<number>;
}

export interface MaintenanceOptions {
	auditRetentionDays: number;
}

/** Everything the maintenance does, in order. */
export function maintenanceTasks(options: MaintenanceOptions): MaintenanceTask[] {
	return [
		{ name: 'sessions', run: purgeExpiredSessions },
		{ name: 'account_tokens', run: purgeExpiredAccountTokens },
		{ name: 'rate_limits', run: purgeExpiredRateLimits },
		{ name: 'mail', run: purgeFinishedMail },
		{ name: 'notifications', run: purgeReadNotifications },
		{ name: 'audit', run: (ctx) => purgeAuditEvents(ctx, options.auditRetentionDays) }
	];
}

/** Runs each task once; returns the rows removed per task (-1 for a task that failed). */
export async function runMaintenance(
	ctx: Ctx,
	tasks: readonly MaintenanceTask[],
	log: Logger = logger()
): Promise<Record<string, number>> {
	const removed: Record<string, number> = {};
	for (const task of tasks) {
		try {
			removed[task.name] = await task.run(ctx);
		} catch (error) {
			removed[task.name] = -1;
			log.error({ err: error, task: task.name }, 'maintenance task failed');
		}
	}
	return removed;
}

export interface MaintenanceLoopOptions extends MaintenanceOptions {
	db: Db;
	/** Seconds between runs; default one hour. */
	intervalSeconds?: number;
	log?: Logger;
}

/** Starts the maintenance loop of this process: once at start, then every interval. */
export function startMaintenance(options: MaintenanceLoopOptions): Loop {
	const log = options.log ?? logger();
	const tasks = maintenanceTasks(options);
	return startLoop(
		async () => {
			const removed = await runMaintenance(systemContext(options.db, 'maintenance'), tasks, log);
			if (Object.values(removed).some((count) => count !== 0)) {
				log.info({ removed }, 'maintenance done');
			}
		},
		{
			intervalMs: (options.intervalSeconds ?? 3600) * 1000,
			onError: (error) => log.error({ err: error }, 'maintenance failed')
		}
	);
}
