import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	expectNoAxeViolations,
	h1Text,
	rowNames,
	useBrowser,
	visit,
	waitForPath
} from './support/browser';

const FOUNDERS = ['Achern', 'Kehl', 'Lahr/Schwarzwald', 'Oberkirch', 'Offenburg'];

/** Submits the filter form and waits until the list for the new query is shown and checked. */
async function applyFilters(page: Page, expectedQuery: RegExp): Promise<URLSearchParams> {
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await waitForPath(page, expectedQuery);
	await page.getByRole('heading', { level: 1, name: 'Kommunen' }).waitFor();
	await expectNoAxeViolations(page);
	return new URL(page.url()).searchParams;
}

async function countText(page: Page): Promise<string> {
	return ((await page.getByRole('status').textContent()) ?? '').trim();
}

describe('municipality list', () => {
	const session = useBrowser();

	it('shows all 51 municipalities on one page', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		expect(await h1Text(page)).toBe('Kommunen');
		expect(await countText(page)).toBe('51 Kommunen');
		const names = await rowNames(page);
		expect(names).toHaveLength(51);
		expect(new Set(names).size).toBe(51);
		expect(await page.getByRole('navigation', { name: 'Seitennavigation' }).count()).toBe(0);
		// The header link to this page is marked as the current one.
		const navLink = page
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Kommunen' });
		expect(await navLink.getAttribute('aria-current')).toBe('page');
	});

	it('sorts in German order: umlauts and ß like their base letter', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		const names = await rowNames(page);
		const position = (name: string) => {
			const index = names.indexOf(name);
			expect(index, `${name} fehlt in der Liste`).toBeGreaterThanOrEqual(0);
			return index;
		};
		const expectedOrder = [
			'Oberwolfach',
			'Offenburg',
			'Ohlsbach',
			'Oppenau',
			'Ortenberg',
			'Ottenhöfen im Schwarzwald'
		];
		const positions = expectedOrder.map(position);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(position('Meißenheim')).toBeLessThan(position('Mühlenbach'));
		// Byte order would put "Ottenhöfen…" behind every plain O-name; German order does not.
		expect(position('Ottenhöfen im Schwarzwald')).toBeLessThan(position('Renchen'));
		expect(names[0]).toBe('Achern');
		expect(names.at(-1)).toBe('Zell am Harmersbach');
	});

	it('filters by membership and keeps the filter in the address', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Mitgliedschaft', { exact: true }).selectOption({ label: 'Mitglied' });
		const params = await applyFilters(page, /membership=member/);
		expect(params.get('membership')).toBe('member');
		expect(await countText(page)).toBe('23 Kommunen');
		const names = await rowNames(page);
		expect(names).toHaveLength(23);
		for (const founder of FOUNDERS) expect(names).toContain(founder);
		expect(names).not.toContain('Hornberg');
		// The public cannot filter by pending applications.
		const options = await page
			.getByLabel('Mitgliedschaft', { exact: true })
			.locator('option')
			.allTextContents();
		expect(options.map((o) => o.trim())).toEqual(['Alle', 'Mitglied', 'Kein Mitglied']);

		// Opening the address afresh shows the same filtered list with the filter preselected.
		const shared = page.url();
		const second = await session.newPage();
		await visit(second, shared);
		expect(await second.getByLabel('Mitgliedschaft', { exact: true }).inputValue()).toBe('member');
		expect(await rowNames(second)).toEqual(names);

		// Resetting returns to the full register.
		await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
		await waitForPath(page, '/kommunen');
		await page.getByRole('status').filter({ hasText: '51 Kommunen' }).waitFor();
		await expectNoAxeViolations(page);
		expect(await rowNames(page)).toHaveLength(51);
	});

	it('shows Hornberg (application only) publicly as not a member', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		const row = page.getByRole('row').filter({
			has: page.getByRole('rowheader', { name: 'Hornberg', exact: true })
		});
		const text = (await row.textContent()) ?? '';
		expect(text).toContain('Kein Mitglied');
		expect(text).not.toContain('beantragt');
	});

	it('filters by municipality type: five major district towns', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Gemeindetyp').selectOption({ label: 'Große Kreisstadt' });
		const params = await applyFilters(page, /type=grosse_kreisstadt/);
		expect(params.get('type')).toBe('grosse_kreisstadt');
		expect(await countText(page)).toBe('5 Kommunen');
		expect(await rowNames(page)).toEqual(FOUNDERS);
	});

	it('filters by administrative association', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		const select = page.getByLabel('Verwaltungsverband');
		await select.selectOption({ label: 'VVG Offenburg' });
		const associationId = await select.inputValue();
		expect(associationId).toMatch(/^\d+$/);
		const params = await applyFilters(page, /association=\d+/);
		expect(params.get('association')).toBe(associationId);
		const names = await rowNames(page);
		expect(names).toEqual(['Durbach', 'Hohberg', 'Offenburg', 'Ortenberg', 'Schutterwald']);
		expect(await countText(page)).toBe('5 Kommunen');
		// Every row shows the chosen association.
		const cells = await page
			.getByRole('row')
			.filter({ has: page.getByRole('rowheader') })
			.getByRole('cell', { name: 'VVG Offenburg', exact: true })
			.count();
		expect(cells).toBe(5);
	});

	it('combines filters: members among the towns', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Mitgliedschaft', { exact: true }).selectOption({ label: 'Mitglied' });
		await page.getByLabel('Gemeindetyp').selectOption({ label: 'Stadt' });
		const params = await applyFilters(page, /type=stadt/);
		expect(params.get('membership')).toBe('member');
		const names = await rowNames(page);
		expect(names.length).toBeGreaterThan(0);
		expect(names.length).toBeLessThan(23);
		for (const name of FOUNDERS) expect(names).not.toContain(name);
		expect(names).toContain('Ettenheim');
		expect(names).not.toContain('Gengenbach'); // a town, but no member
	});

	it('sorts by population, descending: Offenburg first', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Sortierung').selectOption({ label: 'Einwohner (absteigend)' });
		const params = await applyFilters(page, /sort=-population/);
		expect(params.get('sort')).toBe('-population');
		const names = await rowNames(page);
		expect(names).toHaveLength(51);
		expect(names.slice(0, 3)).toEqual(['Offenburg', 'Lahr/Schwarzwald', 'Kehl']);
		const populations = (
			await page.getByRole('table').locator('tbody td.number').allTextContents()
		).map((text) => Number(text.trim().replace(/\./g, '')));
		expect(populations[0]).toBe(62220);
		expect([...populations].sort((a, b) => b - a)).toEqual(populations);
	});

	it('searches the name regardless of umlauts', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Name enthält').fill('höfen');
		await applyFilters(page, /q=h%C3%B6fen/);
		expect(await rowNames(page)).toEqual(['Ottenhöfen im Schwarzwald']);
		expect(await countText(page)).toBe('1 Kommune');
	});

	it('leads from the table to the municipality and back', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByRole('table').getByRole('link', { name: 'Kehl', exact: true }).click();
		await waitForPath(page, '/kommunen/08317057');
		await page.getByRole('heading', { level: 1, name: 'Kehl' }).waitFor();
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Zurück zur Liste der Kommunen' }).click();
		await waitForPath(page, '/kommunen');
		await page.getByRole('heading', { level: 1, name: 'Kommunen' }).waitFor();
		await expectNoAxeViolations(page);
	});
});

describe('municipality list without JavaScript', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('filters and sorts through the form', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		// Without JavaScript the app never hydrates, so the router's live region is missing.
		expect(await page.locator('#svelte-announcer').count()).toBe(0);
		await page.getByLabel('Mitgliedschaft', { exact: true }).selectOption({ label: 'Mitglied' });
		await page.getByLabel('Gemeindetyp').selectOption({ label: 'Große Kreisstadt' });
		await page.getByLabel('Sortierung').selectOption({ label: 'Einwohner (absteigend)' });
		const params = await applyFilters(page, /sort=-population/);
		expect(params.get('membership')).toBe('member');
		expect(params.get('type')).toBe('grosse_kreisstadt');
		expect(await countText(page)).toBe('5 Kommunen');
		expect(await rowNames(page)).toEqual([
			'Offenburg',
			'Lahr/Schwarzwald',
			'Kehl',
			'Achern',
			'Oberkirch'
		]);
		expect(await page.getByLabel('Gemeindetyp').inputValue()).toBe('grosse_kreisstadt');
	});

	it('filters by administrative association', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.getByLabel('Verwaltungsverband').selectOption({ label: 'GVV Kappelrodeck' });
		await applyFilters(page, /association=\d+/);
		expect(await rowNames(page)).toEqual(['Kappelrodeck', 'Ottenhöfen im Schwarzwald', 'Seebach']);
	});
});
