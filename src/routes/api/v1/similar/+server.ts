import type { RequestHandler } from './$types';
import { parseQuery } from '$lib/server/api';
import { SimilarApiQuerySchema, similarForApi } from '$lib/server/search';
import { apiRoute } from '$lib/server/web/api';

/** Projects like a draft's title and summary ("Das gibt es schon"). */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	similarForApi(locals.ctx, parseQuery(SimilarApiQuerySchema, url.searchParams))
);
