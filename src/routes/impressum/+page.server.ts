import type { PageServerLoad } from './$types';
import { getNetwork, getNetworkLegalText } from '$lib/server/network';

export const load: PageServerLoad = async ({ locals }) => {
	const [info, html] = await Promise.all([
		getNetwork(locals.ctx),
		getNetworkLegalText(locals.ctx, 'imprint')
	]);
	return { info, html };
};
