import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { sitemap } from '$lib/server/feeds';

/** The sitemap of the public pages (an index of parts when the catalogue is large). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const raw = url.searchParams.get('teil');
	const part = raw === null ? undefined : /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 0;
	const body = part === 0 ? undefined : await sitemap(locals.ctx, url.origin, part);
	if (body === undefined) error(404, 'Not found');
	return new Response(body, {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'cache-control': 'public, max-age=3600'
		}
	});
};
