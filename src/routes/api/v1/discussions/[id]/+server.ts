import type { RequestHandler } from './$types';
import { DiscussionQuerySchema, getDiscussionForApi, parseQuery } from '$lib/server/api';
import { apiRoute } from '$lib/server/web/api';

/** One thread with one page of replies; 404 when it or its subject is not visible. */
export const GET: RequestHandler = apiRoute(({ locals, params, url }) =>
	getDiscussionForApi(locals.ctx, params.id, parseQuery(DiscussionQuerySchema, url.searchParams))
);
