import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { startLoop, startMailWorker } from './mail.worker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startLoop', () => {
	it('runs at once, then again after each run, never two at a time', async () => {
		let active = 0;
		let maxActive = 0;
		let runs = 0;
		const loop = startLoop(
			async () => {
				active += 1;
				maxActive = Math.max(maxActive, active);
				runs += 1;
				// A run far longer than the interval.
				await sleep(30);
				active -= 1;
			},
			{ intervalMs: 1, onError: () => {} }
		);
		await sleep(200);
		await loop.stop();
		expect(maxActive).toBe(1);
		expect(runs).toBeGreaterThanOrEqual(3);
		expect(active).toBe(0);
	});

	it('keeps going after a failed run and reports the error', async () => {
		const errors: unknown[] = [];
		let runs = 0;
		const loop = startLoop(
			() => {
				runs += 1;
				return runs === 1 ? Promise.reject(new Error('Datenbank weg')) : Promise.resolve();
			},
			{ intervalMs: 1, onError: (error) => errors.push(error) }
		);
		await sleep(50);
		await loop.stop();
		expect(errors).toHaveLength(1);
		expect(runs).toBeGreaterThan(1);
	});

	it('stop() waits for the run in progress and prevents further runs', async () => {
		let finished = false;
		let runs = 0;
		const loop = startLoop(
			async () => {
				runs += 1;
				await sleep(40);
				finished = true;
			},
			{ intervalMs: 1, onError: () => {} }
		);
		await sleep(10);
		await loop.stop();
		expect(finished).toBe(true);
		const after = runs;
		await sleep(30);
		expect(runs).toBe(after);
	});
});

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
