import type { PageServerLoad } from './$types';
import { getNetworkFigures } from '$lib/server/overview';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	return { figures: await getNetworkFigures(locals.ctx) };
};
