/**
 * `npm run bench:mail` (and the `mail` target of `npm run bench`): the mail worker's throughput.
 * 10,000 mails are queued in a fresh SQLite and, when reachable, PostgreSQL database; the
 * worker's passes (processOutbox, as startMailWorker runs them) send them through nodemailer to
 * the real SMTP listener of the tests (tests/support/smtp-listener-process.ts, its own process,
 * writing every mail to disk before it answers 250). Reports mails/s and the peak RSS of this
 * process (database, worker and transport; the listener is another process).
 *
 *   npm run bench:mail
 *   BENCH_MAILS=2000 BENCH_POSTGRES=0 npm run bench:mail
 *   BENCH_MAIL_BATCH=100 BENCH_MAIL_CONCURRENCY=8 npm run bench:mail   other worker settings
 *
 * Exits 1 when a dialect sends fewer than 200 mails/s, or when the listener did not receive
 * every mail exactly once (by Message-ID). Results go to bench-results/mail.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { simpleParser } from 'mailparser';
import { systemContext } from '../src/lib/server/context';
import { inTransaction, openDatabase, type AppDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import {
	countOutboxMail,
	createSmtpTransport,
	enqueueMail,
	OUTBOX_DEFAULTS,
	processOutbox
} from '../src/lib/server/mail';
import { SmtpListener } from '../tests/support/smtp-listener';
import { testDatabaseUrl, withDatabaseName } from '../tests/support/test-env';

const FLOOR_PER_SECOND = 200;
const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const DOMAIN = 'bench.drehscheibe.test';
const silent = pino({ level: 'silent' });
/** The worker's settings; by default the shipped ones (OUTBOX_DEFAULTS). */
const BATCH = Number(process.env.BENCH_MAIL_BATCH ?? OUTBOX_DEFAULTS.batchSize);
const CONCURRENCY = Number(process.env.BENCH_MAIL_CONCURRENCY ?? OUTBOX_DEFAULTS.concurrency);

interface Result {
	database: string;
	mails: number;
	seconds: number;
	perSecond: number;
	peakRssMiB: number;
	/** CPU time of this process (worker, database client, nodemailer) per mail. */
	cpuMsPerMail: number;
	received: number;
	distinctMessageIds: number;
}

async function run(database: AppDatabase, smtp: SmtpListener): Promise<Result> {
	await migrateToLatest(database.db);
	smtp.clear();
	const queuedAt = new Date();
	for (let start = 0; start < MAILS; start += 500) {
		await inTransaction(database.db, async (tx) => {
			for (let i = start; i < Math.min(MAILS, start + 500); i++) {
				await enqueueMail(
					tx,
					{
						to: `person${i}@gemeinde.example`,
						subject: `Neues im Projekt »E-Akte« (${i})`,
						text: `Guten Tag,\n\nin einem Thema, dem Sie folgen, gibt es Neues.\n\nhttps://netz.example/projekte/${i}\n`,
						html: `<p>Guten Tag,</p><p><a href="https://netz.example/projekte/${i}">Neues im Projekt</a></p>`,
						headers: {
							'List-Unsubscribe': `<https://netz.example/benachrichtigungen/abbestellen?token=${i}.x>`,
							'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
						}
					},
					{ now: queuedAt, domain: DOMAIN, dedupeKey: `bench:${i}` }
				);
			}
		});
	}
	const transport = createSmtpTransport({
		url: smtp.url,
		from: `Drehscheibe <noreply@${DOMAIN}>`,
		maxConnections: CONCURRENCY
	});
	const ctx = systemContext(database.db, 'bench:mail');
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	try {
		for (;;) {
			const result = await processOutbox(ctx, transport, {
				log: silent,
				batchSize: BATCH,
				concurrency: CONCURRENCY
			});
			if (result.claimed === 0) break;
		}
	} finally {
		transport.close?.();
	}
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	// Before the check below reads every received mail into memory.
	const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
	const counts = await countOutboxMail(ctx);
	if (counts.sent !== MAILS) throw new Error(`only ${counts.sent} of ${MAILS} marked sent`);
	const received = smtp.messages();
	const ids = new Set<string>();
	for (const mail of received) {
		const parsed = await simpleParser(mail.raw);
		if (parsed.messageId) ids.add(parsed.messageId);
	}
	return {
		database: database.describe,
		mails: MAILS,
		seconds: Math.round(seconds * 100) / 100,
		perSecond: Math.round(MAILS / seconds),
		peakRssMiB,
		cpuMsPerMail: Math.round(((cpu.user + cpu.system) / 1000 / MAILS) * 100) / 100,
		received: received.length,
		distinctMessageIds: ids.size
	};
}

function report(result: Result): boolean {
	const ok =
		result.perSecond >= FLOOR_PER_SECOND &&
		result.received === result.mails &&
		result.distinctMessageIds === result.mails;
	console.log(
		`${result.database}: ${result.mails} mails in ${result.seconds} s = ${result.perSecond} mails/s ` +
			`(floor ${FLOOR_PER_SECOND}), ${result.cpuMsPerMail} CPU ms/mail, peak RSS ${result.peakRssMiB} MiB, ` +
			`received ${result.received}, ` +
			`distinct Message-IDs ${result.distinctMessageIds} ${ok ? 'ok' : 'FAILED'}`
	);
	return ok;
}

async function main(): Promise<number> {
	console.log(
		`mail worker: batch ${BATCH}, ${CONCURRENCY} in flight over as many pooled SMTP connections; ` +
			`load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs`
	);
	const smtp = new SmtpListener();
	await smtp.start();
	const results: Result[] = [];
	let ok = true;
	try {
		const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-bench-mail-'));
		const sqlite = openDatabase({ databaseUrl: undefined, dataDir: dir });
		try {
			const result = await run(sqlite, smtp);
			results.push(result);
			ok = report(result) && ok;
		} finally {
			await sqlite.close();
			rmSync(dir, { recursive: true, force: true });
		}

		if (process.env.BENCH_POSTGRES !== '0') {
			const adminUrl = testDatabaseUrl();
			const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
			let connected = true;
			await admin.connect().catch(() => {
				connected = false;
				console.log(`PostgreSQL not reachable at ${new URL(adminUrl).host}: skipped`);
			});
			if (connected) {
				const name = `drehscheibe_bench_mail_${process.pid}`;
				await admin.query(`create database "${name}"`);
				const postgres = openDatabase({
					databaseUrl: withDatabaseName(adminUrl, name),
					dataDir: tmpdir(),
					poolSize: 4
				});
				try {
					const result = await run(postgres, smtp);
					results.push(result);
					ok = report(result) && ok;
				} finally {
					await postgres.close();
					await admin.query(`drop database if exists "${name}" with (force)`);
					await admin.end();
				}
			}
		}
	} finally {
		await smtp.dispose();
	}
	mkdirSync('bench-results', { recursive: true });
	writeFileSync(
		path.join('bench-results', 'mail.json'),
		JSON.stringify({ at: new Date().toISOString(), results }, null, '\t') + '\n'
	);
	return ok ? 0 : 1;
}

process.exitCode = await main();
