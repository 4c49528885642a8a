import { describe, expect, it } from 'vitest';
import { CATEGORY_OPTIONS, STATUS_OPTIONS, VISIBILITY_OPTIONS } from './interchange.columns';
import {
	formatEuro,
	formatLinks,
	parseCoded,
	parseCount,
	parseDay,
	parseEuroCents,
	parseLinks,
	parseList,
	parseText,
	parseYesNo
} from './interchange.values';

/** A matcher for a text that contains `part` (typed, for use inside object literals). */
const containing = (part: string): string => expect.stringContaining(part) as string;

const value = <T>(parsed: { ok: true; value: T } | { ok: false; problem: string }) => {
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.value;
};

describe('coded values', () => {
	it('accepts the code or the German label, case-insensitively', () => {
		expect(value(parseCoded('betrieb', STATUS_OPTIONS))).toBe('betrieb');
		expect(value(parseCoded(' in  BETRIEB ', STATUS_OPTIONS))).toBe('betrieb');
		expect(value(parseCoded('Öffentlich', VISIBILITY_OPTIONS))).toBe('public');
		expect(value(parseCoded('public', VISIBILITY_OPTIONS))).toBe('public');
		expect(value(parseCoded('Nur Netzwerkmitglieder', VISIBILITY_OPTIONS))).toBe('network');
		expect(value(parseCoded('entwurf', VISIBILITY_OPTIONS))).toBe('draft');
		expect(value(parseCoded('E-Payment', CATEGORY_OPTIONS))).toBe('e_payment');
		expect(value(parseCoded('', STATUS_OPTIONS))).toBeNull();
	});

	it('names the allowed values in German when a value is unknown', () => {
		const parsed = parseCoded('fertig', STATUS_OPTIONS);
		expect(parsed).toEqual({
			ok: false,
			problem: containing('„fertig“ ist kein zulässiger Wert. Erlaubt: Idee')
		});
	});
});

describe('amounts', () => {
	it.each([
		['1234', 123400],
		['1234,5', 123450],
		['1234.56', 123456],
		['1.234,56', 123456],
		['1,234.56', 123456],
		['1.234', 123400],
		['12.000.000', 1200000000],
		['980 €', 98000],
		['0,29', 29],
		[12.5, 1250],
		[0.29, 29]
	])('%s → %i cents', (input, cents) => {
		expect(value(parseEuroCents(input))).toBe(cents);
	});

	it('refuses negative, over-precise and unreadable amounts', () => {
		expect(parseEuroCents('-5').ok).toBe(false);
		expect(parseEuroCents('1,234').ok).toBe(true);
		expect(parseEuroCents('12,345,6').ok).toBe(false);
		expect(parseEuroCents('zehn').ok).toBe(false);
		expect(parseEuroCents(1.234).ok).toBe(false);
		expect(value(parseEuroCents(''))).toBeNull();
	});

	it('formats cents back losslessly', () => {
		for (const cents of [0, 5, 29, 100, 123450, 123456, 99999999]) {
			expect(value(parseEuroCents(formatEuro(cents)))).toBe(cents);
			expect(value(parseEuroCents(cents / 100))).toBe(cents);
		}
	});
});

describe('dates and numbers', () => {
	it('reads ISO and German dates and spreadsheet dates', () => {
		expect(value(parseDay('2024-03-01'))).toBe('2024-03-01');
		expect(value(parseDay('1.3.2024'))).toBe('2024-03-01');
		expect(value(parseDay('01.03.2024'))).toBe('2024-03-01');
		expect(value(parseDay(new Date(Date.UTC(2024, 2, 1))))).toBe('2024-03-01');
		expect(value(parseDay(''))).toBeNull();
	});

	it('refuses impossible days and other shapes', () => {
		expect(parseDay('2024-02-30')).toMatchObject({
			ok: false,
			problem: containing('kein gültiges Datum')
		});
		expect(parseDay('03/01/2024')).toMatchObject({
			ok: false,
			problem: containing('JJJJ-MM-TT')
		});
	});

	it('reads whole numbers with thousands dots', () => {
		expect(value(parseCount('1.200'))).toBe(1200);
		expect(value(parseCount(450))).toBe(450);
		expect(parseCount('12,5').ok).toBe(false);
		expect(parseCount(-1).ok).toBe(false);
	});

	it('reads yes and no in several spellings', () => {
		for (const yes of ['ja', 'JA', 'true', '1', true]) expect(value(parseYesNo(yes))).toBe(true);
		for (const no of ['nein', 'false', '0', false]) expect(value(parseYesNo(no))).toBe(false);
		expect(parseYesNo('vielleicht').ok).toBe(false);
	});
});

describe('lists, links, texts', () => {
	it('splits by semicolons, trims and drops empty and repeated items', () => {
		expect(parseList(' E-Akte ; enaio;;e-akte ')).toEqual(['E-Akte', 'enaio']);
		expect(parseList(['a', ' b '])).toEqual(['a', 'b']);
		expect(parseList(null)).toEqual([]);
	});

	it('reads links as label|url and writes them back the same way', () => {
		const links = value(parseLinks('Pressemitteilung|https://kehl.de/p; https://lahr.de'));
		expect(links).toEqual([
			{ label: 'Pressemitteilung', url: 'https://kehl.de/p' },
			{ label: 'https://lahr.de', url: 'https://lahr.de' }
		]);
		expect(formatLinks(links)).toEqual(['Pressemitteilung|https://kehl.de/p', 'https://lahr.de']);
		expect(parseLinks('Seite|javascript:alert(1)').ok).toBe(false);
	});

	it('refuses over-long text with the lengths', () => {
		expect(parseText('x'.repeat(201), 200)).toEqual({
			ok: false,
			problem: 'Der Text ist 201 Zeichen lang; erlaubt sind höchstens 200.'
		});
		expect(value(parseText('  Titel ', 200))).toBe('Titel');
	});
});
