import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { startMailWorker } from './mail.worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startMailWorker', () => {
	it('stays idle without a transport (production without SMTP_URL) and says so', async () => {
		const lines: { msg: string }[] = [];
		const log = pino(
			{ level: 'info' },
			{ write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) }
		);
		// No database is touched: a proxy that fails on any use proves it.
		const db = new Proxy({} as Db, {
			get() {
				throw new Error('the idle worker must not use the database');
			}
		});
		const worker = startMailWorker({ db, transport: null, log, intervalSeconds: 0.001 });
		await sleep(20);
		await worker.stop();
		expect(lines.map((line) => line.msg)).toEqual([
			'SMTP_URL is not set: mails wait in the outbox until it is'
		]);
	});
});
