import type { RequestHandler } from './$types';
import { getMunicipality } from '$lib/server/municipalities';
import { apiRoute } from '$lib/server/web/api';

/** One municipality by its official key (AGS); 404 NOT_FOUND when there is none. */
export const GET: RequestHandler = apiRoute(({ locals, params }) =>
	getMunicipality(locals.ctx, params.ags)
);
