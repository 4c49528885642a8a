/**
 * Files of the interchange format: one header row and one row per record, as CSV, XLSX or JSON
 * (docs/interchange.md, decision 0019). Reading recognises the format by content (the name is a
 * hint), detects the CSV delimiter, tolerates a byte order mark and counts rows as a spreadsheet
 * user does (header = row 1). A file that cannot be read at all raises one German sentence.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './interchange.values';

export const INTERCHANGE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

export const CONTENT_TYPES: Record<InterchangeFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8'
};

/** Upper bounds of one import (decision 0019). */
export const IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 10_000 } as const;

/** A file that cannot be read as a table: the German sentence says why. */
export class InterchangeFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InterchangeFileError';
	}
}

export interface SheetRow {
	/** Row as a spreadsheet counts it (header = 1); in JSON the position in the array from 1. */
	row: number;
	cells: Record<string, Cell>;
}

export interface Sheet {
	format: InterchangeFormat;
	/** Column names as written in the file (trimmed, lower case). */
	header: string[];
	rows: SheetRow[];
}

export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
	return magic.every((byte, index) => bytes[index] === byte);
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The format by content; the extension only decides between text formats that look alike. */
export function detectFormat(file: UploadedFile): InterchangeFormat {
	const extension = extensionOf(file.name);
	if (startsWith(file.bytes, ZIP_MAGIC)) return 'xlsx';
	if (startsWith(file.bytes, OLE_MAGIC) || extension === 'xls') {
		throw new InterchangeFileError(
			'Das ist eine Excel-Datei im alten Format (.xls). Bitte speichern Sie sie als .xlsx oder CSV (UTF-8).'
		);
	}
	if (extension === 'xlsx') {
		throw new InterchangeFileError('Die Datei ist keine gültige XLSX-Datei.');
	}
	const text = decodeText(file.bytes).trimStart();
	if (extension === 'json' || text.startsWith('[') || text.startsWith('{')) return 'json';
	return 'csv';
}

/** UTF-8 (with or without BOM); Windows-1252, as older Excel versions save CSV, as a fallback. */
export function decodeText(bytes: Uint8Array): string {
	if (bytes.includes(0)) {
		throw new InterchangeFileError('Die Datei ist keine Textdatei (CSV oder JSON).');
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		text = new TextDecoder('windows-1252').decode(bytes);
	}
	return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The delimiter of a CSV text: the most frequent of `,`, `;` and tab in the header line. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
	return ',';
}

/**
 * Spreadsheets run a CSV cell that starts with `=`, `+`, `-`, `@` (or a tab or CR) as a formula
 * ("CSV injection"). The export puts an apostrophe before such text, as Excel itself does; the
 * import takes one off again, so the round trip stays lossless (also for text that starts with
 * apostrophes).
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
	return FORMULA_LIKE.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
	return text.startsWith("'") && FORMULA_LIKE.test(text) ? text.slice(1) : text;
}

const normaliseHeader = (name: string) =>
	name
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase();

function tooManyRows(count: number): InterchangeFileError {
	return new InterchangeFileError(
		`Die Datei hat ${count} Datenzeilen; höchstens ${IMPORT_LIMITS.maxRows} sind auf einmal erlaubt. Bitte teilen Sie sie auf.`
	);
}

function emptyFile(): InterchangeFileError {
	return new InterchangeFileError('Die Datei enthält keine Kopfzeile mit Spaltennamen.');
}

function isBlank(values: readonly Cell[]): boolean {
	return values.every((value) => value === null || value === undefined || value === '');
}

function readCsv(bytes: Uint8Array): Sheet {
	const text = decodeText(bytes);
	if (text.trim() === '') throw emptyFile();
	let records: string[][];
	try {
		records = parseCsv(text, {
			delimiter: detectDelimiter(text),
			relax_column_count: true,
			skip_empty_lines: false,
			bom: true
		});
	} catch (error) {
		const line = (error as { lines?: number }).lines;
		throw new InterchangeFileError(
			`Die CSV-Datei ist fehlerhaft${line ? ` (um Zeile ${line})` : ''}: Bitte prüfen Sie Anführungszeichen und Trennzeichen.`
		);
	}
	const [head, ...body] = records;
	if (!head || isBlank(head)) throw emptyFile();
	const header = head.map(normaliseHeader);
	const rows: SheetRow[] = [];
	body.forEach((values, index) => {
		if (isBlank(values)) return;
		const cells: Record<string, Cell> = {};
		values.forEach((value, column) => {
			cells[header[column] ?? `#${column + 1}`] = unescapeFormula(value);
		});
		rows.push({ row: index + 2, cells });
	});
	if (rows.length > IMPORT_LIMITS.maxRows) throw tooManyRows(rows.length);
	return { format: 'csv', header, rows };
}

/** An exceljs cell value as a plain cell: rich text joined, formulas by their result. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		return value;
	}
	if (value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('formula' in value || 'sharedFormula' in value) {
		const result = (value as ExcelJS.CellFormulaValue).result;
		if (result === undefined || (typeof result === 'object' && !(result instanceof Date))) {
			return null;
		}
		return result;
	}
	if ('hyperlink' in value) return value.text;
	if ('error' in value) return null;
	return null;
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	} catch {
		throw new InterchangeFileError('Die XLSX-Datei ist beschädigt oder keine Excel-Arbeitsmappe.');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) throw emptyFile();
	if (sheet.actualRowCount - 1 > IMPORT_LIMITS.maxRows) throw tooManyRows(sheet.actualRowCount - 1);
	const headerRow = sheet.getRow(1);
	const header: string[] = [];
	headerRow.eachCell({ includeEmpty: true }, (cell, column) => {
		const value = xlsxCell(cell.value);
		header[column - 1] = normaliseHeader(
			value === null || value === undefined ? '' : String(value)
		);
	});
	if (header.length === 0 || header.every((name) => name === '')) throw emptyFile();
	for (let index = 0; index < header.length; index++) header[index] ??= '';
	const rows: SheetRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		if (rowNumber === 1) return;
		const cells: Record<string, Cell> = {};
		const values: Cell[] = [];
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			const value = xlsxCell(cell.value);
			values.push(value);
			cells[header[column - 1] || `#${column}`] = value;
		});
		if (!isBlank(values)) rows.push({ row: rowNumber, cells });
	});
	return { format: 'xlsx', header, rows };
}

function readJson(bytes: Uint8Array): Sheet {
	let data: unknown;
	try {
		data = JSON.parse(decodeText(bytes));
	} catch {
		throw new InterchangeFileError('Die JSON-Datei ist fehlerhaft und kann nicht gelesen werden.');
	}
	if (!Array.isArray(data)) {
		throw new InterchangeFileError(
			'Die JSON-Datei muss eine Liste von Objekten sein (eckige Klammern um die Einträge).'
		);
	}
	if (data.length > IMPORT_LIMITS.maxRows) throw tooManyRows(data.length);
	const header: string[] = [];
	const rows: SheetRow[] = data.map((entry: unknown, index) => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw new InterchangeFileError(`Eintrag ${index + 1} der JSON-Datei ist kein Objekt.`);
		}
		const cells: Record<string, Cell> = {};
		for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
			const name = normaliseHeader(key);
			if (!header.includes(name)) header.push(name);
			cells[name] = jsonCell(value);
		}
		return { row: index + 1, cells };
	});
	return { format: 'json', header, rows };
}

/** Objects have no place in a cell; they become a marker the validation names as wrong type. */
export const WRONG_TYPE: readonly unknown[] = Object.freeze([{ wrongType: true }]);

function jsonCell(value: unknown): Cell {
	if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
		return value as Cell;
	}
	if (Array.isArray(value) && value.every((item) => ['string', 'number'].includes(typeof item))) {
		return value as readonly unknown[];
	}
	return WRONG_TYPE;
}

/** Reads an uploaded file as a sheet; InterchangeFileError when it cannot. */
export async function readSheet(file: UploadedFile): Promise<Sheet> {
	if (file.bytes.byteLength === 0) throw new InterchangeFileError('Die Datei ist leer.');
	if (file.bytes.byteLength > IMPORT_LIMITS.maxBytes) {
		throw new InterchangeFileError(
			`Die Datei ist größer als ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB. Bitte teilen Sie sie auf.`
		);
	}
	switch (detectFormat(file)) {
		case 'csv':
			return readCsv(file.bytes);
		case 'xlsx':
			return readXlsx(file.bytes);
		case 'json':
			return readJson(file.bytes);
	}
}

/** A value of an exported record; lists are joined with `; ` outside JSON. */
export type OutValue = string | number | boolean | null | readonly string[];

export interface WrittenFile {
	bytes: Uint8Array<ArrayBuffer>;
	contentType: string;
	extension: InterchangeFormat;
}

function flat(value: OutValue): string | number | null {
	if (value === null) return null;
	if (typeof value === 'boolean') return value ? 'ja' : 'nein';
	if (Array.isArray(value)) return value.join('; ');
	return value as string | number;
}

/** Writes records with the given columns, in that order, as the chosen format. */
export async function writeSheet(
	format: InterchangeFormat,
	columns: readonly string[],
	records: readonly Record<string, OutValue>[],
	sheetName: string
): Promise<WrittenFile> {
	let bytes: Uint8Array<ArrayBuffer>;
	switch (format) {
		case 'json': {
			const ordered = records.map((record) =>
				Object.fromEntries(columns.map((column) => [column, record[column] ?? null]))
			);
			bytes = new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
			break;
		}
		case 'csv': {
			const text = stringifyCsv(
				records.map((record) =>
					columns.map((column) => {
						const value = flat(record[column] ?? null) ?? '';
						return typeof value === 'string' ? escapeFormula(value) : value;
					})
				),
				{ header: true, columns: [...columns], record_delimiter: 'windows', bom: true }
			);
			bytes = new TextEncoder().encode(text);
			break;
		}
		case 'xlsx': {
			const workbook = new ExcelJS.Workbook();
			const sheet = workbook.addWorksheet(sheetName);
			sheet.addRow([...columns]).font = { bold: true };
			for (const record of records) {
				sheet.addRow(columns.map((column) => flat(record[column] ?? null)));
			}
			sheet.views = [{ state: 'frozen', ySplit: 1 }];
			// A fixed creation date: the same data gives the same file.
			workbook.created = new Date(0);
			workbook.modified = new Date(0);
			bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
			break;
		}
	}
	return { bytes, contentType: CONTENT_TYPES[format], extension: format };
}
