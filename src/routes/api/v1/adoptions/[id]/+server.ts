import type { RequestHandler } from './$types';
import { deleteAdoptionForApi, getAdoptionForApi } from '$lib/server/api';
import { apiRoute } from '$lib/server/web/api';

/** One adoption. */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	getAdoptionForApi(locals.ctx, { id: params.id })
);

/** Removes an adoption of one of the caller's municipalities. */
export const DELETE: RequestHandler = apiRoute(async ({ locals, params }) => {
	await deleteAdoptionForApi(locals.ctx, params.id);
	return new Response(null, { status: 204 });
});
