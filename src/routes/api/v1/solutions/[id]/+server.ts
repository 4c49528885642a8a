import type { RequestHandler } from './$types';
import { getSolutionForApi, updateSolutionForApi } from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** One product with the municipalities that use it. */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	getSolutionForApi(locals.ctx, params.id)
);

/** Changes the fields given and keeps the others. */
export const PATCH: RequestHandler = apiRoute(async ({ locals, params, request }) =>
	updateSolutionForApi(locals.ctx, params.id, await readJsonBody(request))
);
