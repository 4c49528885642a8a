import type { PageServerLoad } from './$types';
import { getNetwork } from '$lib/server/network';

export const load: PageServerLoad = async ({ locals }) => ({
	info: await getNetwork(locals.ctx)
});
