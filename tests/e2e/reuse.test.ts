/**
 * Reuse requests in the browser: a member of Lahr files "Das wollen wir auch" on a project of
 * Kehl, the project's contact person receives the e-mail (the server's worker delivers it to a
 * real SMTP listener), opens the request from its
 * link, marks it adopted, and the counters change. The rules themselves are covered by the
 * database tests (src/lib/server/reuse/reuse.db.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';
import { mailsTo } from './support/mail';

const LAHR = '08317065';
const KEHL = '08317057';

async function signInAs(page: Page, person: TestPerson): Promise<void> {
	await page.context().addCookies([{ name: 'sitzung', value: person.token, url: baseUrl() }]);
}

/** The key figure "… Räder nicht neu erfunden" of the front page, as a visitor sees it. */
async function wheelsOnFrontPage(): Promise<number> {
	const html = await (await fetch(new URL('/', baseUrl()))).text();
	const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
	const match = /([\d.]+) Räder nicht neu erfunden/.exec(text);
	if (!match?.[1]) throw new Error('Kennzahl „Räder nicht neu erfunden“ fehlt');
	return Number(match[1].replace(/\./g, ''));
}

describe('reuse requests', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('files a request, mails the contact, and the owner marks it adopted', async () => {
		const stamp = Date.now().toString(36);
		const requester = await createTestPerson({
			email: `lotsin-${stamp}@lahr.example`,
			displayName: 'Lea Lotsin',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const contact = await createTestPerson({
			email: `kontakt-${stamp}@kehl.example`,
			displayName: 'Karla Kontakt',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const title = `Online-Terminvergabe ${stamp}`;
		const projectId = await createTestProject({ ags: KEHL, title, visibility: 'public' });
		await withServerDatabase((db) =>
			db
				.insertInto('project_contact')
				.values({ project_id: projectId, person_id: contact.personId, position: 0 })
				.execute()
		);
		const wheelsBefore = await wheelsOnFrontPage();
		const { page } = session;
		await visit(page, `/projekte/${projectId}`);
		expect(await page.getByText('Noch von keiner Kommune nachgenutzt').count()).toBe(1);

		// Lahr asks, from the project page.
		await signInAs(page, requester);
		await visit(page, `/projekte/${projectId}`);
		await page.getByRole('link', { name: 'Das wollen wir auch' }).click();
		await page.waitForURL(/\/nachnutzung\/neu\?projekt=\d+$/);
		await expectNoAxeViolations(page);
		expect(await h1Text(page)).toBe('Das wollen wir auch');
		// Only blanks: refused next to the field, nothing sent.
		await page.getByLabel('Ihre Nachricht').fill('   ');
		await page.getByRole('button', { name: 'Anfrage senden' }).click();
		await page.waitForLoadState('load');
		expect(await page.getByText('Bitte schreiben Sie eine Nachricht.').count()).toBe(1);
		await page.getByLabel('Ihre Nachricht').fill('Wie habt ihr die Terminvergabe eingeführt?');
		await page.getByRole('button', { name: 'Anfrage senden' }).click();
		await page.waitForURL(/\/nachnutzung\/\d+\?gesendet=1$/);
		await expectNoAxeViolations(page);
		expect(await page.getByRole('status').textContent()).toContain('Ihre Anfrage ist gesendet.');
		const requestPath = new URL(page.url()).pathname;

		// The contact person gets the e-mail with the link.
		const mail = (await mailsTo(contact.email)).at(-1)!;
		expect(mail?.subject).toBe(`Nachnutzung angefragt: ${title}`);
		expect(mail?.text).toContain('Lea Lotsin (Lahr/Schwarzwald)');
		const link = /https?:\/\/\S+\/nachnutzung\/\d+/.exec(mail?.text ?? '')?.[0];
		expect(link).toBe(`${baseUrl()}${requestPath}`);

		// Kehl's contact opens it from the link and accepts.
		const owner = await session.newPage({ javaScriptEnabled: false });
		await signInAs(owner, contact);
		await visit(owner, link ?? '');
		expect(await h1Text(owner)).toBe(`Anfrage zur Nachnutzung: ${title}`);
		await owner.getByRole('button', { name: 'Als übernommen markieren' }).click();
		await owner.waitForLoadState('load');
		await expectNoAxeViolations(owner);
		expect(await owner.getByRole('status').textContent()).toContain('Der Status ist geändert.');
		expect(await owner.getByRole('row', { name: /Übernommen/ }).count()).toBe(1);

		// Both sides see it in their lists; the counter moved.
		await visit(owner, '/nachnutzung');
		const incoming = owner.getByRole('table', { name: 'An uns gerichtet' });
		expect(await incoming.getByRole('row', { name: new RegExp(title) }).textContent()).toContain(
			'Übernommen'
		);
		expect(await wheelsOnFrontPage()).toBe(wheelsBefore + 1);
		await visit(owner, `/projekte/${projectId}`);
		const box = owner.getByRole('region', { name: 'Nachnutzung' });
		expect(await box.getByText('Von 1 Kommune nachgenutzt').count()).toBe(1);
		await visit(page, requestPath);
		expect(await page.getByText('Eigenes Projekt verknüpfen').count()).toBe(1);
		// Two people's browsers, a dozen pages each checked with axe, and a mail round trip.
	}, 150_000);
});
