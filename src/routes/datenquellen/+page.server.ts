import type { PageServerLoad } from './$types';
import { listDataSources } from '$lib/server/network';

export const load: PageServerLoad = async ({ locals }) => ({
	sources: await listDataSources(locals.ctx)
});
