import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	createSolutionForApi,
	listSolutionsForApi,
	parseQuery,
	SolutionListQuerySchema
} from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** Products of the solutions register by name, in keyset pages (`cursor`). */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listSolutionsForApi(locals.ctx, parseQuery(SolutionListQuerySchema, url.searchParams))
);

/** Adds a product (read-write token). */
export const POST: RequestHandler = apiRoute(async ({ locals, request }) => {
	const solution = await createSolutionForApi(locals.ctx, await readJsonBody(request));
	return json(solution, { status: 201, headers: { location: `/api/v1/solutions/${solution.id}` } });
});
