import type { PageServerLoad } from './$types';
import { getNetworkStatistics } from '$lib/server/overview';

// Charts are server-rendered SVG and the tables plain HTML: no JavaScript needed. Without
// client-side rendering the page carries no script, so it can be cached for anonymous visitors
// (decision 0012); the statistics themselves are computed once per content version (0022).
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	return { statistics: await getNetworkStatistics(locals.ctx) };
};
