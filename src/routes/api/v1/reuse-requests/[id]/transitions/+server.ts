import type { RequestHandler } from './$types';
import { transitionReuseRequestForApi } from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** Moves a request on: `{ "status": "in_discussion" | "adopted" | "declined" | "withdrawn" }`. */
export const POST: RequestHandler = apiRoute(async ({ locals, params, request, url }) =>
	transitionReuseRequestForApi(locals.ctx, params.id, await readJsonBody(request), {
		origin: url.origin
	})
);
