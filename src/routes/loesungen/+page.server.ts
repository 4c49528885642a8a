import type { PageServerLoad } from './$types';
import {
	canAddProduct,
	canSeeDeletedProducts,
	listAdoptingMunicipalities,
	listProducts,
	parseProductFilter
} from '$lib/server/solutions';

// Filters are a GET form and paging is links: the list needs no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = parseProductFilter(url.searchParams);
	const [result, municipalities] = await Promise.all([
		listProducts(locals.ctx, filter),
		listAdoptingMunicipalities(locals.ctx)
	]);
	const actor = locals.ctx.actor;
	const notice = url.searchParams.get('hinweis') === 'geloescht' ? 'geloescht' : null;
	return {
		filter,
		result,
		municipalities,
		notice,
		canAdd: canAddProduct(actor),
		canSeeDeleted: canSeeDeletedProducts(actor),
		showsDeleted: filter.geloescht && canSeeDeletedProducts(actor)
	};
};
