import type { PageServerLoad } from './$types';
import { getAdministrationOverview } from '$lib/server/memberships';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals }) => ({
	overview: await orHttpError(getAdministrationOverview(locals.ctx))
});
