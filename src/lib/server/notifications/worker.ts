/**
 * The notification worker: a loop in every server process that fans out new events and queues
 * the digests that are due. Safe with several instances (see fanout.ts, digest.ts).
 */
import { systemContext } from '../context';
import type { Db } from '../db';
import { startLoop, type Loop } from '../jobs/loop';
import { logger, type Logger } from '../log';
import { sendDueDigests } from './digest';
import { fanOutEvents } from './fanout';

export interface NotificationWorkerOptions {
	db: Db;
	/** Absolute origin for links in mails (ORIGIN). */
	origin: string;
	intervalSeconds?: number;
	log?: Logger;
	now?: () => Date;
}

const BATCH = 50;
const MAX_BATCHES_PER_RUN = 20;

async function networkName(db: Db): Promise<string> {
	const row = await db.selectFrom('network').select('name').executeTakeFirst();
	return row?.name || 'Drehscheibe';
}

/** One run: fan out until no events wait (or a bound is reached), then due digests. */
export async function runNotificationWork(
	db: Db,
	options: { origin: string; now?: () => Date }
): Promise<{ events: number; notifications: number; mails: number; digests: number }> {
	const ctx = systemContext(db, 'notification-worker', options.now);
	const name = await networkName(db);
	const total = { events: 0, notifications: 0, mails: 0, digests: 0 };
	for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
		const result = await fanOutEvents(ctx, {
			origin: options.origin,
			networkName: name,
			batchSize: BATCH
		});
		total.events += result.events;
		total.notifications += result.notifications;
		total.mails += result.mails;
		if (result.events < BATCH) break;
	}
	total.digests = await sendDueDigests(ctx, { origin: options.origin, networkName: name });
	return total;
}

export function startNotificationWorker(options: NotificationWorkerOptions): Loop {
	const log = options.log ?? logger();
	return startLoop(
		async () => {
			const result = await runNotificationWork(options.db, options);
			if (result.events > 0 || result.digests > 0) log.info(result, 'notifications processed');
		},
		{
			intervalMs: (options.intervalSeconds ?? 5) * 1000,
			onError: (error) => log.error({ err: error }, 'notification worker run failed')
		}
	);
}
