/**
 * Reading and writing single cells of the canonical interchange format (docs/interchange.md):
 * coded values by code or German label, amounts in euro to cents, dates, lists, yes/no, links.
 * Pure functions; a problem is returned as a German sentence (the format is German-facing and the
 * CLI, the upload page and the tests show the same words).
 */

/** A raw cell as a reader hands it over: CSV gives strings, XLSX and JSON may give more. */
export type Cell = string | number | boolean | Date | null | undefined | readonly unknown[];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = (text: string): Parsed<never> => ({ ok: false, problem: text });

/** Lower case, trimmed, inner whitespace collapsed: how codes and labels are compared. */
export function normaliseKey(text: string): string {
	return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de-DE');
}

/** A cell as text ('' when empty); numbers as written, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'string') return cell.trim();
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	if (typeof cell === 'boolean') return cell ? 'ja' : 'nein';
	if (cell instanceof Date) return isoDateOf(cell);
	return cell.map((item) => cellText(item as Cell)).join('; ');
}

export function isEmptyCell(cell: Cell): boolean {
	return Array.isArray(cell) ? cell.length === 0 : cellText(cell) === '';
}

/** One option of a coded column: its code and the German names it is also known by. */
export interface CodedOption<C extends string> {
	code: C;
	labels: readonly string[];
}

/** A coded value by its code or one of its German labels, case-insensitively. */
export function parseCoded<C extends string>(
	cell: Cell,
	options: readonly CodedOption<C>[]
): Parsed<C | null> {
	const text = cellText(cell);
	if (text === '') return ok(null);
	const key = normaliseKey(text);
	for (const option of options) {
		if (normaliseKey(option.code) === key) return ok(option.code);
		if (option.labels.some((label) => normaliseKey(label) === key)) return ok(option.code);
	}
	const allowed = options.map((option) => option.labels[0] ?? option.code).join(', ');
	return problem(`„${text}“ ist kein zulässiger Wert. Erlaubt: ${allowed}.`);
}

/**
 * An amount in euro as cents. Accepts `1234`, `1234,5`, `1234.56`, `1.234,56`, `1,234.56`,
 * `1.234` (a single separator followed by exactly three digits groups thousands) and a trailing
 * `€`/`EUR`. Negative amounts and more than two decimals are refused.
 */
export function parseEuroCents(cell: Cell): Parsed<number | null> {
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell) || cell < 0) return problem('Bitte einen Betrag ab 0 angeben.');
		const cents = Math.round(cell * 100);
		if (Math.abs(cents - cell * 100) > 1e-6) {
			return problem('Ein Betrag hat höchstens zwei Nachkommastellen.');
		}
		return cents > Number.MAX_SAFE_INTEGER ? problem('Der Betrag ist zu groß.') : ok(cents);
	}
	const raw = cellText(cell);
	if (raw === '') return ok(null);
	const text = raw
		.replace(/\s*(€|eur|euro)$/i, '')
		.replace(/[\s\u00a0']/g, '')
		.trim();
	if (text.startsWith('-')) return problem('Bitte einen Betrag ab 0 angeben.');
	const shape = euroShape(text);
	if (!shape) {
		return problem(`„${raw}“ ist kein Betrag in Euro (z. B. 1234,50 oder 1234.50).`);
	}
	const cents = Number(shape.whole) * 100 + Number(shape.fraction.padEnd(2, '0'));
	if (!Number.isSafeInteger(cents)) return problem('Der Betrag ist zu groß.');
	return ok(cents);
}

function euroShape(text: string): { whole: string; fraction: string } | null {
	if (/^\d+$/.test(text)) return { whole: text, fraction: '' };
	// One kind of separator only, used once, with one or two digits after it: decimals.
	let match = /^(\d+)[.,](\d{1,2})$/.exec(text);
	if (match) return { whole: match[1] ?? '', fraction: match[2] ?? '' };
	// Thousands grouped with one separator, optionally decimals with the other one.
	match = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(text);
	if (match) return { whole: (match[1] ?? '').replace(/\./g, ''), fraction: match[2] ?? '' };
	match = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(text);
	if (match) return { whole: (match[1] ?? '').replace(/,/g, ''), fraction: match[2] ?? '' };
	return null;
}

/** Cents as the canonical euro text: `1234` or `1234.5` → `1234.50`; null → ''. */
export function formatEuro(cents: number | null): string {
	if (cents === null) return '';
	const whole = Math.floor(cents / 100);
	const fraction = cents % 100;
	return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0')}`;
}

/** Cents as a number of euro (JSON, XLSX); exact to two decimals. */
export function euroNumber(cents: number | null): number | null {
	return cents === null ? null : cents / 100;
}

/** A whole number from 0 up to `max`; accepts `1200` and `1.200`. */
export function parseCount(cell: Cell, max = 2_000_000_000): Parsed<number | null> {
	if (typeof cell === 'number') {
		if (!Number.isInteger(cell) || cell < 0) return problem('Bitte eine ganze Zahl ab 0 angeben.');
		return cell > max ? problem(`Die Zahl darf höchstens ${max} sein.`) : ok(cell);
	}
	const raw = cellText(cell);
	if (raw === '') return ok(null);
	const text = raw.replace(/[\s\u00a0]/g, '');
	if (!/^\d+$/.test(text) && !/^\d{1,3}(\.\d{3})+$/.test(text)) {
		return problem(`„${raw}“ ist keine ganze Zahl ab 0.`);
	}
	const value = Number(text.replace(/\./g, ''));
	return value > max ? problem(`Die Zahl darf höchstens ${max} sein.`) : ok(value);
}

function isoDateOf(date: Date): string {
	// Spreadsheet dates arrive as midnight UTC of the day shown.
	return date.toISOString().slice(0, 10);
}

function isRealDay(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A day as YYYY-MM-DD; accepts YYYY-MM-DD, DD.MM.YYYY and spreadsheet date cells. */
export function parseDay(cell: Cell): Parsed<string | null> {
	if (cell instanceof Date) {
		return Number.isNaN(cell.getTime()) ? problem('Das Datum ist ungültig.') : ok(isoDateOf(cell));
	}
	const text = cellText(cell);
	if (text === '') return ok(null);
	let year: number, month: number, day: number;
	let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) {
		[year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	} else {
		match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
		if (!match) {
			return problem(`„${text}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).`);
		}
		[day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
	}
	if (year < 1900 || year > 2100 || !isRealDay(year, month, day)) {
		return problem(`„${text}“ ist kein gültiges Datum.`);
	}
	return ok(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/** Yes or no: ja/nein, true/false, 1/0, wahr/falsch, yes/no; empty → null. */
export function parseYesNo(cell: Cell): Parsed<boolean | null> {
	if (typeof cell === 'boolean') return ok(cell);
	const text = normaliseKey(cellText(cell));
	if (text === '') return ok(null);
	if (['ja', 'true', '1', 'wahr', 'yes', 'x'].includes(text)) return ok(true);
	if (['nein', 'false', '0', 'falsch', 'no'].includes(text)) return ok(false);
	return problem(`„${cellText(cell)}“ ist weder ja noch nein (ja, nein, true, false, 1, 0).`);
}

/**
 * A list: an array (JSON) or text separated by `;`. Items are trimmed, empty ones dropped,
 * duplicates (compared case-insensitively) kept once.
 */
export function parseList(cell: Cell): string[] {
	const items = Array.isArray(cell)
		? cell.map((item) => cellText(item as Cell))
		: cellText(cell).split(';');
	const seen = new Set<string>();
	const result: string[] = [];
	for (const item of items.map((entry) => entry.trim())) {
		const key = normaliseKey(item);
		if (item === '' || seen.has(key)) continue;
		seen.add(key);
		result.push(item);
	}
	return result;
}

export interface Link {
	label: string;
	url: string;
}

/** Links as `Bezeichnung|https://…;…`; a bare URL is its own label. http(s) only. */
export function parseLinks(cell: Cell): Parsed<Link[]> {
	const links: Link[] = [];
	for (const item of parseList(cell)) {
		const bar = item.lastIndexOf('|');
		const label = (bar === -1 ? item : item.slice(0, bar)).trim();
		const url = (bar === -1 ? item : item.slice(bar + 1)).trim();
		if (!/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) {
			return problem(`„${item}“ ist kein Link der Form Bezeichnung|https://… .`);
		}
		links.push({ label: label || url, url });
	}
	return ok(links);
}

export function formatLinks(links: readonly Link[]): string[] {
	return links.map((link) => (link.label === link.url ? link.url : `${link.label}|${link.url}`));
}

/** Plain text of at most `max` characters; '' → null. */
export function parseText(cell: Cell, max: number): Parsed<string | null> {
	if (Array.isArray(cell)) return problem('Hier wird ein Text erwartet, keine Liste.');
	const text = typeof cell === 'string' ? cell.trim() : cellText(cell);
	if (text === '') return ok(null);
	if (text.length > max) {
		return problem(`Der Text ist ${text.length} Zeichen lang; erlaubt sind höchstens ${max}.`);
	}
	return ok(text);
}
