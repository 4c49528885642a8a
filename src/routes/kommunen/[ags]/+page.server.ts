import type { PageServerLoad } from './$types';
import { getMunicipality } from '$lib/server/municipalities';
import { listDataSources } from '$lib/server/network';
import { emptyProjectFilter, listProjects } from '$lib/server/projects';
import { orHttpError } from '$lib/server/web/http-errors';
import { followState } from '$lib/server/notifications';

// A fact sheet needs no JavaScript; without it the page carries no script and can be cached
// for anonymous visitors (decision 0012).
export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const municipality = await orHttpError(getMunicipality(locals.ctx, params.ags));
	const sources = await listDataSources(locals.ctx);
	const projects = await listProjects(locals.ctx, { ...emptyProjectFilter(), kommune: params.ags });
	return {
		municipality,
		projects,
		following: await followState(locals.ctx, `municipality:${municipality.ags}`),
		licence: sources.find((source) => source.topic === 'municipality_register') ?? null
	};
};
