import { describe, expect, it } from 'vitest';
import { isCalendarDate, nextDay, startOfDay } from './day-range';

describe('startOfDay', () => {
	it('starts a winter day at 23:00 UTC the day before', () => {
		expect(startOfDay('2026-11-25')).toBe('2026-11-24T23:00:00.000Z');
	});

	it('starts a summer day at 22:00 UTC the day before', () => {
		expect(startOfDay('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
	});

	it('handles the days the clocks change', () => {
		expect(startOfDay('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
		expect(startOfDay('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
		expect(startOfDay('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
		expect(startOfDay('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
	});

	it('takes another zone when asked', () => {
		expect(startOfDay('2026-11-25', 'UTC')).toBe('2026-11-25T00:00:00.000Z');
	});
});

describe('nextDay and isCalendarDate', () => {
	it('cross months and leap days', () => {
		expect(nextDay('2026-11-30')).toBe('2026-12-01');
		expect(nextDay('2028-02-28')).toBe('2028-02-29');
		expect(nextDay('2026-12-31')).toBe('2027-01-01');
	});

	it('accept real days only', () => {
		expect(isCalendarDate('2028-02-29')).toBe(true);
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2026-1-5')).toBe(false);
		expect(isCalendarDate('2026-11-25T00:00')).toBe(false);
	});
});
