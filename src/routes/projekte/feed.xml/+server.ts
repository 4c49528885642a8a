import type { RequestHandler } from './$types';
import { projectFeed } from '$lib/server/feeds';

/** Atom feed of the 50 most recently changed public projects (the same for everyone). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const body = await projectFeed(locals.ctx, url.origin);
	return new Response(body, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=900'
		}
	});
};
