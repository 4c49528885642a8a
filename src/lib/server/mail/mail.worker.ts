/**
 * The mail worker: a loop in the server process that empties the outbox. Each instance runs one;
 * several instances on PostgreSQL share the outbox safely (see processOutbox).
 */
import { systemContext } from '../context';
import type { Db } from '../db';
import { logger, type Logger } from '../log';
import { OUTBOX_DEFAULTS, processOutbox, type ProcessOutboxOptions } from './mail.service';
import type { MailTransport } from './mail.transport';
import { startLoop, type Loop } from '../jobs/loop';

export interface MailWorkerOptions extends ProcessOutboxOptions {
	db: Db;
	/** `null` (production without SMTP_URL): the worker stays idle and mails wait. */
	transport: MailTransport | null;
	intervalSeconds?: number;
	log?: Logger;
	now?: () => Date;
}

/** A pass that filled its batch is followed by another at once, up to this many in a row. */
const MAX_PASSES_PER_RUN = 10;

/**
 * Starts sending mail from the outbox every `intervalSeconds` (default 5). `stop()` waits for a
 * pass in progress and closes the transport; call it before closing the database.
 */
export function startMailWorker(options: MailWorkerOptions): Loop {
	const log = options.log ?? logger();
	const { transport } = options;
	if (!transport) {
		log.warn('SMTP_URL is not set: mails wait in the outbox until it is');
		return { stop: () => Promise.resolve() };
	}
	const ctx = systemContext(options.db, 'mail-worker', options.now);
	const batchSize = options.batchSize ?? OUTBOX_DEFAULTS.batchSize;
	const passOptions: ProcessOutboxOptions = {
		batchSize,
		leaseSeconds: options.leaseSeconds,
		maxAttempts: options.maxAttempts,
		concurrency: options.concurrency,
		random: options.random,
		log
	};

	log.info({ transport: transport.name }, 'mail worker started');
	const loop = startLoop(
		async () => {
			for (let pass = 0; pass < MAX_PASSES_PER_RUN; pass++) {
				const result = await processOutbox(ctx, transport, passOptions);
				if (result.claimed > 0) log.info(result, 'mail outbox processed');
				if (result.claimed < batchSize || result.released > 0) break;
			}
		},
		{
			intervalMs: (options.intervalSeconds ?? 5) * 1000,
			onError: (error) => log.error({ err: error }, 'mail worker pass failed')
		}
	);
	return {
		async stop() {
			await loop.stop();
			transport.close?.();
			log.info('mail worker stopped');
		}
	};
}
