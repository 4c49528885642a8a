/**
 * The network map in the browser, on the demo network: every municipality is a link with its
 * name and mark, the table below lists them all, the colouring form works as a plain GET form
 * and names a bad choice next to the field, and a stage that only a members-only project gives
 * reaches signed-in members but never an anonymous visitor (also from the page cache). Rules
 * and edge cases are in src/lib/server/overview/map.db.test.ts and map-layout.test.ts.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/lib/server/context';
import { createTopic } from '../../src/lib/server/overview';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';
import { testServer } from './support/test-server';
import {
	baseUrl,
	expectNoAxeViolations,
	h1Text,
	rowNames,
	useBrowser,
	visit,
	waitForPath
} from './support/browser';

const KEHL = '08317057';
const LAHR = '08317065';
const ACHERN = '08317001';
const APPENWEIER = '08317005';
const PHONE = { width: 360, height: 740 };
const stamp = Date.now().toString(36);
const productName = `Kartenprodukt ${stamp}`;
const topicName = `Kartenthema ${stamp}`;
/** The map's stage labels, lowest first (stopped and paused rank below any active stage). */
const STAGE_ORDER = [
	'Kein Stand erfasst',
	'Eingestellt',
	'Pausiert',
	'Idee oder Interesse',
	'In Planung oder Prüfung',
	'In Umsetzung oder Pilotbetrieb',
	'In Betrieb'
];

let productId = 0;
let topicId = 0;
let registerSize = 0;
let member: TestPerson;

/** The links drawn in the map's SVG. */
const mapLinks = (page: Page) => page.locator('figure svg a');

async function mapLinkNames(page: Page): Promise<string[]> {
	return mapLinks(page).evaluateAll((links) =>
		links.map((link) => link.querySelector('title')?.textContent?.trim() ?? '')
	);
}

/** The third column of the table, by municipality name. */
async function tableMarks(page: Page): Promise<Record<string, string>> {
	const rows = page.getByRole('table').locator('tbody tr');
	const entries = await rows.evaluateAll((trs) =>
		trs.map((tr) => [
			tr.querySelector('th a')?.textContent?.trim() ?? '',
			tr.querySelectorAll('td')[1]?.textContent?.trim() ?? ''
		])
	);
	return Object.fromEntries(entries) as Record<string, string>;
}

/** Neither a drawn municipality nor a table row shows the stage only a members-only project gives. */
function expectNoBuildingStage(html: string): void {
	expect(html).not.toMatch(/<title>[^<]*In Umsetzung/);
	expect(html).not.toMatch(/<td>In Umsetzung/);
}

async function legendEntry(page: Page, text: string): Promise<number> {
	return page.getByRole('list', { name: 'Legende' }).getByText(text, { exact: true }).count();
}

beforeAll(async () => {
	productId = await createTestProduct(productName, 'termin');
	await withServerDatabase(async (db) => {
		const lahr = await db
			.selectFrom('municipality')
			.select('id')
			.where('ags', '=', LAHR)
			.executeTakeFirstOrThrow();
		await db
			.insertInto('adoption')
			.values({
				product_id: productId,
				municipality_id: lahr.id,
				stage: 'live',
				updated_at: new Date().toISOString()
			})
			.execute();
		const count = await db
			.selectFrom('municipality')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		registerSize = Number(count.n);
	});
	// Kehl plans it in public; Achern (with Appenweier) builds it in a members-only project.
	const open = await createTestProject({
		ags: KEHL,
		title: `Offene Einführung ${stamp}`,
		visibility: 'public',
		status: 'planung'
	});
	const secret = await createTestProject({
		ags: ACHERN,
		title: `Interne Einführung ${stamp}`,
		visibility: 'network',
		status: 'umsetzung',
		partnerAgs: [APPENWEIER]
	});
	await withServerDatabase(async (db) => {
		for (const projectId of [open, secret]) {
			await db
				.insertInto('project_product')
				.values({ project_id: projectId, product_id: productId })
				.execute();
		}
	});
	// A topic of the matrix matched by the product (its adoptions and projects).
	topicId = await withServerDatabase(async (db) => {
		const created = await createTopic(systemContext(db, 'e2e'), {
			name: topicName,
			productIds: [productId],
			position: 900
		});
		return created.id;
	});
	member = await createTestPerson({
		email: `karte-${stamp}@lahr.example`,
		displayName: 'Karla Karte',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
});

describe('network map', () => {
	const session = useBrowser();

	it('draws every municipality as a link with its name and membership; the table lists all', async () => {
		const { page } = session;
		const response = await visit(page, '/uebersicht/karte');
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe('Karte des Netzwerks');
		expect(registerSize).toBe(51);

		const names = await mapLinkNames(page);
		expect(names).toHaveLength(registerSize);
		for (const name of names) {
			expect(name).toMatch(/^.+: (Gründungsmitglied|Mitglied|Kein Mitglied)$/);
		}
		// The accessible name of a drawn link is its name and mark.
		const kehl = page.getByRole('link', { name: 'Kehl: Gründungsmitglied', exact: true });
		expect(await kehl.count()).toBe(1);
		expect(await kehl.getAttribute('href')).toBe(`/kommunen/${KEHL}`);
		// Applications are internal: a visitor learns of none.
		expect(await page.content()).not.toContain('Aufnahme beantragt');

		const summary = page.getByText(/von 51 Kommunen sind Mitglied im Netzwerk/);
		expect(await summary.count()).toBe(1);
		const legend = page.getByRole('list', { name: 'Legende' });
		expect(await legend.getByText('Gründungsmitglied: 5', { exact: true }).count()).toBe(1);

		const table = page.getByRole('table', { name: 'Mitgliedschaft aller Kommunen im Netzwerk' });
		expect(await table.count()).toBe(1);
		expect(await rowNames(page)).toHaveLength(registerSize);
		expect((await tableMarks(page))['Kehl']).toBe('Gründungsmitglied');
		const headers = await table.getByRole('columnheader').allTextContents();
		expect(headers.map((h) => h.trim())).toEqual(['Kommune', 'Einwohner', 'Mitgliedschaft']);
	});

	it('lets a keyboard user reach each municipality and shows where the focus is', async () => {
		const { page } = session;
		await visit(page, '/uebersicht/karte');
		await page.getByRole('link', { name: 'Karte überspringen, zur Tabelle' }).focus();
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const active = document.activeElement;
			const ring = active?.querySelector('.focus-ring');
			return {
				inMap: active?.closest('figure svg') !== null && active?.tagName.toLowerCase() === 'a',
				name: active?.querySelector('title')?.textContent ?? '',
				ring: ring ? getComputedStyle(ring).visibility : 'none'
			};
		});
		expect(focused.inMap).toBe(true);
		// The largest municipality is drawn first, so it comes first.
		expect(focused.name).toBe('Offenburg: Gründungsmitglied');
		expect(focused.ring).toBe('visible');
		await expectNoAxeViolations(page);
		// Tabbing goes on through all drawn municipalities.
		for (let i = 1; i < registerSize; i++) await page.keyboard.press('Tab');
		const last = await page.evaluate(() => document.activeElement?.closest('figure svg') !== null);
		expect(last).toBe(true);
		await page.keyboard.press('Tab');
		const afterMap = await page.evaluate(() => document.activeElement?.closest('table') !== null);
		expect(afterMap).toBe(true);
	});

	it('recolours by a product chosen in the form; the table shows the stages', async () => {
		const { page } = session;
		await visit(page, '/uebersicht/karte');
		const select = page.getByLabel('Karte einfärben nach');
		await select.selectOption({ label: productName });
		await Promise.all([
			waitForPath(page, `/uebersicht/karte?farbe=produkt-${productId}`),
			page.getByRole('button', { name: 'Karte anzeigen' }).click()
		]);
		await expectNoAxeViolations(page);

		const names = await mapLinkNames(page);
		expect(names).toContain('Lahr/Schwarzwald: In Betrieb');
		expect(names).toContain('Kehl: In Planung oder Prüfung');
		expect(names).toContain('Offenburg: Kein Stand erfasst');
		const marks = await tableMarks(page);
		expect(marks['Lahr/Schwarzwald']).toBe('In Betrieb');
		expect(marks['Kehl']).toBe('In Planung oder Prüfung');
		expect(await rowNames(page)).toHaveLength(registerSize);
		expect(
			await page
				.getByRole('table', { name: `Stand aller Kommunen beim Produkt „${productName}“` })
				.count()
		).toBe(1);
		expect(
			await page
				.getByText(
					`Für 2 von 51 Kommunen ist ein Stand beim Produkt „${productName}“ erfasst, 1 davon in Betrieb.`
				)
				.count()
		).toBe(1);
		expect(await select.inputValue()).toBe(`produkt-${productId}`);
	});

	it('colours by a topic: at least as far as the stage with one of its products', async () => {
		const { page } = session;
		await visit(page, `/uebersicht/karte?farbe=produkt-${productId}`);
		const product = await tableMarks(page);

		const select = page.getByLabel('Karte einfärben nach');
		await select.selectOption({ label: topicName });
		await Promise.all([
			waitForPath(page, `/uebersicht/karte?farbe=thema-${topicId}`),
			page.getByRole('button', { name: 'Karte anzeigen' }).click()
		]);
		await expectNoAxeViolations(page);
		expect(
			await page
				.getByRole('table', { name: `Stand aller Kommunen im Themenfeld „${topicName}“` })
				.count()
		).toBe(1);
		const topic = await tableMarks(page);
		expect(Object.keys(topic)).toHaveLength(registerSize);
		const withProduct = Object.entries(product).filter(([, mark]) => mark !== 'Kein Stand erfasst');
		expect(withProduct.length).toBe(2);
		for (const [name, mark] of withProduct) {
			expect(STAGE_ORDER.indexOf(topic[name] ?? ''), name).toBeGreaterThanOrEqual(
				STAGE_ORDER.indexOf(mark)
			);
		}
		// The members-only project reaches the topic no more than the product for a visitor.
		expect(topic['Achern']).toBe('Kein Stand erfasst');
		for (const name of await mapLinkNames(page)) {
			expect(STAGE_ORDER).toContain(name.slice(name.lastIndexOf(': ') + 2));
		}
	});

	it('names an unknown product or a malformed choice next to the field', async () => {
		const { page } = session;
		for (const [query, message] of [
			['farbe=produkt-987654321', 'Zu diesem Produkt ist keine Nutzung erfasst'],
			[
				'farbe=irgendwas',
				'Diese Auswahl gibt es nicht. Bitte wählen Sie eine Färbung aus der Liste.'
			]
		] as const) {
			const response = await visit(page, `/uebersicht/karte?${query}`);
			expect(response.status(), query).toBe(200);
			const select = page.getByLabel('Karte einfärben nach');
			expect(await select.getAttribute('aria-invalid'), query).toBe('true');
			const describedBy = (await select.getAttribute('aria-describedby')) ?? '';
			const error = page.locator(`[id="${describedBy}"]`);
			expect(await error.textContent(), query).toContain(message);
			// The map falls back to membership.
			expect(await mapLinkNames(page), query).toContain('Kehl: Gründungsmitglied');
		}
	});

	it('never shows an anonymous visitor a stage from a members-only project; a member sees it', async () => {
		const path = `/uebersicht/karte?farbe=produkt-${productId}`;
		const { page } = session;
		// Twice: the second answer may come from the page cache.
		for (let i = 0; i < 2; i++) {
			await visit(page, `${path}&runde=${i}`);
			const names = await mapLinkNames(page);
			expect(names).toContain('Achern: Kein Stand erfasst');
			expect(names).toContain('Appenweier: Kein Stand erfasst');
			const marks = await tableMarks(page);
			expect(marks['Achern']).toBe('Kein Stand erfasst');
			expectNoBuildingStage(await page.content());
			expect(await legendEntry(page, 'In Umsetzung oder Pilotbetrieb: 0')).toBe(1);
		}
		const plain = await fetch(baseUrl() + path);
		expectNoBuildingStage(await plain.text());

		const memberPage = await session.newPage();
		await memberPage
			.context()
			.addCookies([{ name: 'sitzung', value: member.token, url: baseUrl() }]);
		await visit(memberPage, path);
		const names = await mapLinkNames(memberPage);
		expect(names).toContain('Achern: In Umsetzung oder Pilotbetrieb');
		expect(names).toContain('Appenweier: In Umsetzung oder Pilotbetrieb');
		expect((await tableMarks(memberPage))['Achern']).toBe('In Umsetzung oder Pilotbetrieb');
		expect(await memberPage.getByText(/Entwürfe zählen nicht/).count()).toBe(1);
		expect(await legendEntry(memberPage, 'In Umsetzung oder Pilotbetrieb: 2')).toBe(1);

		// And the anonymous page is still without it after the member's visit.
		const again = await fetch(testServer().baseUrl + path);
		expectNoBuildingStage(await again.text());
	});

	it('fits a phone: the page does not scroll sideways, the table scrolls in its box', async () => {
		const phone = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
		await visit(phone, '/uebersicht/karte');
		const width = await phone.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(PHONE.width);
		const svg = await phone.getByRole('group', { name: 'Kommunen auf der Karte' }).boundingBox();
		expect(svg).not.toBeNull();
		expect(svg!.x + svg!.width).toBeLessThanOrEqual(PHONE.width);
		expect(svg!.height).toBeGreaterThan(100);
		const wrapper = phone.getByRole('table').locator('xpath=..');
		expect(await wrapper.getAttribute('class')).toContain('table-wrap');
	});
});
