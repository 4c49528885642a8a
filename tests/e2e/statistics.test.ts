/**
 * The statistics page with the demo data: every chart has a caption, a text summary and a data
 * table whose numbers are the chart's labels; keyboard users open the tables, print shows them
 * unfolded; the Excel export downloads with the expected sheets. A members-only project changes
 * a member's statistics and export, never a visitor's. The series themselves are covered by the
 * database tests (src/lib/server/overview/statistics.db.test.ts).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase } from './support/people';

const PATH = '/uebersicht/statistik';
const EXPORT = '/uebersicht/statistik/export';
const KEHL = '08317057';
const LAHR = '08317065';
const SHEETS = [
	'Datenstand',
	'Kennzahlen',
	'Projekte nach Status',
	'Projekte nach Themenfeld',
	'Mitglieder',
	'Nachnutzung',
	'Eingesparte Arbeitszeit',
	'Meistgenutzte Lösungen'
];

/** "18.700" → 18700. */
const number = (text: string | null): number => Number((text ?? '').trim().replace(/\./g, ''));

/** The cells of a table's column (0: the row headings) in row order. */
async function column(table: Locator, index: number): Promise<string[]> {
	const cells = await table
		.locator('tbody tr')
		.evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ''), index);
	return cells;
}

/** Column headings of a table. */
async function headings(table: Locator): Promise<string[]> {
	return (await table.locator('thead th').allTextContents()).map((text) => text.trim());
}

/** A key figure on the page by its label. */
async function figure(page: Page, label: string): Promise<number> {
	const item = page
		.locator('.figures li')
		.filter({ has: page.locator('.figure-label', { hasText: new RegExp(`^${label}$`) }) });
	return number(await item.locator('.figure').textContent());
}

async function workbookOf(bytes: ArrayBuffer | Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as ArrayBuffer);
	return workbook;
}

/** The two-column sheet (label, value) as a map. */
function pairs(workbook: ExcelJS.Workbook, name: string): Map<string, unknown> {
	const sheet = workbook.getWorksheet(name);
	if (!sheet) throw new Error(`Blatt fehlt: ${name}`);
	const map = new Map<string, unknown>();
	sheet.eachRow((row, index) => {
		if (index > 1) map.set(row.getCell(1).text, row.getCell(2).value);
	});
	return map;
}

async function downloadExport(cookie?: string): Promise<ExcelJS.Workbook> {
	const response = await fetch(new URL(EXPORT, baseUrl()), {
		headers: cookie ? { cookie } : {}
	});
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe(
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	expect(response.headers.get('cache-control')).toBe('private, no-store');
	return workbookOf(await response.arrayBuffer());
}

/** What the statistics page shows of projects in operation and hours saved, today. */
async function todayOf(page: Page) {
	const status = page.locator('#statistik-projekte table');
	const statusHeads = await headings(status);
	const live = await column(status, statusHeads.indexOf('In Betrieb'));
	const hours = await column(page.locator('#statistik-arbeitszeit table'), 1);
	return {
		liveFigure: await figure(page, 'Projekte in Betrieb'),
		projectsFigure: await figure(page, 'Projekte'),
		hoursFigure: await figure(page, 'Eingesparte Arbeitsstunden pro Jahr'),
		liveToday: number(live.at(-1) ?? ''),
		hoursToday: number(hours.at(-1) ?? '')
	};
}

describe('the statistics page', () => {
	const session = useBrowser();

	it('shows every chart with caption, summary, legend and a table of the labelled numbers', async () => {
		const { page } = session;
		const response = await visit(page, PATH);
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe('Statistik des Netzwerks');
		expect(await page.locator('main').textContent()).toMatch(/Datenstand: \d+\. \w+ \d{4}/);
		// The page needs no script (and can be cached for visitors).
		expect(await page.locator('script').count()).toBe(0);

		const figures = page.locator('figure.chart');
		expect(await figures.count()).toBe(6);
		for (const chart of await figures.all()) {
			const id = await chart.getAttribute('id');
			const caption = ((await chart.locator('figcaption').textContent()) ?? '').trim();
			expect(caption, `${id}: Bildunterschrift`).not.toBe('');
			const summary = ((await chart.locator('.chart-summary').textContent()) ?? '').trim();
			expect(summary, `${id}: Zusammenfassung`).toMatch(/\d/);

			const svg = chart.locator('svg[role="img"]');
			expect(await svg.count(), `${id}: eine Grafik`).toBe(1);
			expect(await svg.getAttribute('aria-labelledby')).toBe(`${id}-title ${id}-summary`);
			expect(await page.locator(`#${id}-title`).textContent()).toBe(caption);
			expect(await svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);

			// The table is named by the same title and holds the numbers the chart labels.
			const table = chart.locator('table');
			expect(((await table.locator('caption').textContent()) ?? '').trim()).toBe(caption);
			expect(await table.locator('thead th[scope="col"]').count()).toBeGreaterThan(1);
			expect(await table.locator('tbody th[scope="row"]').count()).toBeGreaterThan(0);
			const heads = await headings(table);
			const labelled = heads.includes('Zusammen') ? heads.indexOf('Zusammen') : 1;
			const labels = (await svg.locator('text.value').allTextContents()).map((t) => t.trim());
			expect(labels, `${id}: Beschriftungen = Tabelle`).toEqual(await column(table, labelled));

			// Series told apart by more than colour: with several, a legend in words and patterns.
			const legend = chart.locator('.chart-legend li');
			if ((await legend.count()) > 0) {
				expect((await legend.allTextContents()).map((text) => text.trim())).toEqual(
					heads.slice(1, heads.includes('Zusammen') ? -1 : undefined)
				);
				expect(await svg.locator('pattern').count()).toBeGreaterThan(0);
			}
		}

		// Today's column of every series is the key figure of the same thing.
		const today = await todayOf(page);
		expect(today.liveToday).toBe(today.liveFigure);
		expect(today.hoursToday).toBe(today.hoursFigure);
		expect(today.liveFigure).toBeGreaterThan(0);
		const projects = page.locator('#statistik-projekte table');
		const totals = await column(projects, (await headings(projects)).indexOf('Zusammen'));
		expect(number(totals.at(-1) ?? '')).toBe(today.projectsFigure);
	});

	it('lets keyboard users open a table, and prints the tables unfolded without navigation', async () => {
		const { page } = session;
		await visit(page, PATH);
		const toggle = page.locator('#statistik-projekte summary');
		let reached = false;
		for (let i = 0; i < 40 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await toggle.evaluate((el) => el === document.activeElement);
		}
		expect(reached, 'Tab erreicht „Zahlen als Tabelle“').toBe(true);
		const table = page.getByRole('table', { name: 'Projekte nach Status am Jahresende' });
		expect(await table.isVisible()).toBe(false);
		await page.keyboard.press('Enter');
		await table.waitFor({ state: 'visible' });
		expect(await table.getByRole('rowheader').first().textContent()).toMatch(/^Ende \d{4}$/);
		await expectNoAxeViolations(page);

		await page.emulateMedia({ media: 'print' });
		for (const other of await page.locator('figure.chart table').all()) {
			expect(await other.isVisible()).toBe(true);
		}
		expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).isVisible()).toBe(false);
		expect(await page.getByRole('link', { name: /Jahresbericht/ }).isVisible()).toBe(false);
		expect(await page.getByText(/^Datenstand:/).isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
	});

	it('downloads the export for the annual report as a workbook with one sheet per table', async () => {
		const { page } = session;
		await visit(page, PATH);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Für den Jahresbericht herunterladen (Excel)' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^drehscheibe-statistik-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const workbook = await workbookOf(await readFile(await download.path()));
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEETS);
		const about = pairs(workbook, 'Datenstand');
		expect(about.get('Umfang')).toBe('öffentlich sichtbare Projekte');
		expect(about.get('Netzwerk')).toBe('Digitalisierungsnetzwerk Ortenau');
		expect(String(about.get('Datenstand'))).toMatch(/^\d+\. \w+ \d{4}$/);

		// The workbook's numbers are the page's.
		const today = await todayOf(page);
		const figures = pairs(workbook, 'Kennzahlen');
		expect(figures.get('Projekte in Betrieb')).toBe(today.liveFigure);
		expect(figures.get('Eingesparte Arbeitsstunden pro Jahr')).toBe(today.hoursFigure);
		const status = workbook.getWorksheet('Projekte nach Status');
		const header = status?.getRow(1).values as unknown[];
		const last = status?.getRow(status.rowCount);
		expect(last?.getCell(1).text).toMatch(/^Heute \(\d{4}\)$/);
		expect(last?.getCell(header.indexOf('In Betrieb')).value).toBe(today.liveToday);
	});

	it('never counts a members-only project for visitors, on the page or in the export', async () => {
		const { page } = session;
		const stamp = Date.now().toString(36);
		const lahr = await createTestPerson({
			email: `statistik-${stamp}@lahr.example`,
			displayName: 'Stella Statistik',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const memberPage = await session.newPage();
		await memberPage.context().addCookies([{ name: 'sitzung', value: lahr.token, url: baseUrl() }]);

		await visit(page, PATH);
		await visit(memberPage, PATH);
		const visitorBefore = await todayOf(page);
		const memberBefore = await todayOf(memberPage);
		const visitorFileBefore = pairs(await downloadExport(), 'Kennzahlen');
		const memberFileBefore = pairs(await downloadExport(lahr.cookie), 'Kennzahlen');

		const hours = 4321;
		const id = await createTestProject({
			ags: KEHL,
			title: `Nur fürs Netzwerk ${stamp}`,
			visibility: 'network',
			status: 'betrieb'
		});
		await withServerDatabase((db) =>
			db.updateTable('project').set({ hours_saved_per_year: hours }).where('id', '=', id).execute()
		);

		await visit(page, PATH);
		expect(await todayOf(page)).toEqual(visitorBefore);
		const visitorFile = await downloadExport();
		expect(pairs(visitorFile, 'Kennzahlen')).toEqual(visitorFileBefore);
		expect(pairs(visitorFile, 'Datenstand').get('Umfang')).toBe('öffentlich sichtbare Projekte');

		await visit(memberPage, PATH);
		expect(await todayOf(memberPage)).toEqual({
			liveFigure: memberBefore.liveFigure + 1,
			projectsFigure: memberBefore.projectsFigure + 1,
			hoursFigure: memberBefore.hoursFigure + hours,
			liveToday: memberBefore.liveToday + 1,
			hoursToday: memberBefore.hoursToday + hours
		});
		const memberFile = await downloadExport(lahr.cookie);
		const memberFigures = pairs(memberFile, 'Kennzahlen');
		expect(memberFigures.get('Projekte in Betrieb')).toBe(
			Number(memberFileBefore.get('Projekte in Betrieb')) + 1
		);
		expect(memberFigures.get('Eingesparte Arbeitsstunden pro Jahr')).toBe(
			Number(memberFileBefore.get('Eingesparte Arbeitsstunden pro Jahr')) + hours
		);
		expect(pairs(memberFile, 'Datenstand').get('Umfang')).toBe('alle veröffentlichten Projekte');
		// A member sees more than a visitor: the demo has members-only projects in operation.
		expect(memberBefore.liveFigure).toBeGreaterThan(visitorBefore.liveFigure);
	});
});
