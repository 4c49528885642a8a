/**
 * The mail outbox against the database under test and a real SMTP server in another process.
 * The clock is the one passed in ctx.now, so retries and leases are tested without waiting.
 */
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSecondConnection, useTestDatabase } from '../../../../tests/support/database';
import { useSmtpListener } from '../../../../tests/support/smtp-listener';
import type { Actor } from '../context';
import { inTransaction, type AppDatabase } from '../db';
import { isDomainError } from '../errors';
import { claimDueMail, markOutboxMailSent, scheduleOutboxRetry } from './mail.repository';
import type { MailMessageInput } from './mail.schema';
import {
	countOutboxMail,
	enqueueMail,
	processOutbox,
	type ProcessOutboxOptions,
	type ProcessOutboxResult
} from './mail.service';
import { createSmtpTransport, type MailTransport } from './mail.transport';
import { startMailWorker } from './mail.worker';

const t = useTestDatabase();
const smtp = useSmtpListener();

const FROM = 'Drehscheibe Test <noreply@drehscheibe.test>';
const DOMAIN = 'drehscheibe.test';
const START = new Date('2026-11-25T12:00:00.000Z');
const SYSTEM: Actor = { kind: 'system', reason: 'test' };

let clock = START;
const ctx = () => t.ctx(SYSTEM, () => clock);
const advance = (ms: number) => {
	clock = new Date(clock.getTime() + ms);
};

/** Log lines, parsed; lets a test see what the worker reported. */
let logLines: { level: number; msg: string; [key: string]: unknown }[] = [];
const log = pino(
	{ level: 'debug' },
	{ write: (line: string) => logLines.push(JSON.parse(line) as (typeof logLines)[number]) }
);

let transport: MailTransport;
const options = (extra: ProcessOutboxOptions = {}): ProcessOutboxOptions => ({
	log,
	random: () => 0,
	...extra
});

const message = (overrides: Partial<MailMessageInput> = {}): MailMessageInput => ({
	to: 'buergermeisterin@gemeinde-musterhausen.de',
	subject: 'Einladung zur Drehscheibe – bitte bestätigen',
	text: 'Guten Tag,\n\nSie wurden in das Digitalisierungsnetzwerk eingeladen.\n\nViele Grüße',
	...overrides
});

const enqueue = (overrides: Partial<MailMessageInput> = {}, dedupeKey?: string) =>
	enqueueMail(t.db, message(overrides), { now: clock, domain: DOMAIN, dedupeKey });

function outboxRows() {
	return t.db
		.selectFrom('mail_outbox')
		.select([
			'id',
			'message_id',
			'status',
			'attempts',
			'next_attempt_at',
			'locked_until',
			'last_error',
			'sent_at',
			'created_at'
		])
		.orderBy('id')
		.execute();
}

/** Runs passes until the outbox has nothing due for this clock. */
async function drain(
	run: () => Promise<ProcessOutboxResult>,
	results: ProcessOutboxResult[] = []
): Promise<ProcessOutboxResult[]> {
	for (;;) {
		const result = await run();
		results.push(result);
		if (result.claimed === 0) return results;
	}
}

function receivedMessageIds(): Promise<(string | undefined)[]> {
	return smtp.parsedMessages().then((mails) => mails.map((mail) => mail.messageId));
}

beforeAll(() => {
	transport = createSmtpTransport({
		url: smtp.url,
		from: FROM,
		timeouts: { connection: 5000, greeting: 5000, socket: 10_000 }
	});
});

afterAll(() => transport.close?.());

beforeEach(async () => {
	clock = START;
	logLines = [];
	await t.db.deleteFrom('mail_outbox').execute();
	if (!smtp.isRunning) await smtp.start();
	await smtp.rejectWith(null);
	smtp.clear();
});

describe('delivery', () => {
	it('sends a queued mail with German subject, plain-text part and its Message-ID', async () => {
		const queued = await enqueue({
			headers: {
				'List-Unsubscribe': '<https://netzwerk.example.de/abmelden/abc123>',
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			}
		});
		expect(queued).toMatchObject({ status: 'queued' });
		expect(queued.messageId).toMatch(/^<[0-9a-f-]{36}@drehscheibe\.test>$/);

		advance(1000);
		const result = await processOutbox(ctx(), transport, options());
		expect(result).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, released: 0 });

		const [received] = smtp.messages();
		expect(received).toMatchObject({
			mailFrom: 'noreply@drehscheibe.test',
			rcptTo: ['buergermeisterin@gemeinde-musterhausen.de']
		});
		const [mail] = await smtp.parsedMessages();
		expect(mail?.subject).toBe('Einladung zur Drehscheibe – bitte bestätigen');
		expect(mail?.text?.trim()).toBe(
			'Guten Tag,\n\nSie wurden in das Digitalisierungsnetzwerk eingeladen.\n\nViele Grüße'
		);
		expect(mail?.html).toBe(false);
		expect(mail?.messageId).toBe(queued.messageId);
		expect(mail?.from?.value).toEqual([
			{ name: 'Drehscheibe Test', address: 'noreply@drehscheibe.test' }
		]);
		expect(mail?.headers.get('content-type')).toMatchObject({ value: 'text/plain' });
		expect(mail?.headers.get('content-language')).toBe('de');
		expect(received?.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
		expect(received?.raw).toContain(
			'List-Unsubscribe: <https://netzwerk.example.de/abmelden/abc123>'
		);

		const [row] = await outboxRows();
		expect(row).toMatchObject({
			status: 'sent',
			attempts: 1,
			locked_until: null,
			last_error: null,
			created_at: START.toISOString(),
			sent_at: clock.toISOString()
		});
	});

	it('sends text and HTML as multipart/alternative', async () => {
		await enqueue({ html: '<p>Guten Tag,</p><p>Sie wurden eingeladen.</p>' });
		await processOutbox(ctx(), transport, options());
		const [mail] = await smtp.parsedMessages();
		expect(smtp.messages()[0]?.raw).toMatch(/Content-Type: multipart\/alternative/);
		expect(mail?.text).toContain('Sie wurden in das Digitalisierungsnetzwerk eingeladen.');
		expect(mail?.html).toContain('<p>Sie wurden eingeladen.</p>');
	});

	it('sends nothing that is not due and nothing twice', async () => {
		await enqueue();
		expect((await processOutbox(ctx(), transport, options())).sent).toBe(1);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ claimed: 0 });
		advance(24 * 3600_000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ claimed: 0 });
		expect(smtp.messages()).toHaveLength(1);
	});

	it('sends the oldest first, in batches', async () => {
		for (let i = 1; i <= 5; i++) {
			await enqueue({ subject: `Nachricht ${i}` });
			advance(1000);
		}
		// Mails of one batch are in flight together, so they may arrive in any order;
		// the batches themselves must take the oldest mails first.
		const batches: string[][] = [];
		for (const expected of [2, 2, 1]) {
			const before = smtp.messages().length;
			const result = await processOutbox(ctx(), transport, options({ batchSize: 2 }));
			expect(result).toMatchObject({ claimed: expected, sent: expected });
			const parsed = (await smtp.parsedMessages()).slice(before);
			batches.push(parsed.map((mail) => mail.subject ?? '').sort());
		}
		expect(batches).toEqual([
			['Nachricht 1', 'Nachricht 2'],
			['Nachricht 3', 'Nachricht 4'],
			['Nachricht 5']
		]);
		expect(await processOutbox(ctx(), transport, options({ batchSize: 2 }))).toMatchObject({
			claimed: 0
		});
	});
});

describe('SMTP down', () => {
	it('keeps mails pending with backoff, then sends each exactly once when SMTP is back', async () => {
		const queued = [await enqueue(), await enqueue(), await enqueue()];
		await smtp.stop();

		const down = await processOutbox(ctx(), transport, options());
		expect(down).toEqual({ claimed: 3, sent: 0, retried: 3, failed: 0, released: 0 });
		for (const row of await outboxRows()) {
			expect(row.status).toBe('pending');
			expect(row.attempts).toBe(1);
			expect(row.locked_until).toBeNull();
			// First retry after one minute (random() = 0: no jitter).
			expect(row.next_attempt_at).toBe(new Date(START.getTime() + 60_000).toISOString());
			expect(row.last_error).toMatch(/ECONNREFUSED/);
		}
		expect(logLines.filter((line) => line.msg === 'mail not sent, will retry')).toHaveLength(3);

		// Not due yet: nothing is tried, however often the worker runs.
		advance(30_000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ claimed: 0 });

		// Second failure doubles the wait.
		advance(30_000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ retried: 3 });
		for (const row of await outboxRows()) {
			expect(row.attempts).toBe(2);
			expect(row.next_attempt_at).toBe(new Date(clock.getTime() + 120_000).toISOString());
		}

		await smtp.start();
		advance(120_000);
		const back = await processOutbox(ctx(), transport, options());
		expect(back).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0, released: 0 });
		await drain(() => processOutbox(ctx(), transport, options()));
		advance(24 * 3600_000);
		await drain(() => processOutbox(ctx(), transport, options()));

		const ids = await receivedMessageIds();
		expect(ids.sort()).toEqual(queued.map((q) => q.messageId).sort());
		for (const row of await outboxRows()) {
			expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
		}
	});

	it('retries when the server refuses with a temporary error and keeps its answer', async () => {
		await enqueue();
		await smtp.rejectWith(451);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ retried: 1 });
		const [row] = await outboxRows();
		expect(row?.status).toBe('pending');
		expect(row?.last_error).toContain('451');
		expect(smtp.messages()).toHaveLength(0);

		await smtp.rejectWith(null);
		advance(60_000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ sent: 1 });
		expect(smtp.messages()).toHaveLength(1);
	});

	it('gives up after maxAttempts, logs it and keeps the mail for inspection', async () => {
		await enqueue();
		await smtp.stop();
		for (let attempt = 1; attempt <= 3; attempt++) {
			const result = await processOutbox(ctx(), transport, options({ maxAttempts: 3 }));
			expect(result.claimed).toBe(1);
			advance(24 * 3600_000);
		}
		const [row] = await outboxRows();
		expect(row).toMatchObject({ status: 'failed', attempts: 3, locked_until: null });
		expect(row?.last_error).toMatch(/ECONNREFUSED/);
		const given = logLines.find((line) => line.msg === 'mail given up after the last attempt');
		expect(given).toMatchObject({ level: 50, mailId: row?.id, attempt: 3 });

		await smtp.start();
		advance(24 * 3600_000);
		expect(await processOutbox(ctx(), transport, options({ maxAttempts: 3 }))).toMatchObject({
			claimed: 0
		});
		expect(await countOutboxMail(ctx())).toEqual({ pending: 0, sending: 0, sent: 0, failed: 1 });
	});
});

describe('leases', () => {
	it('takes over a mail whose worker crashed once the lease has run out', async () => {
		const queued = await enqueue();
		// A worker claims the mail and dies before sending or marking it.
		const [claimed] = await claimDueMail(t.db, {
			now: clock.toISOString(),
			lockedUntil: new Date(clock.getTime() + 300_000).toISOString(),
			limit: 10
		});
		expect(claimed).toMatchObject({ id: queued.id, attempts: 1 });

		advance(299_000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ claimed: 0 });
		expect((await outboxRows())[0]?.status).toBe('sending');

		advance(1000);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({
			claimed: 1,
			sent: 1
		});
		expect(await receivedMessageIds()).toEqual([queued.messageId]);
		expect((await outboxRows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('lets a late worker whose claim was taken over change nothing', async () => {
		await enqueue();
		const [stale] = await claimDueMail(t.db, {
			now: clock.toISOString(),
			lockedUntil: new Date(clock.getTime() + 300_000).toISOString(),
			limit: 10
		});
		if (!stale) throw new Error('nothing claimed');
		await smtp.stop();
		advance(301_000);
		// The second worker takes over, fails, and schedules a retry …
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ retried: 1 });
		// … and the first one wakes up: neither "sent" nor its own retry time may stick.
		const claim = { id: stale.id, attempt: stale.attempts };
		expect(await markOutboxMailSent(t.db, claim, clock.toISOString())).toBe(false);
		expect(
			await scheduleOutboxRetry(t.db, claim, { nextAttemptAt: clock.toISOString(), error: 'x' })
		).toBe(false);
		expect((await outboxRows())[0]).toMatchObject({ status: 'pending', attempts: 2 });
	});

	it('gives the rest of a slow batch back before its lease could be taken over', async () => {
		for (let i = 1; i <= 3; i++) await enqueue({ subject: `Nachricht ${i}` });
		// Each send takes 200 s of the 300 s lease: after the first, less than half remains.
		const slow: MailTransport = {
			name: 'slow',
			async send(mail) {
				await transport.send(mail);
				advance(200_000);
			}
		};
		// One at a time, so that the clock moves between the sends (lanes check the same rule).
		expect(
			await processOutbox(ctx(), slow, options({ leaseSeconds: 300, concurrency: 1 }))
		).toEqual({
			claimed: 3,
			sent: 1,
			retried: 0,
			failed: 0,
			released: 2
		});
		const rows = await outboxRows();
		expect(rows.map((row) => [row.status, row.attempts, row.locked_until])).toEqual([
			['sent', 1, null],
			['pending', 0, null],
			['pending', 0, null]
		]);
		// Released mail is due at once and goes out on the next pass.
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ sent: 2 });
		expect((await smtp.parsedMessages()).map((mail) => mail.subject)).toEqual([
			'Nachricht 1',
			'Nachricht 2',
			'Nachricht 3'
		]);
	});

	it('fails a mail whose last attempt was interrupted instead of trying again', async () => {
		await enqueue();
		await smtp.stop();
		await processOutbox(ctx(), transport, options({ maxAttempts: 2 }));
		advance(60_000);
		// The last attempt: claimed, then the worker dies.
		await claimDueMail(t.db, {
			now: clock.toISOString(),
			lockedUntil: new Date(clock.getTime() + 300_000).toISOString(),
			limit: 10
		});
		await smtp.start();
		advance(300_000);
		expect(await processOutbox(ctx(), transport, options({ maxAttempts: 2 }))).toMatchObject({
			claimed: 1,
			sent: 0,
			failed: 1
		});
		expect((await outboxRows())[0]).toMatchObject({
			status: 'failed',
			last_error: 'Letzter Zustellversuch abgebrochen'
		});
		expect(smtp.messages()).toHaveLength(0);
	});
});

describe('two workers on two connections', () => {
	let second: AppDatabase;
	beforeAll(async () => {
		second = await openSecondConnection(t.database);
	});
	afterAll(() => second.close());

	it('has several mails in flight at once and marks each sent as soon as it was accepted', async () => {
		for (let i = 0; i < 12; i++) await enqueue({ subject: `Nachricht ${i}` });
		let inFlight = 0;
		let most = 0;
		const sentBeforeStart: number[] = [];
		const counting: MailTransport = {
			name: 'counting',
			async send(mail) {
				const sent = await t.db
					.selectFrom('mail_outbox')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where('status', '=', 'sent')
					.executeTakeFirstOrThrow();
				sentBeforeStart.push(Number(sent.n));
				inFlight += 1;
				most = Math.max(most, inFlight);
				try {
					await transport.send(mail);
				} finally {
					inFlight -= 1;
				}
			}
		};
		expect(await processOutbox(ctx(), counting, options({ concurrency: 4 }))).toEqual({
			claimed: 12,
			sent: 12,
			retried: 0,
			failed: 0,
			released: 0
		});
		expect(most).toBe(4);
		// The last sends of the batch started after earlier ones were already recorded as sent.
		expect(Math.max(...sentBeforeStart)).toBeGreaterThan(0);
		expect(await receivedMessageIds()).toHaveLength(12);
	});

	it('never claim the same mail', async () => {
		for (let i = 0; i < 40; i++) await enqueue({ subject: `Nachricht ${i}` });
		const claim = (db: AppDatabase['db']) =>
			claimDueMail(db, {
				now: clock.toISOString(),
				lockedUntil: new Date(clock.getTime() + 300_000).toISOString(),
				limit: 7
			});
		const seen: number[] = [];
		for (;;) {
			const [a, b] = await Promise.all([claim(t.db), claim(second.db)]);
			if (a.length + b.length === 0) break;
			seen.push(...a.map((row) => row.id), ...b.map((row) => row.id));
		}
		expect(seen).toHaveLength(40);
		expect(new Set(seen).size).toBe(40);
	});

	it('send every mail exactly once when processing concurrently', async () => {
		const queued: string[] = [];
		for (let i = 0; i < 30; i++)
			queued.push((await enqueue({ subject: `Nachricht ${i}` })).messageId);
		const otherCtx = () => ({ db: second.db, actor: SYSTEM, now: () => clock });
		const [resultsA, resultsB] = await Promise.all([
			drain(() => processOutbox(ctx(), transport, options({ batchSize: 4 }))),
			drain(() => processOutbox(otherCtx(), transport, options({ batchSize: 4 })))
		]);
		const sent = [...resultsA, ...resultsB].reduce((sum, result) => sum + result.sent, 0);
		expect(sent).toBe(30);
		const ids = await receivedMessageIds();
		expect(ids).toHaveLength(30);
		expect(ids.sort()).toEqual(queued.sort());
		expect(await countOutboxMail(ctx())).toEqual({ pending: 0, sending: 0, sent: 30, failed: 0 });
	});
});

describe('enqueueMail', () => {
	it('writes nothing when the surrounding transaction rolls back', async () => {
		const failure = new Error('Geschäftsregel verletzt');
		await expect(
			inTransaction(t.db, async (tx) => {
				await tx
					.insertInto('data_source')
					.values({ topic: 'mail-test', title: 't', licence: 'l', licence_url: 'u' })
					.execute();
				await enqueueMail(tx, message(), { now: clock, domain: DOMAIN });
				throw failure;
			})
		).rejects.toBe(failure);
		expect(await outboxRows()).toEqual([]);
		const sources = await t.db
			.selectFrom('data_source')
			.select('id')
			.where('topic', '=', 'mail-test')
			.execute();
		expect(sources).toEqual([]);
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ claimed: 0 });
		expect(smtp.messages()).toHaveLength(0);
	});

	it('commits the mail together with the business write', async () => {
		await inTransaction(t.db, async (tx) => {
			await enqueueMail(tx, message(), { now: clock, domain: DOMAIN });
		});
		expect(await processOutbox(ctx(), transport, options())).toMatchObject({ sent: 1 });
	});

	it('queues a mail with the same dedupe key only once, also within one transaction', async () => {
		const first = await enqueue({}, 'invitation:42');
		const again = await enqueue({ subject: 'Andere Fassung' }, 'invitation:42');
		expect(first.status).toBe('queued');
		expect(again).toEqual({ status: 'duplicate', id: first.id, messageId: first.messageId });

		// On PostgreSQL a unique violation would abort the transaction; ON CONFLICT does not.
		const inside = await inTransaction(t.db, async (tx) => {
			const a = await enqueueMail(tx, message(), {
				now: clock,
				domain: DOMAIN,
				dedupeKey: 'reset:7'
			});
			const b = await enqueueMail(tx, message(), {
				now: clock,
				domain: DOMAIN,
				dedupeKey: 'reset:7'
			});
			const c = await enqueueMail(tx, message(), { now: clock, domain: DOMAIN });
			return [a.status, b.status, c.status];
		});
		expect(inside).toEqual(['queued', 'duplicate', 'queued']);

		await drain(() => processOutbox(ctx(), transport, options()));
		expect(smtp.messages()).toHaveLength(3);
		// Sent already: still a duplicate, nothing goes out again.
		expect((await enqueue({}, 'invitation:42')).status).toBe('duplicate');
		await drain(() => processOutbox(ctx(), transport, options()));
		expect(smtp.messages()).toHaveLength(3);
	});

	it('rejects a malformed message and queues nothing', async () => {
		const error = await enqueue({ to: 'keine-adresse', subject: '' }).catch((e: unknown) => e);
		expect(isDomainError(error) && error.code).toBe('INVALID');
		expect(isDomainError(error) && error.fields).toMatchObject({
			to: 'email_format',
			subject: 'required'
		});
		const badKey = await enqueue({}, ' ').catch((e: unknown) => e);
		expect(isDomainError(badKey) && badKey.fields).toEqual({ dedupeKey: 'invalid' });
		expect(await outboxRows()).toEqual([]);
	});
});

describe('startMailWorker', () => {
	it('sends what is queued, keeps sending, and stops cleanly', async () => {
		const now = () => new Date();
		const first = await enqueueMail(t.db, message({ subject: 'Erste' }), {
			now: now(),
			domain: DOMAIN
		});
		// A transport of its own: the worker closes it on stop.
		const workerTransport = createSmtpTransport({ url: smtp.url, from: FROM });
		const worker = startMailWorker({
			db: t.db,
			transport: workerTransport,
			intervalSeconds: 0.05,
			log,
			now
		});
		await smtp.waitForMessages(1);
		const second = await enqueueMail(t.db, message({ subject: 'Zweite' }), {
			now: now(),
			domain: DOMAIN
		});
		await smtp.waitForMessages(2);
		await worker.stop();

		await enqueueMail(t.db, message({ subject: 'Nach dem Stopp' }), {
			now: now(),
			domain: DOMAIN
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await receivedMessageIds()).sort()).toEqual([first.messageId, second.messageId].sort());
		expect(logLines.map((line) => line.msg)).toEqual(
			expect.arrayContaining(['mail worker started', 'mail worker stopped'])
		);
	});
});
