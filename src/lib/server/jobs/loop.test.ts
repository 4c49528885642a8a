import { describe, expect, it } from 'vitest';
import { startLoop } from './loop';

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
