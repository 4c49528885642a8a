import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	AdoptionListQuerySchema,
	listAdoptionsForApi,
	parseQuery,
	putAdoptionForApi
} from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** Which municipality uses which product (filter by `product`, `municipality`, `stage`). */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listAdoptionsForApi(locals.ctx, parseQuery(AdoptionListQuerySchema, url.searchParams))
);

/** Records or replaces the caller's municipality's adoption of a product: 201 new, 200 changed. */
export const PUT: RequestHandler = apiRoute(async ({ locals, request }) => {
	const { adoption, created } = await putAdoptionForApi(locals.ctx, await readJsonBody(request));
	return created
		? json(adoption, { status: 201, headers: { location: `/api/v1/adoptions/${adoption.id}` } })
		: json(adoption);
});
