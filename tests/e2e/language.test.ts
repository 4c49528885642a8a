import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';

/** Clicks the header's language button and waits for the page to come back in the new language. */
async function switchLanguage(page: Page, button: string, expectedH1: string): Promise<void> {
	const form = page.getByRole('banner').getByRole('button', { name: button, exact: true });
	await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/sprache' && r.status() === 303),
		form.click()
	]);
	await page.getByRole('heading', { level: 1, name: expectedH1, exact: true }).waitFor();
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page);
}

async function languageCookie(context: BrowserContext): Promise<string | undefined> {
	const cookies = await context.cookies(baseUrl());
	return cookies.find((cookie) => cookie.name === 'sprache')?.value;
}

function languageTests(session: { page: Page; context: BrowserContext }) {
	it('switches to English and back to German', async () => {
		const { page, context } = session;
		await visit(page, '/kommunen');
		expect(await h1Text(page)).toBe('Kommunen');
		expect(await page.getAttribute('html', 'lang')).toBe('de');
		const button = page.getByRole('button', { name: 'English', exact: true });
		// The button's label is in the language it switches to.
		expect(await button.getAttribute('lang')).toBe('en');

		await switchLanguage(page, 'English', 'Municipalities');
		expect(new URL(page.url()).pathname).toBe('/kommunen');
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		expect(await languageCookie(context)).toBe('en');
		expect(await page.getByRole('status').textContent()).toContain('51 municipalities');
		expect(await page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
		expect(
			await page.getByRole('button', { name: 'Deutsch', exact: true }).getAttribute('lang')
		).toBe('de');

		// The choice sticks for further pages.
		await visit(page, '/kommunen/08317057');
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		expect(await page.getByRole('heading', { level: 2, name: 'Key facts' }).count()).toBe(1);
		expect(await page.getByRole('heading', { level: 2, name: 'Steckbrief' }).count()).toBe(0);

		await switchLanguage(page, 'Deutsch', 'Kehl');
		expect(new URL(page.url()).pathname).toBe('/kommunen/08317057');
		expect(await page.getAttribute('html', 'lang')).toBe('de');
		expect(await page.getByRole('heading', { level: 2, name: 'Steckbrief' }).count()).toBe(1);
		expect(await languageCookie(context)).toBe('de');
	});
}

describe('language switch', () => {
	const session = useBrowser();
	languageTests(session);

	// The same server round trip with or without JavaScript, so checked once.
	it('keeps the filters in the address when switching', async () => {
		const { page } = session;
		await visit(page, '/kommunen?membership=member&sort=-population');
		await switchLanguage(page, 'English', 'Municipalities');
		const url = new URL(page.url());
		expect(url.pathname).toBe('/kommunen');
		expect(url.searchParams.get('membership')).toBe('member');
		expect(url.searchParams.get('sort')).toBe('-population');
		expect(await page.getByRole('status').textContent()).toContain('23 municipalities');
		expect(await page.getByLabel('Membership', { exact: true }).inputValue()).toBe('member');
	});
});

describe('language switch without JavaScript', () => {
	languageTests(useBrowser({ javaScriptEnabled: false }));
});
