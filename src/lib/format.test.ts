import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format';

describe('formatNumber', () => {
	it('uses German thousands separators', () => {
		expect(formatNumber('de', 38556)).toBe('38.556');
		expect(formatNumber('en', 38556)).toBe('38,556');
	});
	it('keeps the requested fraction digits', () => {
		expect(formatNumber('de', 65.24, 2)).toBe('65,24');
	});
});

describe('formatDate', () => {
	it('formats calendar dates without shifting the day', () => {
		expect(formatDate('de', '2022-05-15')).toBe('15. Mai 2022');
		expect(formatDate('en', '2019-10-01')).toBe('October 1, 2019');
	});
	it('formats timestamps in Berlin time', () => {
		expect(formatDate('de', '2026-03-28T23:30:00.000Z')).toBe('29. März 2026');
	});
});
