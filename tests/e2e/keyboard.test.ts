import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, useBrowser, visit } from './support/browser';

/** Describes the focused element so a failure shows what has the focus instead. */
async function focused(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el) return 'nothing';
		const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
		return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${name}"`;
	});
}

function skipLinkTests(session: { page: Page }) {
	it('the first Tab reaches the skip link, Enter moves into the content', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
		expect(await skip.evaluate((el) => el === document.activeElement), await focused(page)).toBe(
			true
		);
		// Hidden until focused, then on screen.
		const box = await skip.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		await expectNoAxeViolations(page);

		await page.keyboard.press('Enter');
		await page.waitForFunction(() => document.activeElement?.tagName === 'MAIN');
		const main = page.getByRole('main');
		expect(await main.evaluate((el) => el === document.activeElement), await focused(page)).toBe(
			true
		);
		expect(new URL(page.url()).pathname).toBe('/kommunen');

		// The next Tab continues inside the content, past the header navigation.
		await page.keyboard.press('Tab');
		expect(await focused(page)).toBe('input#f-q ""');
		expect(
			await page.getByLabel('Name enthält').evaluate((el) => el === document.activeElement)
		).toBe(true);
	});
}

describe('keyboard navigation', () => {
	const session = useBrowser();
	skipLinkTests(session);

	it('Tab reaches the language switch and the main navigation in reading order', async () => {
		const { page } = session;
		await visit(page, '/');
		const order: string[] = [];
		for (let i = 0; i < 11; i++) {
			await page.keyboard.press('Tab');
			order.push(await focused(page));
		}
		expect(order[0]).toContain('Zum Inhalt springen');
		expect(order[1]).toContain('Digitalisierungsnetzwerk Ortenau');
		expect(order[2]).toContain('English');
		expect(order.slice(3)).toEqual([
			'a "Start"',
			'a "Projekte"',
			'a "Lösungen"',
			'a "Kommunen"',
			'a "Übersicht"',
			'a "Termine"',
			'a "Suche"',
			'a "Über das Netzwerk"'
		]);
	});
});

describe('keyboard navigation without JavaScript', () => {
	skipLinkTests(useBrowser({ javaScriptEnabled: false }));
});
