import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { getNetwork } from '$lib/server/network';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const network = await getNetwork(locals.ctx);
	return {
		locale: getLocale(),
		path: url.pathname + url.search,
		network: {
			name: network.name,
			shortName: network.shortName,
			isDemo: network.isDemo,
			isConfigured: network.isConfigured
		}
	};
};
