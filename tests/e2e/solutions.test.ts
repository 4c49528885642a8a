/**
 * The solutions register in the browser: a member of Lahr adds a product and records that Lahr
 * runs it; a member of Kehl clicks "Wir nutzen das auch" and rates it; the product page shows
 * both municipalities, and a visitor sees them without ratings or contacts. The coordination
 * maintains the domains. Rules and edge cases are in the database tests
 * (src/lib/server/solutions/solutions.db.test.ts, src/lib/server/catalogue/domain.db.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
const run = Date.now().toString(36);

async function signInAs(page: Page, person: TestPerson): Promise<void> {
	await page.context().addCookies([{ name: 'sitzung', value: person.token, url: baseUrl() }]);
}

/** Submits with a click and waits for the next page, which then gets its axe check. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	await Promise.all([page.waitForNavigation(), button.click()]);
	await expectNoAxeViolations(page);
}

describe('solutions register', () => {
	const session = useBrowser();

	it('a member adds a product, another one uses and rates it, a visitor sees no contacts', async () => {
		const page = session.page;
		const lahr = await createTestPerson({
			email: `loesung-lahr-${run}@lahr.example`,
			displayName: 'Lea Lahrer',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const kehl = await createTestPerson({
			email: `loesung-kehl-${run}@kehl.example`,
			displayName: 'Kai Kehler',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		await withServerDatabase((db) =>
			db
				.updateTable('person')
				.set({ email_visibility: 'network' })
				.where('id', '=', kehl.personId)
				.execute()
		);
		const name = `Terminfix ${run}`;

		// Lahr adds the product (a bad address first: the problem shows next to the field).
		await signInAs(page, lahr);
		await visit(page, '/loesungen/neu');
		expect(await h1Text(page)).toBe('Lösung eintragen');
		await page.getByLabel('Name der Lösung').fill(name);
		await page.getByLabel('Hersteller', { exact: true }).fill('Termin GmbH');
		await page.getByLabel('Kategorie').selectOption('termin');
		await page.getByLabel('Webseite').fill('ftp://termin.example');
		await submit(page, page.getByRole('button', { name: 'Lösung eintragen' }));
		await expect.poll(() => page.getByText('mit http:// oder https://').count()).toBe(1);
		await page.getByLabel('Webseite').fill('https://termin.example');
		await submit(page, page.getByRole('button', { name: 'Lösung eintragen' }));
		expect(await h1Text(page)).toBe(name);
		const productPath = new URL(page.url()).pathname;
		await expect.poll(() => page.getByText('Die Lösung ist eingetragen.').count()).toBe(1);
		expect(await page.getByRole('definition').allTextContents()).toContain('Terminvergabe');

		await submit(page, page.getByRole('button', { name: /Wir nutzen das auch/ }));
		expect(await page.getByRole('heading', { name: 'Im Einsatz (1)' }).count()).toBe(1);

		// Kehl: "Wir nutzen das auch", then the rating on the adoption form.
		const kehlPage = await session.newPage();
		await signInAs(kehlPage, kehl);
		await visit(kehlPage, productPath);
		await submit(kehlPage, kehlPage.getByRole('button', { name: 'Wir nutzen das auch (Kehl)' }));
		await kehlPage.getByRole('link', { name: 'Nutzung von Kehl bearbeiten' }).click();
		await kehlPage.waitForURL(/\/nutzung\?kommune=08317057$/);
		await expectNoAxeViolations(kehlPage);
		await kehlPage.getByLabel('Wofür nutzen Sie es?').fill('Bürgerbüro');
		await kehlPage.getByLabel('Ansprechperson').selectOption({ label: 'Kai Kehler' });
		await kehlPage.getByRole('radio', { name: '4 – zufrieden' }).check();
		await kehlPage.getByLabel('Ihre Erfahrung').fill('Termine ohne Warteschlange.');
		await submit(kehlPage, kehlPage.getByRole('button', { name: 'Speichern' }));
		const users = kehlPage.getByRole('region', { name: 'Wer im Netzwerk nutzt es?' });
		expect(await kehlPage.getByRole('heading', { name: 'Im Einsatz (2)' }).count()).toBe(1);
		const usersText = (await users.textContent()) ?? '';
		expect(usersText).toContain('Kehl');
		expect(usersText).toContain('Lahr');
		expect(usersText).toContain('4 von 5 Punkten');
		expect(usersText).toContain('Termine ohne Warteschlange.');
		expect(usersText).toContain(kehl.email);

		// The list counts two municipalities running it.
		await visit(kehlPage, `/loesungen?q=${encodeURIComponent(name)}&sortierung=verbreitung`);
		const row = kehlPage.getByRole('row', { name: new RegExp(name) });
		expect(await row.getByRole('cell').allTextContents()).toEqual([
			'Termin GmbH',
			'Terminvergabe',
			'2'
		]);

		// Lahr edits the facts.
		await visit(page, `${productPath}/bearbeiten`);
		await page.getByLabel('Betreiber').fill('Komm.ONE');
		await submit(page, page.getByRole('button', { name: 'Speichern' }));
		expect(await page.getByRole('definition').allTextContents()).toContain('Komm.ONE');

		// A visitor sees who uses it at which stage, but no rating, experience or contact.
		const visitor = await session.newPage();
		await visit(visitor, productPath);
		const visitorText = (await visitor.locator('main').textContent()) ?? '';
		expect(visitorText).toContain('Kehl');
		expect(visitorText).toContain('Lahr');
		expect(visitorText).toContain('Bürgerbüro');
		expect(visitorText).not.toContain('Kai Kehler');
		expect(visitorText).not.toContain(kehl.email);
		expect(visitorText).not.toContain('Termine ohne Warteschlange.');
		expect(visitorText).not.toContain('von 5 Punkten');
		expect(await visitor.getByRole('button', { name: /Wir nutzen das auch/ }).count()).toBe(0);
	});

	it('the coordination adds and archives a domain', async () => {
		const page = session.page;
		const coordinator = await createTestPerson({
			email: `fachbereiche-${run}@netz.example`,
			displayName: 'Cora Koordination',
			isCoordinator: true
		});
		await signInAs(page, coordinator);
		await visit(page, '/verwaltung/fachbereiche');
		expect(await h1Text(page)).toBe('Fachbereiche');
		const domain = `Friedhofswesen ${run}`;
		await page.getByLabel('Name', { exact: true }).fill(domain);
		await submit(page, page.getByRole('button', { name: 'Hinzufügen' }));
		const row = page.getByRole('row', { name: new RegExp(domain) });
		expect(await row.getByRole('cell').first().textContent()).toContain('Aktiv');
		await submit(
			page,
			row.getByRole('button', { name: new RegExp(`^Archivieren\\s*: ${domain}$`) })
		);
		expect(
			await page
				.getByRole('row', { name: new RegExp(domain) })
				.getByRole('cell')
				.first()
				.textContent()
		).toContain('Archiviert');
	});
});
