import type { PageServerLoad } from './$types';
import { parseSearchParams, search, snippetParts } from '$lib/server/search';

// Links and a GET form only: works without JavaScript, and so anonymous result pages can be
// served from the page cache (decision 0012).
export const csr = false;

/** Global search over everything the visitor may see; the state lives in the URL. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const query = parseSearchParams(url.searchParams);
	if (!query.q) return { query, result: null };
	const result = await search(locals.ctx, query);
	return {
		query,
		result: {
			...result,
			hits: result.hits.map((hit) => ({ ...hit, parts: snippetParts(hit.snippet) }))
		}
	};
};
