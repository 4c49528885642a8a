/**
 * Anonymous register pages come from the page cache, and a change to the data shows at the next
 * request all the same (decision 0012). Signed-in people are never served a cached page.
 */
import { describe, expect, it } from 'vitest';
import { testServer } from './support/test-server';
import { openDatabase } from '../../src/lib/server/db';

const baseUrl = () => testServer().baseUrl;

async function get(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${baseUrl()}${path}`, { headers });
	return {
		status: response.status,
		cache: response.headers.get('x-cache'),
		text: await response.text()
	};
}

describe('page cache', () => {
	it('serves a repeated anonymous request from the cache with the same page', async () => {
		const first = await get('/kommunen?type=stadt');
		const second = await get('/kommunen?type=stadt');
		expect(first.status).toBe(200);
		expect(second.cache).toBe('hit');
		expect(second.text).toBe(first.text);
	});

	it('keeps the languages apart', async () => {
		const german = await get('/kommunen/08317057');
		const english = await get('/kommunen/08317057', { cookie: 'sprache=en' });
		expect(german.text).toContain('Einwohner');
		expect(english.text).toContain('Population');
	});

	it('shows a change at the next request', async () => {
		const before = await get('/kommunen/08317153');
		await get('/kommunen/08317153');
		expect(before.text).toContain('11.236');

		const database = openDatabase({ databaseUrl: undefined, dataDir: testServer().dataDir });
		try {
			await database.db
				.updateTable('municipality')
				.set({ population: 11240 })
				.where('ags', '=', '08317153')
				.execute();
		} finally {
			await database.close();
		}

		const after = await get('/kommunen/08317153');
		expect(after.cache).toBe('miss');
		expect(after.text).toContain('11.240');
		expect(after.text).not.toContain('11.236');
	});

	it('never caches error pages', async () => {
		await get('/kommunen/08317999');
		const again = await get('/kommunen/08317999');
		expect(again.status).toBe(404);
		expect(again.cache).toBeNull();
	});
});
