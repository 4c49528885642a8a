import type { PageServerLoad } from './$types';
import {
	getOverviewMap,
	mapColouringValue,
	overviewAudienceOf,
	parseMapColouring
} from '$lib/server/overview';

// The map is drawn on the server and the colouring is a GET form: no JavaScript needed. Without
// client-side rendering the page carries no script, so anonymous pages can be cached by content
// version (decision 0012).
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const map = await getOverviewMap(locals.ctx, parseMapColouring(url.searchParams));
	return {
		map,
		choice: mapColouringValue(map.colouring),
		audience: overviewAudienceOf(locals.ctx.actor)
	};
};
