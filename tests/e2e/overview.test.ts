/**
 * The network overview in the browser: the matrix as a visitor reads it (filters, a cell and
 * what is behind it, exports, keyboard and screen-reader structure), the coordination's topic
 * list, the front page's figures and news, and a members-only project that shows in the
 * pictures of members only.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexProject } from '../../src/lib/server/search/search.indexer';
import { germanSortKey } from '../../src/lib/server/text/sort-key';
import {
	baseUrl,
	expectNoAxeViolations,
	h1Text,
	useBrowser,
	visit,
	waitForPath
} from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestPerson, signInAs, withServerDatabase, type TestPerson } from './support/people';

const KEHL = '08317057';
const ACHERN = '08317001';
const stamp = Date.now().toString(36);
const tag = `Prüfthema ${stamp}`;
const secretTitle = `Internes Matrixprojekt ${stamp}`;

let coordinator: TestPerson;
let member: TestPerson;
let topicId = 0;

async function get(path: string, cookie?: string) {
	const response = await fetch(new URL(path, baseUrl()), {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
	return { status: response.status, body: await response.text(), response };
}

beforeAll(async () => {
	coordinator = await createTestPerson({
		email: `koordination-${stamp}@overview.example`,
		displayName: 'Klara Koordination',
		isCoordinator: true
	});
	member = await createTestPerson({
		email: `mitglied-${stamp}@kehl.example`,
		displayName: 'Max Mitglied',
		memberships: [{ ags: KEHL, role: 'member' }]
	});
	// A members-only project of Achern, the only one carrying the test topic's tag.
	const secret = await createTestProject({
		ags: ACHERN,
		title: secretTitle,
		visibility: 'network',
		status: 'betrieb'
	});
	topicId = await withServerDatabase(async (db) => {
		await db
			.insertInto('project_tag')
			.values({ project_id: secret, tag, tag_sort: germanSortKey(tag) })
			.execute();
		await indexProject(db, secret);
		const topic = await db
			.insertInto('overview_topic')
			.values({
				name: `Thema ${stamp}`,
				name_sort: germanSortKey(`Thema ${stamp}`),
				position: 999,
				updated_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('overview_topic_tag')
			.values({ topic_id: topic.id, tag, tag_sort: germanSortKey(tag) })
			.execute();
		return topic.id;
	});
});

describe('the adoption matrix', () => {
	const session = useBrowser();

	it('is reached from the navigation and shows stages as text in a real table', async () => {
		const { page } = session;
		await visit(page, '/');
		await expectNoAxeViolations(page);
		await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
		await waitForPath(page, '/uebersicht');
		expect(await h1Text(page)).toBe('Netzwerk im Überblick');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Matrix: Wer hat was?' }).click();
		await waitForPath(page, '/uebersicht/matrix');
		await expectNoAxeViolations(page);

		const table = page.getByRole('table', { name: 'Stand der Kommunen je Thema' });
		const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
		expect(headers[0]).toBe('Kommune');
		expect(headers).toContain('E-Akte');
		expect(headers).toContain('Online-Terminvergabe');
		expect(headers.at(-1)).toBe('Themen in Betrieb');
		expect(await table.locator('tbody').getByRole('rowheader').count()).toBe(51);

		// Kehl runs the E-Akte (demo data): the cell says so in words, and links to what is behind it.
		const kehl = table
			.getByRole('row')
			.filter({ has: page.getByRole('rowheader', { name: /^Kehl/ }) });
		const column = headers.indexOf('E-Akte');
		const cell = kehl.getByRole('cell').nth(column - 1);
		expect((await cell.textContent())?.replace(/\s+/g, ' ')).toContain('In Betrieb');
		await cell.getByRole('link').click();
		await waitForPath(page, /^\/uebersicht\/themen\/\d+\?kommune=08317057$/);
		expect(await h1Text(page)).toBe('E-Akte in Kehl');
		expect(
			await page.getByRole('region', { name: 'Projekte' }).getByRole('link').first().textContent()
		).toContain('E-Akte');
		await expectNoAxeViolations(page);
	});

	it('filters and sorts through a plain form and stays accessible', async () => {
		const { page } = session;
		await visit(page, '/uebersicht/matrix');
		await page.getByLabel('Mitgliedschaft').selectOption('member');
		await page.getByLabel('Sortierung').selectOption('coverage');
		await page.getByRole('button', { name: 'Anwenden' }).click();
		await waitForPath(page, /^\/uebersicht\/matrix\?.*membership=member&sort=coverage$/);
		const rows = page.getByRole('table').locator('tbody').getByRole('rowheader');
		expect(await rows.count()).toBe(23);
		// Coverage order: the first row runs at least as many topics as the last.
		const coverage = page.getByRole('table').locator('tbody tr td:last-child');
		const first = Number((await coverage.first().textContent())?.trim().split(' ')[0]);
		const last = Number((await coverage.last().textContent())?.trim().split(' ')[0]);
		expect(first).toBeGreaterThanOrEqual(last);
		expect(first).toBeGreaterThan(0);
		await expectNoAxeViolations(page);
	});

	it('takes the keyboard from a municipality along its row of cells', async () => {
		const { page } = session;
		await visit(page, '/uebersicht/matrix?sort=coverage');
		await expectNoAxeViolations(page);
		const firstRow = page.getByRole('table').locator('tbody tr').first();
		await firstRow.getByRole('rowheader').getByRole('link').focus();
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const element = document.activeElement;
			return {
				tag: element?.tagName,
				href: element?.getAttribute('href'),
				inRow: element?.closest('tr')?.querySelector('th')?.textContent?.trim()
			};
		});
		expect(focused.tag).toBe('A');
		expect(focused.href).toMatch(/^\/uebersicht\/themen\/\d+\?kommune=\d{8}$/);
		expect(focused.inRow).toBe((await firstRow.getByRole('rowheader').textContent())?.trim());
	});

	it('exports the filtered matrix as CSV and XLSX', async () => {
		const csv = await get('/uebersicht/matrix/export?format=csv&membership=member');
		expect(csv.status).toBe(200);
		expect(csv.response.headers.get('content-disposition')).toMatch(
			/attachment; filename="drehscheibe-matrix-\d{4}-\d{2}-\d{2}\.csv"/
		);
		const lines = csv.body
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toMatch(/^AGS,Kommune,Art,Verwaltungsverband,Einwohner,Mitglied,E-Akte,/);
		expect(lines).toHaveLength(24);
		expect(lines.find((line) => line.startsWith(`${KEHL},Kehl,`))).toContain('In Betrieb');

		const xlsx = await fetch(new URL('/uebersicht/matrix/export?format=xlsx', baseUrl()));
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await xlsx.arrayBuffer());
		expect(workbook.getWorksheet('Matrix')?.rowCount).toBe(52);
		expect((await get('/uebersicht/matrix/export?format=pdf')).status).toBe(400);
	});
});

describe('a members-only project in the overview', () => {
	it('shows in the members’ matrix, cell and export, never in the visitors’', async () => {
		const cellLink = `/uebersicht/themen/${topicId}?kommune=${ACHERN}`;
		const visitor = await get('/uebersicht/matrix');
		expect(visitor.body).toContain(`Thema ${stamp}`);
		expect(visitor.body).not.toContain(cellLink);
		const visitorCell = await get(cellLink);
		expect(visitorCell.status).toBe(200);
		expect(visitorCell.body).not.toContain(secretTitle);
		const visitorCsv = await get('/uebersicht/matrix/export?format=csv');
		// The test topic is the last column before the count: empty for visitors.
		expect(visitorCsv.body.split('\r\n').find((line) => line.startsWith(ACHERN))).toMatch(/,,\d+$/);
		for (const path of ['/', '/uebersicht', `/uebersicht/themen/${topicId}`]) {
			expect((await get(path)).body, path).not.toContain(secretTitle);
		}

		const cookie = member.cookie;
		expect((await get('/uebersicht/matrix', cookie)).body).toContain(cellLink);
		expect((await get(cellLink, cookie)).body).toContain(secretTitle);
		const memberCsv = await get('/uebersicht/matrix/export?format=csv', cookie);
		expect(memberCsv.body.split('\r\n').find((line) => line.startsWith(ACHERN))).toMatch(
			/,In Betrieb,\d+$/
		);
	});
});

describe('the topic list', () => {
	const session = useBrowser();

	it('lets the coordination add, change and delete a topic, with messages at the fields', async () => {
		const { page } = session;
		await signInAs(page, coordinator);
		await visit(page, '/verwaltung');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Themen der Matrix' }).click();
		await waitForPath(page, '/verwaltung/themen');
		expect(await h1Text(page)).toBe('Themen der Matrix');
		await expectNoAxeViolations(page);

		const name = `Friedhofsverwaltung ${stamp}`;
		const add = page.getByRole('region', { name: 'Thema hinzufügen' });
		await add.getByLabel('Name des Themas').fill(name);
		await add.getByRole('button', { name: 'Thema hinzufügen' }).click();
		await page.getByText('Geben Sie mindestens ein Schlagwort').waitFor();
		const phrases = add.getByLabel('Suchbegriffe');
		expect(await phrases.getAttribute('aria-invalid')).toBe('true');
		expect(await add.getByLabel('Name des Themas').inputValue()).toBe(name);
		await expectNoAxeViolations(page);

		await phrases.fill('Friedhof\nGrabstelle');
		await add.getByRole('button', { name: 'Thema hinzufügen' }).click();
		await page.getByRole('status').filter({ hasText: 'Das Thema wurde angelegt.' }).waitFor();
		await expectNoAxeViolations(page);
		const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
		expect(await row.textContent()).toContain('„Friedhof“, „Grabstelle“');

		await visit(page, '/uebersicht/matrix');
		expect(await page.getByRole('columnheader', { name }).count()).toBe(1);
		await expectNoAxeViolations(page);

		await visit(page, '/verwaltung/themen');
		await expectNoAxeViolations(page);
		await row.getByRole('link', { name: `Bearbeiten: ${name}` }).click();
		await waitForPath(page, /^\/verwaltung\/themen\/\d+$/);
		await expectNoAxeViolations(page);
		await page.getByLabel('Name des Themas').fill('E-Akte');
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByText('Ein Thema mit diesem Namen gibt es schon.').waitFor();
		await expectNoAxeViolations(page);
		await page.getByLabel('Name des Themas').fill(`${name} (neu)`);
		await page.getByRole('button', { name: 'Speichern' }).click();
		await page.getByRole('status').filter({ hasText: 'Das Thema wurde gespeichert.' }).waitFor();
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: `Bearbeiten: ${name} (neu)` }).click();
		await waitForPath(page, /^\/verwaltung\/themen\/\d+$/);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: `„${name} (neu)“ löschen` }).click();
		await page.getByRole('status').filter({ hasText: 'Das Thema wurde gelöscht.' }).waitFor();
		await expectNoAxeViolations(page);
		expect(await page.getByRole('rowheader', { name: `${name} (neu)` }).count()).toBe(0);
	});

	it('is closed to members who do not coordinate', async () => {
		const response = await get('/verwaltung/themen', member.cookie);
		expect(response.status).toBe(403);
		const anonymous = await get('/verwaltung/themen');
		expect(anonymous.status).toBe(303);
	});
});

describe('the front page', () => {
	const session = useBrowser();

	it('shows the shared figures and newest projects, and members what is new', async () => {
		const { page } = session;
		await visit(page, '/');
		const projectsFigure = async () =>
			(
				await page
					.getByRole('region', { name: 'Das Netzwerk in Zahlen' })
					.getByRole('listitem')
					.filter({ has: page.getByText('Projekte', { exact: true }) })
					.textContent()
			)
				?.replace(/\s+/g, ' ')
				.trim();
		const onFrontPage = await projectsFigure();
		expect(onFrontPage).toMatch(/^\d+ Projekte$/);
		await expectNoAxeViolations(page);
		await visit(page, '/uebersicht');
		expect(await projectsFigure()).toBe(onFrontPage);
		await expectNoAxeViolations(page);
		await visit(page, '/');
		await expectNoAxeViolations(page);
		expect(
			await page.getByRole('region', { name: 'Neueste Projekte' }).getByRole('link').count()
		).toBeGreaterThan(1);
		expect(await page.getByRole('heading', { name: /^Neu / }).count()).toBe(0);

		await signInAs(page, member);
		await visit(page, '/');
		const news = page.getByRole('region', { name: 'Neu in den letzten zwei Wochen' });
		expect(await news.textContent()).toContain(secretTitle);
		await expectNoAxeViolations(page);
	});
});
