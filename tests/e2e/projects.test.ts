/**
 * The project catalogue in the browser: a Digitallotsin of a small member (Durbach) adds a quick
 * note from a phone-sized window; a person of Lahr documents a live project with product, costs
 * and contacts through the edit form; a visitor never sees a members-only project; the
 * coordination restores a deleted one. Rules and edge cases are in the database tests
 * (src/lib/server/projects/projects.db.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	baseUrl,
	expectNoAxeViolations,
	h1Text,
	useBrowser,
	visit,
	waitForPath
} from './support/browser';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
/** A small member of the demo network (about 4,000 inhabitants). */
const DURBACH = '08317021';
const run = Date.now().toString(36);

async function signInAs(page: Page, person: TestPerson): Promise<void> {
	await page.context().addCookies([{ name: 'sitzung', value: person.token, url: baseUrl() }]);
}

/** Submits with a click and waits for the next page, which then gets its axe check. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	await Promise.all([page.waitForNavigation(), button.click()]);
	await expectNoAxeViolations(page);
}

async function setJobTitle(person: TestPerson, jobTitle: string): Promise<void> {
	await withServerDatabase((db) =>
		db
			.updateTable('person')
			.set({ job_title: jobTitle, email_visibility: 'network' })
			.where('id', '=', person.personId)
			.execute()
	);
}

describe('project catalogue', () => {
	const session = useBrowser();

	it('a Digitallotsin of a small member adds a quick note on a phone', async () => {
		const dana = await createTestPerson({
			email: `lotsin-${run}@durbach.example`,
			displayName: 'Dana Durbacher',
			memberships: [{ ags: DURBACH, role: 'member' }]
		});
		const page = await session.newPage({ viewport: { width: 375, height: 740 } });
		await signInAs(page, dana);
		await visit(page, '/projekte');
		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('link', { name: 'Projekt eintragen' }).first().click()
		]);
		await expectNoAxeViolations(page);
		expect(await h1Text(page)).toBe('Projekt eintragen');
		// One municipality: nothing to choose.
		expect(await page.getByText('Das Projekt wird für Durbach eingetragen.').count()).toBe(1);
		expect(await page.getByLabel('Für welche Kommune?').count()).toBe(0);

		// Without a title nothing is saved and the problem shows next to the field.
		await page.getByLabel('In einem Satz: Worum geht es?').fill('Bürger melden Schäden per App.');
		await submit(page, page.getByRole('button', { name: 'Projekt speichern' }));
		expect(await page.getByText('Bitte geben Sie einen Titel an.').count()).toBe(1);

		const title = `Mängelmelder ${run}`;
		await page.getByLabel('Titel des Projekts').fill(title);
		await page.getByLabel('Stand').selectOption({ label: 'Planung' });
		await submit(page, page.getByRole('button', { name: 'Projekt speichern' }));
		expect(await h1Text(page)).toBe(title);
		expect(
			await page.getByText('Gespeichert – weitere Angaben können Sie jederzeit ergänzen.').count()
		).toBe(1);
		expect(await page.getByRole('link', { name: 'Weitere Angaben ergänzen' }).count()).toBe(1);
		expect(await page.getByText('Planung', { exact: true }).count()).toBeGreaterThan(0);
		expect(await page.getByText('Nur Netzwerkmitglieder').count()).toBe(1);
		// Nothing sticks out sideways at phone width.
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	});

	it('a large town documents a live project with product, costs and contacts', async () => {
		const page = session.page;
		const lars = await createTestPerson({
			email: `lars-${run}@lahr.example`,
			displayName: `Lars Lahrer ${run}`,
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const petra = await createTestPerson({
			email: `petra-${run}@lahr.example`,
			displayName: `Petra Projekt ${run}`,
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		await setJobTitle(lars, 'Digitallotse');
		await setJobTitle(petra, 'Leitung Hauptamt');
		const product = `enaio ${run}`;
		const productId = await createTestProduct(product, 'dms');

		await signInAs(page, lars);
		await visit(page, '/projekte/neu');
		const title = `E-Akte ${run}`;
		await page.getByLabel('Titel des Projekts').fill(title);
		await page.getByLabel('Stand').selectOption({ label: 'In Betrieb' });
		await page.getByLabel('In einem Satz: Worum geht es?').fill('Die Verwaltung arbeitet digital.');
		await page.getByLabel('Öffentlich').check();
		await submit(page, page.getByRole('button', { name: 'Projekt speichern' }));
		const projectPath = new URL(page.url()).pathname;

		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('link', { name: 'Weitere Angaben ergänzen' }).click()
		]);
		await expectNoAxeViolations(page);
		expect(await h1Text(page)).toBe(`„${title}“ bearbeiten`);
		await page.getByLabel(product).check();
		await page.getByLabel('In Betrieb seit').fill('2024-03-01');
		await page.getByLabel('Einmalige Kosten (Euro)').fill('120.000');
		await page.getByLabel('Laufende Kosten pro Jahr (Euro)').fill('18.000,50');
		await page.getByLabel('Eingesparte Arbeitsstunden pro Jahr').fill('2000');
		await page.getByLabel(`Lars Lahrer ${run} · Digitallotse`).check();
		await page.getByLabel(`Petra Projekt ${run} · Leitung Hauptamt`).check();
		await page
			.getByLabel('Was würden wir anders machen?')
			.fill('Früher mit dem **Personalrat** sprechen.');
		await page.locator('#linkLabel0').fill('Bericht im Gemeinderat');
		await page.locator('#linkUrl0').fill('javascript:alert(1)');
		await submit(page, page.getByRole('button', { name: 'Änderungen speichern' }));
		// A bad link refuses the whole save; the typed values stay.
		expect(await page.getByText('mit https:// oder http://').count()).toBe(1);
		expect(await page.getByLabel('Einmalige Kosten (Euro)').inputValue()).toBe('120.000');
		await page.locator('#linkUrl0').fill('https://www.lahr.de/e-akte');
		await submit(page, page.getByRole('button', { name: 'Änderungen speichern' }));
		await waitForPath(page, `${projectPath}?gespeichert=1`);

		expect(await h1Text(page)).toBe(title);
		expect(await page.getByText('Die Änderungen sind gespeichert.').count()).toBe(1);
		const facts = (await page.locator('main').textContent()) ?? '';
		expect(facts).toMatch(/120\.000\s€/);
		expect(facts).toMatch(/18\.000,50\s€/);
		expect(facts).toContain('1. März 2024');
		expect(facts).toContain('2.000');
		expect(await page.getByRole('link', { name: product }).getAttribute('href')).toBe(
			`/loesungen/${productId}`
		);
		expect(await page.getByText(`Petra Projekt ${run}`).count()).toBe(1);
		expect(await page.getByText('Leitung Hauptamt').count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Was würden wir anders machen?' }).count()).toBe(
			1
		);
		expect(await page.locator('.markdown strong').textContent()).toBe('Personalrat');
		expect(await page.getByRole('link', { name: 'Bericht im Gemeinderat' }).count()).toBe(1);

		// The history names who changed what; the list finds it by its product.
		await visit(page, `${projectPath}/verlauf`);
		expect(await page.getByRole('cell', { name: `Lars Lahrer ${run}` }).count()).toBe(2);
		await visit(page, `/projekte?loesung=${productId}&status=betrieb`);
		expect(await page.getByRole('heading', { name: title, level: 2 }).count()).toBe(1);
		expect(await page.getByText('1 Projekt', { exact: true }).count()).toBe(1);
	});

	it('a visitor never sees a members-only project; the coordination restores a deleted one', async () => {
		const page = session.page;
		const hidden = `Internes Wissen ${run}`;
		const hiddenId = await createTestProject({ ags: KEHL, title: hidden, visibility: 'network' });
		const deleted = `Versehentlich gelöscht ${run}`;
		const deletedId = await createTestProject({ ags: KEHL, title: deleted, visibility: 'public' });
		await withServerDatabase((db) =>
			db
				.updateTable('project')
				.set({ deleted_at: new Date().toISOString() })
				.where('id', '=', deletedId)
				.execute()
		);

		await visit(page, `/projekte?q=${encodeURIComponent(hidden)}`);
		expect(await page.getByText('Kein Projekt gefunden').count()).toBe(1);
		const response = await visit(page, `/projekte/${hiddenId}`);
		expect(response.status()).toBe(404);
		expect(await page.getByText(hidden).count()).toBe(0);

		const kora = await createTestPerson({
			email: `kora-${run}@netzwerk.example`,
			displayName: 'Kora Koordination',
			isCoordinator: true
		});
		await signInAs(page, kora);
		await visit(page, '/projekte/geloescht');
		await submit(page, page.getByRole('button', { name: `„${deleted}“ wiederherstellen` }));
		expect(await page.getByText('Das Projekt ist wiederhergestellt.').count()).toBe(1);
		const restored = await visit(page, `/projekte/${deletedId}`);
		expect(restored.status()).toBe(200);
	});
});
