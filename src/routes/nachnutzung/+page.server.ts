import type { PageServerLoad } from './$types';
import { listReuseRequests, REUSE_REQUEST_STATUSES } from '$lib/server/reuse';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const status = url.searchParams.get('status');
	const lists = await orHttpError(listReuseRequests(locals.ctx, { status }));
	const actor = locals.ctx.actor;
	return {
		...lists,
		status: REUSE_REQUEST_STATUSES.find((known) => known === status) ?? '',
		hasMembership: actor.kind === 'person' && actor.municipalities.length > 0
	};
};
