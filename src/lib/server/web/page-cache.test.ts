import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHEABLE_ROUTES, isCacheable, PageCache, pageCacheKey } from './page-cache';

const anonymousList = {
	method: 'GET',
	routeId: '/kommunen',
	isAnonymous: true,
	isDataRequest: false
};

describe('isCacheable', () => {
	it('caches anonymous GETs of the register pages only', () => {
		expect(isCacheable(anonymousList)).toBe(true);
		expect(isCacheable({ ...anonymousList, routeId: '/kommunen/[ags]' })).toBe(true);
		expect(isCacheable({ ...anonymousList, method: 'HEAD' })).toBe(true);
	});

	it.each([
		['a signed-in person', { isAnonymous: false }],
		['a POST', { method: 'POST' }],
		['a data request', { isDataRequest: true }],
		['another route', { routeId: '/' }],
		['an unknown route', { routeId: null }]
	])('never caches %s', (_, change) => {
		expect(isCacheable({ ...anonymousList, ...change })).toBe(false);
	});
});

describe('CACHEABLE_ROUTES', () => {
	it.each([...CACHEABLE_ROUTES])(
		'%s renders without client-side scripts (no nonce to cache)',
		(route) => {
			const dir = path.resolve(import.meta.dirname, '../../../routes', `.${route}`);
			const text = ['+page.server.ts', '+page.ts']
				.map((name) => path.join(dir, name))
				.filter((file) => existsSync(file))
				.map((file) => readFileSync(file, 'utf8'))
				.join('\n');
			expect(text).toMatch(/export const csr = false/);
		}
	);
});

describe('pageCacheKey', () => {
	it('separates versions, languages and queries', () => {
		const url = new URL('http://x/kommunen?membership=member');
		const keys = new Set([
			pageCacheKey(1, 'de', url),
			pageCacheKey(2, 'de', url),
			pageCacheKey(1, 'en', url),
			pageCacheKey(1, 'de', new URL('http://x/kommunen?membership=none'))
		]);
		expect(keys.size).toBe(4);
	});
});

describe('PageCache', () => {
	const html = (body: string, headers: Record<string, string> = {}) =>
		new Response(body, {
			status: 200,
			headers: {
				'content-type': 'text/html',
				'x-request-id': 'r1',
				'x-frame-options': 'DENY',
				...headers
			}
		});

	it('returns the stored page with its headers but without per-response ones', async () => {
		const cache = new PageCache();
		const sent = await cache.put('k', html('<h1>Kommunen</h1>'));
		expect(await sent.text()).toBe('<h1>Kommunen</h1>');
		expect(sent.headers.get('x-cache')).toBe('miss');
		const hit = cache.get('k');
		expect(await hit?.text()).toBe('<h1>Kommunen</h1>');
		expect(hit?.headers.get('x-frame-options')).toBe('DENY');
		expect(hit?.headers.get('x-request-id')).toBeNull();
		expect(hit?.headers.get('x-cache')).toBe('hit');
	});

	it('does not store errors, non-HTML or responses that set cookies', async () => {
		const cache = new PageCache();
		await cache.put(
			'a',
			new Response('nope', { status: 404, headers: { 'content-type': 'text/html' } })
		);
		await cache.put(
			'b',
			new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
		);
		await cache.put('c', html('x', { 'set-cookie': 'sprache=en' }));
		expect(cache.size).toBe(0);
		expect(cache.get('a')).toBeUndefined();
	});

	it('evicts the least recently used pages beyond its size', async () => {
		const cache = new PageCache(10_000);
		for (let i = 0; i < 10; i++) await cache.put(`k${i}`, html('x'.repeat(1000)));
		expect(cache.size).toBeLessThan(10);
		expect(cache.get('k9')).toBeDefined();
		expect(cache.get('k0')).toBeUndefined();
	});
});
