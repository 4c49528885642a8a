import type { PageServerLoad } from './$types';
import { listMunicipalities, parseMunicipalityFilter } from '$lib/server/municipalities';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	if (!q) return { q, municipalities: null };
	const result = await listMunicipalities(
		locals.ctx,
		parseMunicipalityFilter(new URLSearchParams({ q }))
	);
	return { q, municipalities: result };
};
