import type { PageServerLoad } from './$types';
import { getMunicipality } from '$lib/server/municipalities';
import { listDataSources } from '$lib/server/network';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals, params }) => {
	const municipality = await orHttpError(getMunicipality(locals.ctx, params.ags));
	const sources = await listDataSources(locals.ctx);
	return {
		municipality,
		licence: sources.find((source) => source.topic === 'municipality_register') ?? null
	};
};
