import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isDomainError } from '../errors';
import { decodeCursor, encodeCursor, keysetPage } from './cursor';

const Position = z.tuple([z.string(), z.number().int()]);

function problemOf(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		if (isDomainError(error)) return { code: error.code, fields: error.fields };
		throw error;
	}
	return 'accepted';
}

describe('API cursors', () => {
	it('give back the position they were made for, and look opaque', () => {
		const cursor = encodeCursor('projects', ['2026-11-26T10:00:00.000Z', 42]);
		expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{24}$/);
		expect(cursor).not.toContain('2026');
		expect(decodeCursor('projects', cursor, Position)).toEqual(['2026-11-26T10:00:00.000Z', 42]);
	});

	it('refuse an edited position with INVALID', () => {
		const cursor = encodeCursor('projects', ['2026-11-26T10:00:00.000Z', 42]);
		const [, mac] = cursor.split('.');
		const forged = Buffer.from(
			JSON.stringify(['projects', '2026-11-26T10:00:00.000Z', 41]),
			'utf8'
		).toString('base64url');
		expect(problemOf(() => decodeCursor('projects', `${forged}.${mac}`, Position))).toEqual({
			code: 'INVALID',
			fields: { cursor: 'invalid' }
		});
	});

	it('refuse a cursor of another list, a changed MAC, garbage and over-long input', () => {
		const cursor = encodeCursor('solutions', ['abc', 1]);
		const refused = { code: 'INVALID', fields: { cursor: 'invalid' } };
		expect(problemOf(() => decodeCursor('projects', cursor, Position))).toEqual(refused);
		const flipped = cursor.slice(0, -1) + (cursor.endsWith('0') ? '1' : '0');
		expect(problemOf(() => decodeCursor('solutions', flipped, Position))).toEqual(refused);
		expect(problemOf(() => decodeCursor('solutions', 'nonsense', Position))).toEqual(refused);
		expect(problemOf(() => decodeCursor('solutions', `${cursor}.x`, Position))).toEqual(refused);
		expect(problemOf(() => decodeCursor('solutions', 'a'.repeat(600), Position))).toEqual(refused);
	});

	it('refuse a genuine cursor whose position has the wrong shape', () => {
		const cursor = encodeCursor('projects', [42, 'x']);
		expect(problemOf(() => decodeCursor('projects', cursor, Position))).toEqual({
			code: 'INVALID',
			fields: { cursor: 'invalid' }
		});
	});
});

describe('keysetPage', () => {
	const rows = [
		{ key: 'a', id: 1 },
		{ key: 'b', id: 2 },
		{ key: 'c', id: 3 }
	];
	const position = (row: { key: string; id: number }) => [row.key, row.id];

	it('keeps `limit` rows and points the next cursor at the last of them', () => {
		const page = keysetPage(rows, 2, 'test', position);
		expect(page.rows).toEqual(rows.slice(0, 2));
		expect(decodeCursor('test', page.nextCursor!, Position)).toEqual(['b', 2]);
	});

	it('has no next cursor on the last page', () => {
		expect(keysetPage(rows, 3, 'test', position)).toEqual({ rows, nextCursor: null });
		expect(keysetPage([], 3, 'test', position)).toEqual({ rows: [], nextCursor: null });
	});
});
