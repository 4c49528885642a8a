import type { PageServerLoad } from './$types';
import {
	canSeeApplications,
	listAssociations,
	listMunicipalities,
	parseMunicipalityFilter
} from '$lib/server/municipalities';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = parseMunicipalityFilter(url.searchParams);
	const [result, associations] = await Promise.all([
		listMunicipalities(locals.ctx, filter),
		listAssociations(locals.ctx)
	]);
	return {
		filter,
		result,
		associations,
		canFilterApplications: canSeeApplications(locals.ctx.actor)
	};
};
