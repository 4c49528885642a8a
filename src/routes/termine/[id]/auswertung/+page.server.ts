import type { PageServerLoad } from './$types';
import { getPitchSummary } from '$lib/server/events';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => ({
	summary: await orHttpError(getPitchSummary(locals.ctx, params.id))
});
