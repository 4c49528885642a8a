import type { RequestHandler } from './$types';
import { parseQuery } from '$lib/server/api';
import { SearchApiQuerySchema, searchForApi } from '$lib/server/search';
import { apiRoute } from '$lib/server/web/api';

/** Global search; anonymous callers get public content only. */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	searchForApi(locals.ctx, parseQuery(SearchApiQuerySchema, url.searchParams))
);
