import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	createProjectForApi,
	listProjectsForApi,
	parseQuery,
	ProjectListQuerySchema
} from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** Projects the caller may see, newest change first, in keyset pages (`cursor`). */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listProjectsForApi(locals.ctx, parseQuery(ProjectListQuerySchema, url.searchParams))
);

/** Adds a project of one of the caller's municipalities (read-write token). */
export const POST: RequestHandler = apiRoute(async ({ locals, request }) => {
	const project = await createProjectForApi(locals.ctx, await readJsonBody(request));
	return json(project, { status: 201, headers: { location: `/api/v1/projects/${project.id}` } });
});
