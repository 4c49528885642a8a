import type { PageServerLoad } from './$types';
import { listIdeas } from '$lib/server/ideas';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) =>
	orHttpError(
		listIdeas(locals.ctx, {
			status: url.searchParams.get('stand') || undefined,
			sort: url.searchParams.get('sortierung') || undefined
		})
	);
