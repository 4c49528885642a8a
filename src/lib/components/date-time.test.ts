import { describe, expect, it } from 'vitest';
import { formatDateTime } from './date-time';

describe('formatDateTime', () => {
	it('shows German time in German format, summer and winter', () => {
		expect(formatDateTime('de', '2026-11-25T12:00:05.000Z', { seconds: true })).toBe(
			'25.11.2026, 13:00:05'
		);
		expect(formatDateTime('de', '2026-07-01T21:30:00.000Z', { seconds: true })).toBe(
			'01.07.2026, 23:30:00'
		);
		// Just before midnight UTC is already the next day in Germany.
		expect(formatDateTime('de', '2026-11-24T23:30:00.000Z')).toBe('25.11.2026, 00:30');
	});

	it('writes English dates the British way', () => {
		expect(formatDateTime('en', '2026-11-25T12:00:05.000Z')).toBe('25 Nov 2026, 13:00');
	});
});
