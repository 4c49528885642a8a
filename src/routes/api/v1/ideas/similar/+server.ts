import type { RequestHandler } from './$types';
import { parseQuery } from '$lib/server/api';
import { SimilarIdeasQuerySchema, similarIdeasForApi } from '$lib/server/ideas';
import { apiRoute } from '$lib/server/web/api';

/** Open ideas like a draft's title and problem, for the idea form while it is typed. */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	similarIdeasForApi(locals.ctx, parseQuery(SimilarIdeasQuerySchema, url.searchParams))
);
