import type { PageServerLoad } from './$types';
import { listProjectFacets, listProjects, parseProjectFilter } from '$lib/server/projects';
import { followTarget } from '$lib/server/notifications';

// The list needs no JavaScript: filters are a GET form, paging is links. Without client-side
// rendering the page carries no script and can be cached for anonymous visitors (decision 0012).
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = parseProjectFilter(url.searchParams);
	const [result, facets] = await Promise.all([
		listProjects(locals.ctx, filter),
		listProjectFacets(locals.ctx, filter)
	]);
	// Filtered by one topic field: signed-in people may follow that topic field.
	const topicFollow = filter.themenfeld
		? await followTarget(locals.ctx, `topic_field:${filter.themenfeld}`)
		: null;
	return {
		filter,
		result,
		facets,
		topicFollow,
		deleted: url.searchParams.get('geloescht') === '1'
	};
};
