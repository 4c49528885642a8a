import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks } from './ticks';

describe('niceTicks', () => {
	it('goes from 0 to a nice value at or above the maximum', () => {
		expect(niceTicks(34)).toEqual({ values: [0, 10, 20, 30, 40], step: 10, max: 40 });
		expect(niceTicks(40)).toEqual({ values: [0, 10, 20, 30, 40], step: 10, max: 40 });
		expect(niceTicks(7)).toEqual({ values: [0, 2, 4, 6, 8], step: 2, max: 8 });
		expect(niceTicks(18_700)).toEqual({
			values: [0, 5000, 10_000, 15_000, 20_000],
			step: 5000,
			max: 20_000
		});
	});

	it('never uses fractional steps for counts', () => {
		expect(niceTicks(1)).toEqual({ values: [0, 1], step: 1, max: 1 });
		expect(niceTicks(3)).toEqual({ values: [0, 1, 2, 3], step: 1, max: 3 });
	});

	it('has an axis for empty or broken data', () => {
		expect(niceTicks(0)).toEqual({ values: [0, 1], step: 1, max: 1 });
		expect(niceTicks(Number.NaN).max).toBe(1);
		expect(niceTicks(-5).max).toBe(1);
	});

	it('takes the wanted number of parts as a hint', () => {
		expect(niceTicks(100, 10).step).toBe(10);
		expect(niceTicks(100, 2).step).toBe(50);
	});
});

describe('niceStep', () => {
	it('is 1, 2 or 5 times a power of ten', () => {
		expect(niceStep(12, 4)).toBe(5);
		expect(niceStep(300, 4)).toBe(100);
		expect(niceStep(1000, 4)).toBe(500);
		expect(niceStep(0.5, 4)).toBe(1);
	});
});
