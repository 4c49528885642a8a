import type { RequestHandler } from './$types';
import { DiscussionListQuerySchema, listDiscussionsForApi, parseQuery } from '$lib/server/api';
import { apiRoute } from '$lib/server/web/api';

/** Threads the caller may read; 401 for visitors (discussions are for members). */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listDiscussionsForApi(locals.ctx, parseQuery(DiscussionListQuerySchema, url.searchParams))
);
