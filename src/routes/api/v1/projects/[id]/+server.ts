import type { RequestHandler } from './$types';
import { deleteProjectForApi, getProjectForApi, updateProjectForApi } from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** One project; 404 NOT_FOUND for an unknown one and for one the caller may not see. */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	getProjectForApi(locals.ctx, params.id)
);

/** Changes the fields given and keeps the others. */
export const PATCH: RequestHandler = apiRoute(async ({ locals, params, request }) =>
	updateProjectForApi(locals.ctx, params.id, await readJsonBody(request))
);

/** Deletes softly; the coordination can restore the project. */
export const DELETE: RequestHandler = apiRoute(async ({ locals, params }) => {
	await deleteProjectForApi(locals.ctx, params.id);
	return new Response(null, { status: 204 });
});
