import { describe, expect, it } from 'vitest';
import { h1Text, useBrowser, visit, expectNoAxeViolations, waitForPath } from './support/browser';

describe('home page', () => {
	const session = useBrowser();

	it('shows the network name, the demo notice and the key figures', async () => {
		const { page } = session;
		const response = await visit(page, '/');
		expect(response.status()).toBe(200);
		expect(await h1Text(page)).toBe('Digitalisierungsnetzwerk Ortenau');
		expect(await page.title()).toBe('Digitalisierungsnetzwerk Ortenau');
		expect(await page.getAttribute('html', 'lang')).toBe('de');

		const banner = page.getByRole('note');
		expect(await banner.textContent()).toContain('Demo-Inhalte');
		expect(await banner.isVisible()).toBe(true);

		const figures = page.getByRole('region', { name: 'Das Netzwerk in Zahlen' });
		const figure = async (label: string) =>
			(
				await figures
					.getByRole('listitem')
					.filter({ has: page.getByText(label, { exact: true }) })
					.textContent()
			)
				?.replace(/\s+/g, ' ')
				.trim();
		expect(await figure('Mitgliedskommunen')).toBe('23 Mitgliedskommunen');
		expect(await figure('Gründungsmitglieder')).toBe('5 Gründungsmitglieder');
		expect(await figure('Kommunen im Gebiet')).toBe('51 Kommunen im Gebiet');
	});

	it('lists the members with links, without applicants', async () => {
		const { page } = session;
		await visit(page, '/');
		const members = page.getByRole('region', { name: 'Mitglieder', exact: true });
		const memberLinks = members.getByRole('list').getByRole('link');
		expect(await memberLinks.count()).toBe(23);
		const names = (await memberLinks.allTextContents()).map((name) => name.trim());
		for (const founder of ['Achern', 'Kehl', 'Lahr/Schwarzwald', 'Oberkirch', 'Offenburg']) {
			expect(names).toContain(founder);
			const item = members.getByRole('listitem').filter({
				has: page.getByRole('link', { name: founder, exact: true })
			});
			expect(await item.textContent()).toContain('Gründungsmitglied');
		}
		// Hornberg has only applied; applications are not public.
		expect(names).not.toContain('Hornberg');
		expect(
			await members.getByRole('link', { name: 'Kehl', exact: true }).getAttribute('href')
		).toBe('/kommunen/08317057');

		const all = members.getByRole('link', { name: 'Alle 23 Mitglieder anzeigen' });
		await all.click();
		await waitForPath(page, '/kommunen?membership=member');
		await page.getByRole('status').filter({ hasText: '23 Kommunen' }).waitFor();
		await expectNoAxeViolations(page);
	});

	it('leads to the municipality through a member link', async () => {
		const { page } = session;
		await visit(page, '/');
		await page
			.getByRole('region', { name: 'Mitglieder', exact: true })
			.getByRole('link', { name: 'Kehl', exact: true })
			.click();
		await waitForPath(page, '/kommunen/08317057');
		await page.getByRole('heading', { level: 1, name: 'Kehl' }).waitFor();
		await expectNoAxeViolations(page);
	});

	it('shows the latest joins as activity', async () => {
		const { page } = session;
		await visit(page, '/');
		const activity = page.getByRole('region', { name: 'Neues aus dem Netzwerk' });
		const items = activity.getByRole('listitem');
		expect(await items.count()).toBeGreaterThan(0);
		const texts = (await items.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
		for (const text of texts) expect(text).toMatch(/ist dem Netzwerk beigetreten$/);
		expect(texts.join('\n')).not.toContain('Hornberg');

		// Newest first: the machine-readable dates never increase down the list.
		const dates = await activity
			.locator('time')
			.evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
		expect(dates.length).toBe(texts.length);
		expect([...dates].sort().reverse()).toEqual(dates);
	});

	it('sends the search to /suche', async () => {
		const { page } = session;
		await visit(page, '/');
		const search = page.getByRole('search');
		await search.getByLabel('Wer macht was schon?').fill('Offenburg');
		await search.getByRole('button', { name: 'Suchen' }).click();
		await waitForPath(page, '/suche?q=Offenburg');
		const results = page.getByRole('region', { name: 'Ergebnisse für „Offenburg“' });
		await results.waitFor();
		expect(await results.getByRole('link', { name: 'Offenburg', exact: true }).count()).toBe(1);
		await expectNoAxeViolations(page);
	});
});
