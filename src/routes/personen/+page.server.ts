import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listDirectoryFacets, listPeople, parseDirectoryFilter } from '$lib/server/people';

// Filters are a GET form and links are links: the directory needs no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const filter = parseDirectoryFilter(url.searchParams);
	const [result, facets] = await Promise.all([
		listPeople(locals.ctx, filter),
		listDirectoryFacets(locals.ctx, filter)
	]);
	return { filter, result, facets };
};
