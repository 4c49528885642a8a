import type { PageServerLoad } from './$types';
import {
	parseSearchParams,
	search,
	snippetParts,
	type FacetCount,
	type SearchFacets,
	type SearchQuery
} from '$lib/server/search';

// Links and a GET form only: works without JavaScript, and so anonymous result pages can be
// served from the page cache (decision 0012).
export const csr = false;

/** How many options of each facet the page lists. */
const FACET_OPTIONS = 10;

/**
 * The page's data is serialised into it whole even without client-side rendering, so only what
 * it shows goes in: the first options of each facet and the chosen one (the API gives them all).
 */
function shownFacets(facets: SearchFacets, query: SearchQuery): SearchFacets {
	const shown = <K extends string>(options: FacetCount<K>[], chosen: string | undefined) => {
		const first = options.slice(0, FACET_OPTIONS);
		const selected = options.find((option) => option.key === chosen);
		return selected && !first.includes(selected) ? [...first, selected] : first;
	};
	return {
		type: shown(facets.type, query.type),
		municipality: shown(facets.municipality, query.municipality),
		status: shown(facets.status, query.status),
		themenfeld: shown(facets.themenfeld, query.themenfeld)
	};
}

/** Global search over everything the visitor may see; the state lives in the URL. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const query = parseSearchParams(url.searchParams);
	if (!query.q) return { query, result: null };
	const result = await search(locals.ctx, query);
	return {
		query,
		result: {
			total: result.total,
			isTotalCapped: result.isTotalCapped,
			page: result.page,
			pageCount: result.pageCount,
			answer: result.answer,
			facets: shownFacets(result.facets, query),
			hits: result.hits.map(({ snippet, ...hit }) => ({ ...hit, parts: snippetParts(snippet) }))
		}
	};
};
