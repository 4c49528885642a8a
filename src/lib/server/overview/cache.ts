/**
 * Overview figures are aggregates over the whole catalogue. Each is computed once per content
 * version (bumped by triggers in the writing transaction on every catalogue table, decision
 * 0012) and audience, and kept per process: a change through any instance shows at the next
 * request everywhere, and concurrent requests for the same figures wait for one computation.
 */
import { LRUCache } from 'lru-cache';
import type { Ctx } from '../context';
import type { Db } from '../db';
import { readContentVersion } from '../db/content-version';
import type { OverviewAudience } from './audience';

interface Entry {
	value: Promise<unknown>;
}

const caches = new WeakMap<Db, LRUCache<string, Entry>>();

function cacheOf(db: Db): LRUCache<string, Entry> {
	let cache = caches.get(db);
	if (!cache) {
		// Room for the figures and a few hundred matrix pages (filters × pages) per audience.
		cache = new LRUCache<string, Entry>({ max: 1000 });
		caches.set(db, cache);
	}
	return cache;
}

/**
 * `compute`'s result for the current content version, `audience` and `key`; `key` names the
 * figure and anything else it depends on (never the person: figures are per audience).
 */
export async function perContentVersion<T>(
	ctx: Ctx,
	/** `any`: the value is the same for every audience (never shown as such, e.g. match lists). */
	audience: OverviewAudience | 'any',
	key: string,
	compute: (version: number) => Promise<T>
): Promise<T> {
	const version = await readContentVersion(ctx.db);
	const cache = cacheOf(ctx.db);
	const cacheKey = `${version}|${audience}|${key}`;
	const hit = cache.get(cacheKey);
	if (hit) return hit.value as Promise<T>;
	const value = compute(version);
	cache.set(cacheKey, { value });
	// A failed computation is not kept: the next request tries again.
	value.catch(() => {
		if (cache.get(cacheKey)?.value === value) cache.delete(cacheKey);
	});
	return value;
}

/** Forgets everything computed for `db` (tests that write behind the triggers' back). */
export function clearOverviewCache(db: Db): void {
	caches.get(db)?.clear();
}
