import type { RequestHandler } from './$types';
import { getReuseRequestForApi } from '$lib/server/api';
import { apiRoute } from '$lib/server/web/api';

/** One request the caller's municipality takes part in; any other answers 404. */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	getReuseRequestForApi(locals.ctx, params.id)
);
