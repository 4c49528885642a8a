import type { RequestHandler } from './$types';
import { listIdeasForApi } from '$lib/server/ideas';
import { apiRoute } from '$lib/server/web/api';

/** The idea pool (members only; 401 for visitors): `?status=` filters, `?sort=support|newest|activity`. */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listIdeasForApi(locals.ctx, url.searchParams)
);
