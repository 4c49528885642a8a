import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatWait } from './format';

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

describe('formatWait', () => {
	it('says how long to wait in the reader’s language, rounded up', () => {
		expect(formatWait('de', 15 * 60)).toBe('15 Minuten');
		expect(formatWait('de', 61)).toBe('61 Sekunden');
		expect(formatWait('de', 3600)).toBe('60 Minuten');
		expect(formatWait('de', 2 * 3600)).toBe('2 Stunden');
		expect(formatWait('de', 1)).toBe('1 Sekunde');
		expect(formatWait('en', 15 * 60 - 5)).toBe('15 minutes');
		expect(formatWait('en', 2 * 86_400)).toBe('2 days');
	});
});
