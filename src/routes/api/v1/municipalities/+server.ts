import type { RequestHandler } from './$types';
import { listMunicipalities, parseMunicipalityFilter } from '$lib/server/municipalities';
import { apiRoute } from '$lib/server/web/api';

/** The register, with the filters, sort and pages of /kommunen; visitors see public data. */
export const GET: RequestHandler = apiRoute(({ locals, url }) =>
	listMunicipalities(locals.ctx, parseMunicipalityFilter(url.searchParams))
);
