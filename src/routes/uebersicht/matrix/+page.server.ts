import type { PageServerLoad } from './$types';
import { listAssociations } from '$lib/server/municipalities';
import { canAdministerTopics, getAdoptionMatrix, parseMatrixFilter } from '$lib/server/overview';

// Filters are a GET form and cells are links: no script, so anonymous pages are cached (0012).
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = parseMatrixFilter(url.searchParams);
	const [matrix, associations] = await Promise.all([
		getAdoptionMatrix(locals.ctx, filter),
		listAssociations(locals.ctx)
	]);
	return {
		filter,
		matrix,
		associations,
		canManageTopics: canAdministerTopics(locals.ctx.actor)
	};
};
