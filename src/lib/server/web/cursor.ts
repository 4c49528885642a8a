/**
 * Opaque page cursors for the JSON API's keyset pagination. A cursor names the position of the
 * last item of a page (e.g. its `updated_at` and `id`) and the list it belongs to; it is
 * base64url JSON with a keyed MAC, so a client can pass it back but not forge or edit it: an
 * altered, truncated or foreign cursor is refused with `400 INVALID` (`cursor: invalid`).
 * The MAC guards the query's shape, not secrets: every page applies the caller's visibility
 * again, so even a forged position could not reveal anything.
 */
import { z } from 'zod';
import { invalid } from '../errors';
import { keyedHash } from '../secrets';

export type CursorValue = string | number;

const MAC_LENGTH = 24;
/** Longer input is refused before any decoding. */
export const CURSOR_MAX_LENGTH = 512;

function macOf(payload: string): string {
	return keyedHash('api-cursor', payload).slice(0, MAC_LENGTH);
}

/** The cursor for a position in the list `kind` (e.g. `projects`). */
export function encodeCursor(kind: string, position: readonly CursorValue[]): string {
	const payload = Buffer.from(JSON.stringify([kind, ...position]), 'utf8').toString('base64url');
	return `${payload}.${macOf(payload)}`;
}

function refuse(): never {
	throw invalid({ cursor: 'invalid' });
}

/**
 * The position a cursor of the list `kind` names, checked against `shape`. Throws INVALID
 * (`cursor: invalid`) for anything this installation did not make for that list.
 */
export function decodeCursor<T extends readonly CursorValue[]>(
	kind: string,
	cursor: string,
	shape: z.ZodType<T>
): T {
	if (cursor.length > CURSOR_MAX_LENGTH) refuse();
	const [payload, mac, ...rest] = cursor.split('.');
	if (!payload || !mac || rest.length > 0 || mac !== macOf(payload)) refuse();
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	} catch {
		refuse();
	}
	if (!Array.isArray(decoded) || decoded[0] !== kind) refuse();
	const position = shape.safeParse(decoded.slice(1));
	if (!position.success) refuse();
	return position.data;
}

/**
 * One page of a keyset query that asked for `limit + 1` rows: the first `limit` rows and, when
 * there were more, the cursor of the list `kind` at the position of the page's last row.
 */
export function keysetPage<T>(
	rows: readonly T[],
	limit: number,
	kind: string,
	positionOf: (row: T) => readonly CursorValue[]
): { rows: T[]; nextCursor: string | null } {
	const pageRows = rows.slice(0, limit);
	const last = pageRows.at(-1);
	return {
		rows: pageRows,
		nextCursor: rows.length > limit && last ? encodeCursor(kind, positionOf(last)) : null
	};
}
