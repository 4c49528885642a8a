/**
 * The durable mail outbox. A use case that sends mail calls {@link enqueueMail} inside its own
 * transaction: the mail is committed with the business write or not at all. A worker then calls
 * {@link processOutbox}, which claims due mails, sends them and retries failures with backoff.
 *
 * Delivery is at least once: a worker that dies after the SMTP server accepted a mail but before
 * it was marked sent leaves a lease that runs out, and the mail goes out again — with the same
 * Message-ID, so receiving systems can recognise the repeat. Nothing is ever lost.
 */
import { randomUUID } from 'node:crypto';
import { config } from '../config';
import type { Ctx } from '../context';
import type { Db, Tx } from '../db';
import type { MailStatus } from '../db/schema';
import { invalid } from '../errors';
import { logger, type Logger } from '../log';
import {
	claimDueMail,
	countOutboxMailByStatus,
	deleteFinishedMailBefore,
	findOutboxMailByDedupeKey,
	insertOutboxMail,
	markOutboxMailFailed,
	markOutboxMailsSent,
	releaseOutboxMail,
	scheduleOutboxRetry,
	type Claim,
	type ClaimedMail
} from './mail.repository';
import { parseMailMessage, type MailMessageInput } from './mail.schema';
import type { MailTransport, OutgoingMail } from './mail.transport';

export const OUTBOX_DEFAULTS = {
	/** Mails one worker claims per pass. */
	batchSize: 50,
	/** Mails one worker has in flight at once (each SMTP connection of the pool carries one). */
	concurrency: 4,
	/**
	 * How long a claim holds. A worker starts a send only while half of it remains, and the SMTP
	 * timeouts are far shorter, so a live worker never loses a mail to another one.
	 */
	leaseSeconds: 300,
	/** With the backoff below, 20 attempts span about three days: a long weekend of SMTP outage. */
	maxAttempts: 20
} as const;

const RETRY_BASE_MS = 60_000;
const RETRY_CAP_MS = 6 * 60 * 60_000;
const ERROR_MAX_LENGTH = 1000;

/**
 * Wait before the next attempt after failed attempt number `attempt` (1-based): 1 min, 2, 4, …
 * capped at 6 h, each shortened by up to 10 % at random so that mails queued together (and
 * several instances) do not all retry in the same second.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
	const exponent = Math.max(0, Math.min(attempt - 1, 30));
	const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** exponent);
	return Math.round(delay * (1 - 0.1 * random()));
}

/** The domain of the sender address; Message-IDs end in it. */
export function messageIdDomain(from: string): string {
	const match = /@([^@>\s]+)>?\s*$/.exec(from);
	return match?.[1]?.toLowerCase() ?? 'drehscheibe.local';
}

export function newMessageId(domain: string): string {
	return `<${randomUUID()}@${domain}>`;
}

export interface EnqueueOptions {
	now: Date;
	/**
	 * Names the logical mail (e.g. `invitation:42`): while a mail with this key exists, queueing
	 * it again changes nothing and answers `duplicate`.
	 */
	dedupeKey?: string;
	/** Domain of the Message-ID; by default the one of MAIL_FROM. */
	domain?: string;
}

export interface EnqueueResult {
	status: 'queued' | 'duplicate';
	id: number;
	messageId: string;
}

/**
 * Puts a mail into the outbox, in the caller's transaction when given one (`tx`): it is sent
 * only if that transaction commits. Throws INVALID for a malformed message.
 */
export async function enqueueMail(
	db: Db | Tx,
	input: MailMessageInput,
	options: EnqueueOptions
): Promise<EnqueueResult> {
	const message = parseMailMessage(input);
	const dedupeKey = options.dedupeKey ?? null;
	if (dedupeKey !== null && (dedupeKey.trim() === '' || dedupeKey.length > 200)) {
		throw invalid({ dedupeKey: 'invalid' });
	}
	const messageId = newMessageId(options.domain ?? messageIdDomain(config().mailFrom));
	const inserted = await insertOutboxMail(db, {
		toAddress: message.to,
		subject: message.subject,
		textBody: message.text,
		htmlBody: message.html ?? null,
		headers: message.headers,
		messageId,
		dedupeKey,
		now: options.now.toISOString()
	});
	if (inserted) return { status: 'queued', id: inserted.id, messageId: inserted.message_id };
	// Only a dedupe key conflict inserts nothing; the existing mail is visible in this
	// transaction (committed before, or written earlier in it).
	const existing = dedupeKey === null ? undefined : await findOutboxMailByDedupeKey(db, dedupeKey);
	if (!existing) throw new Error('mail outbox: insert returned no row');
	return { status: 'duplicate', id: existing.id, messageId: existing.message_id };
}

export interface ProcessOutboxOptions {
	batchSize?: number;
	leaseSeconds?: number;
	maxAttempts?: number;
	/** Mails sent at the same time; 1 sends one after another. */
	concurrency?: number;
	log?: Logger;
	/** Jitter source; tests pass a fixed one. */
	random?: () => number;
}

export interface ProcessOutboxResult {
	/** Mails this pass took from the outbox. */
	claimed: number;
	sent: number;
	/** Failed this time, scheduled for another attempt. */
	retried: number;
	/** Given up after the last attempt (status `failed`). */
	failed: number;
	/** Claimed but given back untried because the lease was running out. */
	released: number;
}

function toOutgoing(mail: ClaimedMail): OutgoingMail {
	return {
		to: mail.to_address,
		subject: mail.subject,
		text: mail.text_body,
		html: mail.html_body,
		messageId: mail.message_id,
		headers: mail.headers_json
	};
}

/** The reason as stored in `last_error`: SMTP code and server answer where there is one. */
export function describeSendError(error: unknown): string {
	let text: string;
	if (error instanceof Error) {
		const details = error as Error & { code?: unknown; responseCode?: unknown };
		const code = [details.code, details.responseCode]
			.filter((part) => typeof part === 'string' || typeof part === 'number')
			.join(' ');
		text = code ? `${code}: ${error.message}` : error.message;
	} else {
		text = String(error);
	}
	return text.length > ERROR_MAX_LENGTH ? `${text.slice(0, ERROR_MAX_LENGTH - 1)}…` : text;
}

/**
 * Records accepted mails as sent as soon as possible, by group commit: a mail accepted while no
 * write is running is marked at once; mails accepted while one runs are marked together by the
 * next. The window in which a crash would send a mail again is one such write, never the rest of
 * the batch, and a busy worker needs one commit for several mails instead of one each.
 */
export function sentMarker(write: (claims: readonly Claim[]) => Promise<Set<number>>) {
	let waiting: { claim: Claim; resolve: (ok: boolean) => void; reject: (e: unknown) => void }[] =
		[];
	let writing = false;
	const flush = async () => {
		writing = true;
		while (waiting.length > 0) {
			const group = waiting;
			waiting = [];
			try {
				const marked = await write(group.map((entry) => entry.claim));
				for (const entry of group) entry.resolve(marked.has(entry.claim.id));
			} catch (error) {
				for (const entry of group) entry.reject(error);
			}
		}
		writing = false;
	};
	return {
		mark(claim: Claim): Promise<boolean> {
			return new Promise<boolean>((resolve, reject) => {
				waiting.push({ claim, resolve, reject });
				if (!writing) void flush();
			});
		}
	};
}

/**
 * One pass over the outbox: claims due mails (and mails whose worker died), sends each through
 * `transport`, then marks it sent, schedules a retry, or — after `maxAttempts` — marks it failed.
 * Safe to run from several processes at once on PostgreSQL: a mail is claimed by one only.
 */
export async function processOutbox(
	ctx: Ctx,
	transport: MailTransport,
	options: ProcessOutboxOptions = {}
): Promise<ProcessOutboxResult> {
	const batchSize = options.batchSize ?? OUTBOX_DEFAULTS.batchSize;
	const leaseMs = (options.leaseSeconds ?? OUTBOX_DEFAULTS.leaseSeconds) * 1000;
	const maxAttempts = options.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
	const random = options.random ?? Math.random;
	const log = options.log ?? logger();
	const concurrency = options.concurrency ?? OUTBOX_DEFAULTS.concurrency;

	const started = ctx.now();
	const claimed = await claimDueMail(ctx.db, {
		now: started.toISOString(),
		lockedUntil: new Date(started.getTime() + leaseMs).toISOString(),
		limit: batchSize
	});
	const result: ProcessOutboxResult = {
		claimed: claimed.length,
		sent: 0,
		retried: 0,
		failed: 0,
		released: 0
	};

	const marker = sentMarker((claims) =>
		markOutboxMailsSent(ctx.db, claims, ctx.now().toISOString())
	);
	const handle = async (mail: ClaimedMail): Promise<void> => {
		const claim = { id: mail.id, attempt: mail.attempts };
		const about = { mailId: mail.id, messageId: mail.message_id, attempt: mail.attempts };

		if (mail.attempts > maxAttempts) {
			// Only a worker that died during the last attempt leaves such a mail behind.
			if (await markOutboxMailFailed(ctx.db, claim, 'Letzter Zustellversuch abgebrochen')) {
				result.failed += 1;
				log.error(about, 'mail given up: last attempt was interrupted');
			}
			return;
		}
		if (ctx.now().getTime() - started.getTime() > leaseMs / 2) {
			// A slow batch: give the rest back before another worker may take the claims over.
			if (await releaseOutboxMail(ctx.db, claim)) result.released += 1;
			return;
		}

		try {
			await transport.send(toOutgoing(mail));
		} catch (error) {
			const reason = describeSendError(error);
			if (mail.attempts >= maxAttempts) {
				if (await markOutboxMailFailed(ctx.db, claim, reason)) {
					result.failed += 1;
					log.error({ ...about, reason }, 'mail given up after the last attempt');
				}
			} else {
				const nextAttemptAt = new Date(
					ctx.now().getTime() + retryDelayMs(mail.attempts, random)
				).toISOString();
				if (await scheduleOutboxRetry(ctx.db, claim, { nextAttemptAt, error: reason })) {
					result.retried += 1;
					log.warn({ ...about, reason, nextAttemptAt }, 'mail not sent, will retry');
				}
			}
			return;
		}

		if (await marker.mark(claim)) {
			result.sent += 1;
		} else {
			log.warn(about, 'mail sent, but its claim had been taken over');
		}
	};

	// Up to `concurrency` mails in flight (over the transport's pooled connections), oldest first.
	let next = 0;
	const lane = async () => {
		while (next < claimed.length) {
			const mail = claimed[next++];
			if (mail) await handle(mail);
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, claimed.length)) }, lane)
	);
	return result;
}

/** How many mails the outbox holds per status (for operators and readiness). */
export async function countOutboxMail(ctx: Ctx): Promise<Record<MailStatus, number>> {
	const counts: Record<MailStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
	for (const row of await countOutboxMailByStatus(ctx.db)) counts[row.status] = Number(row.count);
	return counts;
}

/** Sent and failed mails are kept this long (for support questions), then deleted. */
export const MAIL_RETENTION_DAYS = 30;

/**
 * Deletes sent and failed mails older than {@link MAIL_RETENTION_DAYS}: they hold addresses and
 * links nobody needs any more. Unsent mail is never deleted. For the maintenance job.
 */
export function purgeFinishedMail(ctx: Ctx): Promise<number> {
	const cutoff = new Date(ctx.now().getTime() - MAIL_RETENTION_DAYS * 86_400_000);
	return deleteFinishedMailBefore(ctx.db, cutoff.toISOString());
}
