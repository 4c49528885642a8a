import { describe, expect, it } from 'vitest';
import { emailPseudonym } from '../text/pseudonym';
import {
	emailActorLabel,
	formatAuditCursor,
	parseAuditCursor,
	parseAuditFilter
} from './audit.schema';

const filter = (query: Record<string, string> = {}) => parseAuditFilter(new URLSearchParams(query));

describe('parseAuditFilter', () => {
	it('is empty without parameters', () => {
		expect(filter()).toEqual({});
	});

	it('reads every filter', () => {
		expect(
			filter({
				action: 'auth.sign_in.failed',
				actor: '17',
				municipality: '3',
				from: '2026-11-01',
				to: '2026-11-25',
				before: '2026-11-25T12:00:00.000Z_42'
			})
		).toEqual({
			action: 'auth.sign_in.failed',
			actor: { personId: 17 },
			municipality: 3,
			from: '2026-11-01',
			to: '2026-11-25',
			before: { occurredAt: '2026-11-25T12:00:00.000Z', id: 42 }
		});
	});

	it('drops malformed values instead of failing (old links still show a list)', () => {
		expect(
			filter({
				action: 'auth.sign_in.whatever',
				actor: 'Klara Beispiel',
				municipality: '-3',
				from: '2026-02-30',
				to: '25.11.2026',
				before: 'yesterday'
			})
		).toEqual({});
		expect(filter({ municipality: 'abc', actor: '0' })).toEqual({});
		expect(filter({ municipality: '99999999999' })).toEqual({});
	});

	it('treats empty values as absent', () => {
		expect(filter({ action: '', actor: '', from: '', page: '' })).toEqual({});
	});

	it('looks for an e-mail address by its pseudonym, never in clear', () => {
		const parsed = filter({ actor: '  Klara@Example.de ' });
		expect(parsed.actor).toEqual({ label: `email:${emailPseudonym('klara@example.de')}` });
		expect(JSON.stringify(parsed)).not.toContain('klara');
	});

	it('follows the labels the log shows', () => {
		const label = emailActorLabel('klara@example.de');
		expect(filter({ actor: label }).actor).toEqual({ label });
		expect(filter({ actor: 'system:retention' }).actor).toEqual({ label: 'system:retention' });
	});

	it('swaps a range given the wrong way round', () => {
		expect(filter({ from: '2026-11-25', to: '2026-11-01' })).toEqual({
			from: '2026-11-01',
			to: '2026-11-25'
		});
	});
});

describe('audit cursors', () => {
	it('round-trip', () => {
		const cursor = { occurredAt: '2026-11-25T12:00:00.123Z', id: 7 };
		expect(parseAuditCursor(formatAuditCursor(cursor))).toEqual(cursor);
	});

	it.each([
		'',
		'2026-11-25T12:00:00Z_7',
		'2026-11-25T12:00:00.000Z_',
		'2026-13-45T12:00:00.000Z_7',
		'_7'
	])('refuse %j', (value) => {
		expect(parseAuditCursor(value)).toBeUndefined();
	});
});
