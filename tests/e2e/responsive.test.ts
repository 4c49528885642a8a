import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { h1Text, useBrowser, visit } from './support/browser';

const PHONE = { width: 360, height: 740 };

async function pageScrollWidth(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('smartphone view (360 × 740)', () => {
	const session = useBrowser({ viewport: PHONE, isMobile: true, hasTouch: true });

	it('the home page does not scroll sideways', async () => {
		const { page } = session;
		await visit(page, '/');
		expect(await h1Text(page)).toBe('Digitalisierungsnetzwerk Ortenau');
		expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
		// The search field and its button stay inside the screen.
		const button = await page
			.getByRole('search')
			.getByRole('button', { name: 'Suchen' })
			.boundingBox();
		expect(button).not.toBeNull();
		expect(button!.x + button!.width).toBeLessThanOrEqual(PHONE.width);
	});

	it('the municipality list scrolls sideways only inside its table', async () => {
		const { page } = session;
		await visit(page, '/kommunen');
		expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
		const table = page.getByRole('table');
		// The wrapper, not the page, takes any overflow of the table.
		const wrapper = table.locator('xpath=..');
		expect(await wrapper.getAttribute('class')).toContain('table-wrap');
		const box = await wrapper.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
		const overflow = await wrapper.evaluate((el) => getComputedStyle(el).overflowX);
		expect(['auto', 'scroll']).toContain(overflow);
		// The filter controls stay usable on the small screen.
		const apply = await page.getByRole('button', { name: 'Anwenden' }).boundingBox();
		expect(apply!.x + apply!.width).toBeLessThanOrEqual(PHONE.width);
	});

	it('the profile of Kehl does not scroll sideways', async () => {
		const { page } = session;
		await visit(page, '/kommunen/08317057');
		expect(await h1Text(page)).toBe('Kehl');
		expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
	});
});
