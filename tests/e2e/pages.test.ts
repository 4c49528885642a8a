import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, h1Text, useBrowser, visit, waitForPath } from './support/browser';

describe('search', () => {
	const session = useBrowser();

	it('finds Offenburg for “offen”', async () => {
		const { page } = session;
		const response = await visit(page, '/suche?q=offen');
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe('Suche');
		expect(await page.getByRole('search').getByLabel('Suchbegriff').inputValue()).toBe('offen');
		const results = page.getByRole('region', { name: 'Ergebnisse für „offen“' });
		// The municipality whose name matches comes first, before projects that mention the word.
		const links = results.getByRole('link').first();
		expect((await links.textContent())?.trim()).toBe('Offenburg');
		expect(await links.getAttribute('href')).toBe('/kommunen/08317096');
		const item = ((await results.getByRole('listitem').first().textContent()) ?? '').replace(
			/\s+/g,
			' '
		);
		expect(item).toContain('Große Kreisstadt');
		expect(item).toContain('62.220');

		await links.click();
		await waitForPath(page, '/kommunen/08317096');
		await page.getByRole('heading', { level: 1, name: 'Offenburg' }).waitFor();
		await expectNoAxeViolations(page);
	});

	it('searches regardless of case and umlauts', async () => {
		const { page } = session;
		await visit(page, '/suche?q=MEISSEN');
		const results = page.getByRole('region', { name: 'Ergebnisse für „MEISSEN“' });
		expect((await results.getByRole('link').first().textContent())?.trim()).toBe('Meißenheim');
	});

	it('says so when nothing was found', async () => {
		const { page } = session;
		await visit(page, '/suche');
		const field = page.getByRole('search').getByLabel('Suchbegriff');
		await field.fill('Atlantis');
		await field.press('Enter');
		await waitForPath(page, '/suche?q=Atlantis');
		const none = page.getByRole('status').filter({ hasText: 'Keine Treffer für „Atlantis“.' });
		await none.waitFor();
		await expectNoAxeViolations(page);
		expect(
			await page
				.getByRole('region', { name: 'Ergebnisse für „Atlantis“' })
				.getByRole('link')
				.count()
		).toBe(0);
	});
});

describe('footer and header pages', () => {
	const session = useBrowser();

	const pages = [
		{ path: '/impressum', h1: 'Impressum' },
		{ path: '/datenschutz', h1: 'Datenschutzerklärung' },
		{ path: '/barrierefreiheit', h1: 'Erklärung zur Barrierefreiheit' },
		{ path: '/datenquellen', h1: 'Datenquellen' },
		{ path: '/netzwerk', h1: 'Über das Netzwerk' }
	];

	it.each(pages)('$path has a heading and passes axe', async ({ path, h1 }) => {
		const { page } = session;
		const response = await visit(page, path);
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe(h1);
		expect(await page.title()).toContain('Digitalisierungsnetzwerk Ortenau');
		const text = ((await page.getByRole('main').textContent()) ?? '').trim();
		expect(text.length).toBeGreaterThan(h1.length + 40);
	});

	it('the footer and the header link to these pages', async () => {
		const { page } = session;
		await visit(page, '/');
		const footer = page.getByRole('navigation', { name: 'Fußbereich' });
		const footerLinks = [
			{ name: 'Impressum', path: '/impressum' },
			{ name: 'Datenschutz', path: '/datenschutz' },
			{ name: 'Barrierefreiheit', path: '/barrierefreiheit' },
			{ name: 'Datenquellen', path: '/datenquellen' }
		];
		for (const { name, path } of footerLinks) {
			expect(await footer.getByRole('link', { name, exact: true }).getAttribute('href')).toBe(path);
		}
		// One real client-side navigation through the header, checked like any other page.
		await page
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Über das Netzwerk' })
			.click();
		await waitForPath(page, '/netzwerk');
		await page.getByRole('heading', { level: 1, name: 'Über das Netzwerk' }).waitFor();
		await expectNoAxeViolations(page);
		const current = page
			.getByRole('navigation', { name: 'Hauptnavigation' })
			.getByRole('link', { name: 'Über das Netzwerk' });
		expect(await current.getAttribute('aria-current')).toBe('page');
	});
});
