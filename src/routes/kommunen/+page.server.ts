import type { PageServerLoad } from './$types';
import {
	canSeeApplications,
	listAssociations,
	listMunicipalities,
	parseMunicipalityFilter
} from '$lib/server/municipalities';

// The register needs no JavaScript: filters are a GET form, links are links. Without client-side
// rendering the page ships no hydration data and carries no script, so it can be cached for
// anonymous visitors (decision 0012).
export const csr = false;

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
