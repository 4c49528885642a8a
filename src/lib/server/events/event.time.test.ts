import { describe, expect, it } from 'vitest';
import { formatLocalRange, instantToLocal, localToInstant } from './event.time';

describe('event times in Europe/Berlin', () => {
	it('converts winter and summer wall-clock times to the right UTC instants', () => {
		expect(localToInstant('2027-03-26', '09:00')?.toISOString()).toBe('2027-03-26T08:00:00.000Z');
		// The clocks go forward on Sunday 28 March 2027: Monday 09:00 is 07:00 UTC.
		expect(localToInstant('2027-03-29', '09:00')?.toISOString()).toBe('2027-03-29T07:00:00.000Z');
		expect(localToInstant('2027-10-31', '09:00')?.toISOString()).toBe('2027-10-31T08:00:00.000Z');
	});

	it('refuses the skipped spring hour and malformed input', () => {
		expect(localToInstant('2027-03-28', '02:30')).toBeNull();
		expect(localToInstant('2027-02-30', '10:00')).toBeNull();
		expect(localToInstant('27.03.2027', '10:00')).toBeNull();
		expect(localToInstant('2027-03-27', '9 Uhr')).toBeNull();
	});

	it('takes standard time in the doubled autumn hour', () => {
		expect(localToInstant('2027-10-31', '02:30')?.toISOString()).toBe('2027-10-31T01:30:00.000Z');
	});

	it('shows instants as local time on both sides of a change', () => {
		expect(instantToLocal('2027-03-29T07:00:00.000Z')).toEqual({
			date: '2027-03-29',
			time: '09:00'
		});
		expect(instantToLocal('2027-03-26T08:00:00.000Z')).toEqual({
			date: '2027-03-26',
			time: '09:00'
		});
		expect(formatLocalRange('2027-03-26T08:00:00.000Z', '2027-03-26T15:30:00.000Z')).toBe(
			'Fr., 26.03.2027, 09:00–16:30 Uhr'
		);
	});
});
