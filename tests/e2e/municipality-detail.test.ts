import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, h1Text, useBrowser, visit, waitForPath } from './support/browser';

describe('municipality profile', () => {
	const session = useBrowser();

	it('shows Kehl with population, status and source attribution', async () => {
		const { page } = session;
		const response = await visit(page, '/kommunen/08317057');
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe('Kehl');
		expect(await page.title()).toBe('Kehl – Kommunen – Digitalisierungsnetzwerk Ortenau');

		const facts = page.getByRole('region', { name: 'Steckbrief' });
		const factsText = ((await facts.textContent()) ?? '').replace(/\s+/g, ' ');
		expect(factsText).toContain('38.556');
		expect(factsText).toContain('Große Kreisstadt');
		expect(factsText).toContain('08317057');

		const main = page.getByRole('main');
		expect(await main.getByText('Gründungsmitglied', { exact: true }).isVisible()).toBe(true);
		expect(await main.getByText('Mitglied seit 1. Oktober 2019').isVisible()).toBe(true);

		const source = main.getByRole('paragraph').filter({ hasText: 'Quelle:' });
		expect(await source.textContent()).toContain('Destatis');
		const licence = source.getByRole('link', {
			name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0'
		});
		expect(await licence.getAttribute('href')).toBe('https://www.govdata.de/dl-de/by-2-0');
		expect(await licence.getAttribute('rel')).toContain('license');
	});

	it('links to the data sources', async () => {
		const { page } = session;
		await visit(page, '/kommunen/08317057');
		await page.getByRole('main').getByRole('link', { name: 'Datenquellen', exact: true }).click();
		await waitForPath(page, '/datenquellen');
		await page.getByRole('heading', { level: 1, name: 'Datenquellen' }).waitFor();
		await expectNoAxeViolations(page);
		const text = (await page.getByRole('main').textContent()) ?? '';
		expect(text).toContain('Destatis');
		expect(text).toContain('Datenlizenz Deutschland – Namensnennung – Version 2.0');
	});

	it('leads to the other municipalities in the administrative association', async () => {
		const { page } = session;
		await visit(page, '/kommunen/08317096');
		expect(await h1Text(page)).toBe('Offenburg');
		const peers = page.getByRole('region', { name: 'Weitere Kommunen im VVG Offenburg' });
		const names = (await peers.getByRole('link').allTextContents()).map((name) => name.trim());
		expect(names).toEqual(['Durbach', 'Hohberg', 'Ortenberg', 'Schutterwald']);
		await peers.getByRole('link', { name: 'Ortenberg' }).click();
		await waitForPath(page, /^\/kommunen\/\d{8}$/);
		await page.getByRole('heading', { level: 1, name: 'Ortenberg' }).waitFor();
		await expectNoAxeViolations(page);
		expect(await page.getByRole('main').getByText('Kein Mitglied', { exact: true }).count()).toBe(
			1
		);
	});

	it('shows Hornberg without the non-public application', async () => {
		const { page } = session;
		await visit(page, '/kommunen/08317051');
		expect(await h1Text(page)).toBe('Hornberg');
		const main = (await page.getByRole('main').textContent()) ?? '';
		expect(main).toContain('Kein Mitglied');
		expect(main).not.toContain('beantragt');
	});

	it('answers an unknown municipality key with 404', async () => {
		const { page } = session;
		const response = await visit(page, '/kommunen/08317999');
		expect(response.status()).toBe(404);
		expect(await h1Text(page)).toBe('Seite nicht gefunden');
		expect(await page.title()).toBe('Seite nicht gefunden');
		await page.getByRole('link', { name: 'Zur Startseite' }).click();
		await waitForPath(page, '/');
		await page
			.getByRole('heading', { level: 1, name: 'Digitalisierungsnetzwerk Ortenau' })
			.waitFor();
		await expectNoAxeViolations(page);
	});

	it('answers an invalid key and an unknown page with 404', async () => {
		const { page } = session;
		for (const path of ['/kommunen/kehl', '/gibt-es-nicht']) {
			const response = await visit(page, path);
			expect(response.status(), path).toBe(404);
			expect(await h1Text(page)).toBe('Seite nicht gefunden');
		}
	});
});
