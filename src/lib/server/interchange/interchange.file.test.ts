import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
	detectDelimiter,
	detectFormat,
	IMPORT_LIMITS,
	InterchangeFileError,
	readSheet,
	writeSheet
} from './interchange.file';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('csv dialect', () => {
	it('detects the delimiter from the header line', () => {
		expect(detectDelimiter('title,summary\n"a;b",c')).toBe(',');
		expect(detectDelimiter('title;summary;status\n"a,b";c;d')).toBe(';');
		expect(detectDelimiter('title\tsummary\n')).toBe('\t');
		expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
	});

	it('reads semicolon CSV with a BOM; rows counted as in a spreadsheet', async () => {
		const sheet = await readSheet({
			name: 'p.csv',
			bytes: bytes('\uFEFFTitle;Status\r\nE-Akte;betrieb\r\n;\r\n"Mehr;zeilig\nText";idee\r\n')
		});
		expect(sheet.format).toBe('csv');
		expect(sheet.header).toEqual(['title', 'status']);
		expect(sheet.rows).toEqual([
			{ row: 2, cells: { title: 'E-Akte', status: 'betrieb' } },
			{ row: 4, cells: { title: 'Mehr;zeilig\nText', status: 'idee' } }
		]);
	});

	it('reads Windows-1252 text as older Excel writes it', async () => {
		const latin = Uint8Array.from(
			[...'title\nM'].map((c) => c.charCodeAt(0)).concat([0xfc, 0x6c, 0x6c])
		);
		const sheet = await readSheet({ name: 'p.csv', bytes: latin });
		expect(sheet.rows[0]?.cells.title).toBe('Müll');
	});

	it('turns broken CSV into one German sentence', async () => {
		await expect(
			readSheet({ name: 'p.csv', bytes: bytes('title,status\n"offen,betrieb\n') })
		).rejects.toThrow(/Die CSV-Datei ist fehlerhaft/);
	});
});

describe('format detection and limits', () => {
	it('knows XLSX by content and refuses the old .xls and fakes', () => {
		expect(detectFormat({ name: 'x.bin', bytes: Uint8Array.from([0x50, 0x4b, 3, 4]) })).toBe(
			'xlsx'
		);
		expect(() => detectFormat({ name: 'x.xlsx', bytes: bytes('title\n') })).toThrow(
			'Die Datei ist keine gültige XLSX-Datei.'
		);
		expect(() =>
			detectFormat({ name: 'x.xls', bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]) })
		).toThrow(/alten Format/);
		expect(detectFormat({ name: 'export', bytes: bytes(' [{"title":"x"}]') })).toBe('json');
	});

	it('refuses empty, oversized and binary files, and broken JSON', async () => {
		await expect(readSheet({ name: 'a.csv', bytes: new Uint8Array() })).rejects.toThrow(
			'Die Datei ist leer.'
		);
		await expect(
			readSheet({ name: 'a.csv', bytes: new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(65) })
		).rejects.toThrow(/größer als 10 MB/);
		await expect(readSheet({ name: 'a.csv', bytes: Uint8Array.from([1, 0, 2]) })).rejects.toThrow(
			InterchangeFileError
		);
		await expect(readSheet({ name: 'a.json', bytes: bytes('[{"title": }') })).rejects.toThrow(
			'Die JSON-Datei ist fehlerhaft und kann nicht gelesen werden.'
		);
		await expect(readSheet({ name: 'a.json', bytes: bytes('{"title": "x"}') })).rejects.toThrow(
			/Liste von Objekten/
		);
		await expect(
			readSheet({ name: 'a.xlsx', bytes: Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9]) })
		).rejects.toThrow(/XLSX-Datei ist beschädigt/);
	});

	it('refuses more rows than allowed', async () => {
		const text = `title\n${'x\n'.repeat(IMPORT_LIMITS.maxRows + 1)}`;
		await expect(readSheet({ name: 'a.csv', bytes: bytes(text) })).rejects.toThrow(
			/höchstens 10000/
		);
	});
});

describe('writing', () => {
	const columns = ['title', 'tags', 'costs', 'open'];
	const records = [{ title: 'E-Akte, "neu"', tags: ['a', 'b'], costs: 1234.5, open: true }];

	it('writes CSV with BOM, comma and CRLF, lists joined', async () => {
		const file = await writeSheet('csv', columns, records, 'Test');
		const text = new TextDecoder().decode(file.bytes);
		expect(file.bytes.slice(0, 3)).toEqual(Uint8Array.from([0xef, 0xbb, 0xbf]));
		expect(text).toBe('title,tags,costs,open\r\n"E-Akte, ""neu""",a; b,1234.5,ja\r\n');
		expect(file.contentType).toBe('text/csv; charset=utf-8');
	});

	it('writes XLSX that reads back with numbers as numbers', async () => {
		const file = await writeSheet('xlsx', columns, records, 'Test');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
		expect(workbook.worksheets[0]?.getRow(2).getCell(3).value).toBe(1234.5);
		const sheet = await readSheet({ name: 'x.xlsx', bytes: file.bytes });
		expect(sheet.rows).toEqual([
			{ row: 2, cells: { title: 'E-Akte, "neu"', tags: 'a; b', costs: 1234.5, open: 'ja' } }
		]);
	});

	it('writes JSON with arrays, numbers and booleans', async () => {
		const file = await writeSheet('json', columns, records, 'Test');
		expect(JSON.parse(new TextDecoder().decode(file.bytes))).toEqual(records);
	});
});

describe('formula cells in CSV', () => {
	it('disarms text that a spreadsheet would run, and reads it back unchanged', async () => {
		const texts = ['=HYPERLINK("http://x")', '+1', '-', '@SUM(A1)', "'=x", "'apostroph", 'normal'];
		const file = await writeSheet(
			'csv',
			['title'],
			texts.map((title) => ({ title })),
			'Test'
		);
		const text = new TextDecoder().decode(file.bytes);
		expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
		expect(text).toContain("''=x");
		expect(text).not.toMatch(/\n[=+\-@]/);
		const sheet = await readSheet({ name: 'x.csv', bytes: file.bytes });
		expect(sheet.rows.map((row) => row.cells.title)).toEqual(texts);
	});
});
