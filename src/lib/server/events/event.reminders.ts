/**
 * The reminder loop of this process: every few minutes it queues the reminders of events that
 * start within a day. Each reminder has a dedupe key, so restarts and several instances never
 * send one twice. It also deletes guests' requests whose confirmation link has expired.
 */
import { systemContext } from '../context';
import type { Db } from '../db';
import { startLoop, type Loop } from '../jobs/loop';
import { logger, type Logger } from '../log';
import { sendEventReminders } from './event.service';
import { purgeExpiredGuestRequests } from './guest.service';

export function startEventReminders(options: {
	db: Db;
	origin: string;
	intervalSeconds?: number;
	log?: Logger;
}): Loop {
	const log = options.log ?? logger();
	return startLoop(
		async () => {
			const ctx = systemContext(options.db, 'event reminders');
			const queued = await sendEventReminders(ctx, { origin: options.origin });
			if (queued > 0) log.info({ queued }, 'event reminders queued');
			// Guests' requests never confirmed go with the same loop.
			const purged = await purgeExpiredGuestRequests(ctx);
			if (purged > 0) log.info({ purged }, 'expired guest requests deleted');
		},
		{
			intervalMs: (options.intervalSeconds ?? 300) * 1000,
			onError: (error) => log.error({ err: error }, 'event reminders failed')
		}
	);
}
