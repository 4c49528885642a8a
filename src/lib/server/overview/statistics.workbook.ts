/**
 * The statistics as an Excel workbook for the annual report: one sheet per table, as the page
 * shows them (the page's presenter builds the sheets, so page and file hold the same numbers and
 * the same words in the reader's language). Numbers stay numbers, so the report can chart them.
 */
import ExcelJS from 'exceljs';
import { CONTENT_TYPES, type ExportedFile } from '../interchange';

export interface WorkbookSheet {
	/** At most 31 characters, none of `[]:*?/\` (Excel's rules). */
	name: string;
	/** The first row is the header. */
	rows: readonly (readonly (string | number)[])[];
}

const FORBIDDEN = /[[\]:*?/\\]/g;

/** Excel refuses longer names and these characters. */
export function sheetName(name: string): string {
	return name.replace(FORBIDDEN, ' ').slice(0, 31).trim();
}

export function statisticsFileName(asOf: string): string {
	return `drehscheibe-statistik-${asOf}.xlsx`;
}

export async function writeStatisticsWorkbook(
	sheets: readonly WorkbookSheet[],
	asOf: string
): Promise<ExportedFile> {
	const workbook = new ExcelJS.Workbook();
	for (const sheet of sheets) {
		const worksheet = workbook.addWorksheet(sheetName(sheet.name));
		for (const row of sheet.rows) worksheet.addRow([...row]);
		worksheet.getRow(1).font = { bold: true };
		worksheet.views = [{ state: 'frozen', ySplit: 1 }];
		worksheet.columns.forEach((column, index) => {
			const widest = Math.max(...sheet.rows.map((row) => String(row[index] ?? '').length), 8);
			column.width = Math.min(widest + 2, 60);
		});
	}
	// A fixed creation date: the same data gives the same file.
	workbook.created = new Date(0);
	workbook.modified = new Date(0);
	return {
		bytes: new Uint8Array(await workbook.xlsx.writeBuffer()),
		contentType: CONTENT_TYPES.xlsx,
		extension: 'xlsx',
		filename: statisticsFileName(asOf)
	};
}
