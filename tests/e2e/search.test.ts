/**
 * The wheel finder in the browser and over the API, on the demo network: a visitor asks "Wer
 * hat schon eine E-Akte?" and sees who runs one; narrows the results; a Digitallotsin who starts
 * a project is shown "Das gibt es schon" (with and without JavaScript); the coordination edits
 * the synonym list. Ranking and language rules are in the database tests
 * (src/lib/server/search/search.db.test.ts) and the relevance set (tests/search).
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
import { createTestPerson, type TestPerson } from './support/people';

const KEHL = '08317057';
const LAHR = '08317065';
const run = Date.now().toString(36);

async function signInAs(page: Page, person: TestPerson): Promise<void> {
	await page.context().addCookies([{ name: 'sitzung', value: person.token, url: baseUrl() }]);
}

describe('search', () => {
	const session = useBrowser();

	it('answers “Wer hat schon eine E-Akte?” with the municipalities that run one', async () => {
		const { page } = session;
		await visit(page, '/');
		const search = page.getByRole('search');
		await search.getByLabel('Wer macht was schon?').fill('Wer hat schon eine E-Akte?');
		await search.getByRole('button', { name: 'Suchen' }).click();
		await waitForPath(page, /\/suche\?q=Wer/);
		expect(await h1Text(page)).toBe('Suche');

		const answer = page.getByRole('complementary', { name: 'Läuft schon in:' });
		const places = (await answer.getByRole('listitem').allTextContents()).map((t) =>
			t.replace(/\s+/g, ' ').trim()
		);
		expect(
			places.some((p) => p.startsWith('Kehl (In Betrieb, d.velop documents, seit 2021)'))
		).toBe(true);
		expect(places.some((p) => p.startsWith('Lahr'))).toBe(true);

		const results = page.getByRole('region', {
			name: 'Ergebnisse für „Wer hat schon eine E-Akte?“'
		});
		const titles = (await results.getByRole('link').allTextContents()).map((t) => t.trim());
		expect(titles.slice(0, 3)).toEqual(
			expect.arrayContaining(['E-Akte in der Stadtverwaltung', 'E-Akte auf Basis von enaio'])
		);
		// The matched words are marked in the snippets.
		expect(await results.locator('mark').count()).toBeGreaterThan(0);
		await expectNoAxeViolations(page);
	});

	it('narrows the results by municipality through a link, kept in the address', async () => {
		const { page } = session;
		await visit(page, '/suche?q=Terminvergabe');
		const facets = page.getByRole('navigation', { name: 'Ergebnisse eingrenzen' });
		await facets.getByRole('link', { name: 'Lahr/Schwarzwald', exact: true }).click();
		await waitForPath(page, /municipality=08317065/);
		const results = page.getByRole('region', { name: 'Ergebnisse für „Terminvergabe“' });
		expect((await results.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual([
			'Online-Terminvergabe im Bürgerbüro Lahr'
		]);
		await expectNoAxeViolations(page);
		await facets.getByRole('link', { name: 'Eingrenzung „Lahr/Schwarzwald“ aufheben' }).click();
		await waitForPath(page, '/suche?q=Terminvergabe');
		await expectNoAxeViolations(page);
	});

	it('finds despite a typo and a spelling without umlauts', async () => {
		const { page } = session;
		await visit(page, '/suche?q=Terminvergbe');
		const results = page.getByRole('region', { name: 'Ergebnisse für „Terminvergbe“' });
		expect(
			await results
				.getByRole('link', { name: 'Online-Terminvergabe im Bürgerbüro', exact: true })
				.count()
		).toBe(1);
		await visit(page, '/suche?q=Maengelmelder');
		const second = page.getByRole('region', { name: 'Ergebnisse für „Maengelmelder“' });
		expect(
			await second.getByRole('link', { name: 'Mängelmelder', exact: true }).count()
		).toBeGreaterThan(0);
	});
});

describe('search API', () => {
	it('answers typed hits with snippets and facets, public content only, and 400 for bad input', async () => {
		const response = await fetch(`${baseUrl()}/api/v1/search?q=Terminbuchung`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			hits: { type: string; title: string; url: string; municipality: { ags: string } | null }[];
			total: number;
			facets: { type: { key: string; count: number }[] };
			answer: { municipality: { name: string } }[];
		};
		expect(body.hits[0]?.type).toBe('project');
		const kehl = body.hits.find((h) => h.title === 'Online-Terminvergabe im Bürgerbüro');
		expect(kehl).toMatchObject({ municipality: { ags: KEHL } });
		expect(body.hits.indexOf(kehl!)).toBeLessThan(3);
		expect(body.hits.map((h) => h.title)).not.toContain('Mängelmelder für Straßen und Grünflächen');
		expect(body.answer.map((a) => a.municipality.name)).toContain('Kehl');

		const members = await fetch(`${baseUrl()}/api/v1/search?q=Mängelmelder`);
		const membersBody = (await members.json()) as { hits: { title: string }[] };
		// Kehl's Mängelmelder is for members only.
		expect(membersBody.hits.map((h) => h.title)).not.toContain(
			'Mängelmelder für Straßen und Grünflächen'
		);

		const bad = await fetch(`${baseUrl()}/api/v1/search?q=Akte&type=alles`);
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({
			error: { code: 'INVALID', fields: { type: 'invalid' } }
		});
		const empty = await fetch(`${baseUrl()}/api/v1/search`);
		expect(empty.status).toBe(400);
	});
});

describe('Das gibt es schon', () => {
	const session = useBrowser();

	it('shows similar projects while a Digitallotsin types a new project', async () => {
		const lotsin = await createTestPerson({
			email: `lotsin-aehnlich-${run}@lahr.example`,
			displayName: 'Lea Lahrer',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const page = await session.newPage();
		await signInAs(page, lotsin);
		await visit(page, '/projekte/neu');
		await page.getByLabel('Titel des Projekts').pressSequentially('Terminbuchung online', {
			delay: 20
		});
		const similar = page.getByRole('region', { name: 'Das gibt es schon' });
		await similar
			.getByRole('link', { name: 'Online-Terminvergabe im Bürgerbüro', exact: true })
			.waitFor();
		await expectNoAxeViolations(page);
	});

	it('shows them on request without JavaScript, keeping what was typed', async () => {
		const lotsin = await createTestPerson({
			email: `lotsin-ohne-js-${run}@lahr.example`,
			displayName: 'Lina Lahrer',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const page = await session.newPage({ javaScriptEnabled: false });
		await signInAs(page, lotsin);
		await visit(page, '/projekte/neu');
		await page.getByLabel('Titel des Projekts').fill('Digitale Akte für das Hauptamt');
		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('button', { name: 'Ähnliche Projekte suchen' }).click()
		]);
		const similar = page.getByRole('region', { name: 'Das gibt es schon' });
		const titles = (await similar.getByRole('link').allTextContents()).map((t) => t.trim());
		expect(titles).toContain('E-Akte im Hauptamt');
		expect(await page.getByLabel('Titel des Projekts').inputValue()).toBe(
			'Digitale Akte für das Hauptamt'
		);
		await expectNoAxeViolations(page);
	});
});

describe('synonym list', () => {
	const session = useBrowser();

	it('the coordination adds a group, and the search uses it at once', async () => {
		const coordinator = await createTestPerson({
			email: `koordination-synonyme-${run}@ortenau.example`,
			displayName: 'Kora Synonym',
			isCoordinator: true
		});
		const page = await session.newPage();
		await signInAs(page, coordinator);
		await visit(page, '/verwaltung/synonyme');
		expect(await h1Text(page)).toBe('Synonyme der Suche');
		await expectNoAxeViolations(page);
		const field = page.getByLabel('Synonymliste');
		const shipped = await field.inputValue();
		expect(shipped).toContain('Terminvergabe');

		// A broken line is refused with its line number, and nothing changes.
		await field.fill('Müll, Abfall\nBauantrag');
		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('button', { name: 'Speichern' }).click()
		]);
		expect(
			await page
				.getByText('Zeile 2: Eine Gruppe braucht mindestens zwei suchbare Begriffe.')
				.count()
		).toBe(1);
		await expectNoAxeViolations(page);

		const word = `Zauberwort${run}`;
		const original = (await (await fetch(`${baseUrl()}/api/v1/search?q=${word}`)).json()) as {
			total: number;
		};
		expect(original.total).toBe(0);
		await field.fill(`${shipped}\n${word}, Mängelmelder\n`);
		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('button', { name: 'Speichern' }).click()
		]);
		await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor();
		await expectNoAxeViolations(page);
		const found = (await (await fetch(`${baseUrl()}/api/v1/search?q=${word}`)).json()) as {
			hits: { title: string }[];
		};
		expect(found.hits.map((h) => h.title)).toContain('Mängelmelder');

		await Promise.all([
			page.waitForNavigation(),
			page.getByRole('button', { name: 'Auf die mitgelieferte Liste zurücksetzen' }).click()
		]);
		await page
			.getByRole('status')
			.filter({ hasText: 'Die mitgelieferte Liste gilt wieder.' })
			.waitFor();
		await expectNoAxeViolations(page);
	});

	it('is closed to members', async () => {
		const member = await createTestPerson({
			email: `mitglied-synonyme-${run}@kehl.example`,
			displayName: 'Mia Mitglied',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const response = await fetch(`${baseUrl()}/verwaltung/synonyme`, {
			headers: { cookie: member.cookie },
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
	});
});
