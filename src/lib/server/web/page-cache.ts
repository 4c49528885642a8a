/**
 * Cache of rendered public pages for anonymous visitors.
 *
 * Only pages that carry no script (client-side rendering off, so no CSP nonce in the markup) and
 * show only public content are cached. The key contains the content version, which database
 * triggers bump on every change to public content, so a change made through any instance shows on
 * every instance at the next request: the cache can never serve stale content, it only saves the
 * rendering. Signed-in people always get a fresh page. See docs/decisions/0012-page-cache.md.
 */
import { LRUCache } from 'lru-cache';

/** Routes whose anonymous pages may be cached (each sets `csr = false`). */
export const CACHEABLE_ROUTES: ReadonlySet<string> = new Set([
	'/kommunen',
	'/kommunen/[ags]',
	'/projekte',
	'/projekte/[id]',
	'/loesungen',
	'/loesungen/[id]',
	'/suche',
	'/uebersicht',
	'/uebersicht/matrix',
	'/uebersicht/themen/[id]',
	'/uebersicht/karte',
	'/uebersicht/statistik'
]);

export interface CacheableRequest {
	method: string;
	routeId: string | null;
	isAnonymous: boolean;
	isDataRequest: boolean;
}

export function isCacheable(request: CacheableRequest): boolean {
	return (
		(request.method === 'GET' || request.method === 'HEAD') &&
		request.isAnonymous &&
		!request.isDataRequest &&
		request.routeId !== null &&
		CACHEABLE_ROUTES.has(request.routeId)
	);
}

export function pageCacheKey(version: number, locale: string, url: URL): string {
	return `${version}|${locale}|${url.pathname}${url.search}`;
}

interface CachedPage {
	status: number;
	headers: [string, string][];
	body: string;
}

/** Headers that belong to one response and are set afresh for every request. */
const PER_RESPONSE = new Set(['x-request-id', 'set-cookie', 'date']);

export class PageCache {
	readonly #pages: LRUCache<string, CachedPage>;

	constructor(maxBytes = 32 * 1024 * 1024) {
		this.#pages = new LRUCache<string, CachedPage>({
			maxSize: maxBytes,
			sizeCalculation: (page) => page.body.length * 2 + 512
		});
	}

	get(key: string): Response | undefined {
		const page = this.#pages.get(key);
		if (!page) return undefined;
		const headers = new Headers(page.headers);
		headers.set('x-cache', 'hit');
		return new Response(page.body, { status: page.status, headers });
	}

	/** Stores a successful HTML response and returns an equivalent one to send. */
	async put(key: string, response: Response): Promise<Response> {
		const type = response.headers.get('content-type') ?? '';
		if (
			response.status !== 200 ||
			!type.startsWith('text/html') ||
			response.headers.has('set-cookie')
		) {
			return response;
		}
		const body = await response.text();
		const headers = [...response.headers].filter(([name]) => !PER_RESPONSE.has(name));
		this.#pages.set(key, { status: response.status, headers, body });
		const fresh = new Headers(response.headers);
		fresh.set('x-cache', 'miss');
		return new Response(body, { status: response.status, headers: fresh });
	}

	get size(): number {
		return this.#pages.size;
	}
}
