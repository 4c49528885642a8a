import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	createReuseRequestForApi,
	listReuseRequestsForApi,
	parseQuery,
	ReuseRequestListQuerySchema
} from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** The reuse requests of the caller's municipalities, both directions; 401 for visitors. */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listReuseRequestsForApi(locals.ctx, parseQuery(ReuseRequestListQuerySchema, url.searchParams))
);

/** "Das wollen wir auch": files a request; the owner is notified by e-mail. */
export const POST: RequestHandler = apiRoute(async ({ locals, request, url }) => {
	const created = await createReuseRequestForApi(locals.ctx, await readJsonBody(request), {
		origin: url.origin
	});
	return json(created, {
		status: 201,
		headers: { location: `/api/v1/reuse-requests/${created.id}` }
	});
});
