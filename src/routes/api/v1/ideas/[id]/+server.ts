import type { RequestHandler } from './$types';
import { ideaForApi } from '$lib/server/ideas';
import { apiRoute } from '$lib/server/web/api';

/** One idea with its supporters and history (members only). */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	ideaForApi(locals.ctx, params.id)
);
