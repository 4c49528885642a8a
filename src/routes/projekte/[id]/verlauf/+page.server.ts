import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listProjectRevisions } from '$lib/server/projects';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// Who edited what is for signed-in members (and only for projects they may see).
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	return { history: await orHttpError(listProjectRevisions(locals.ctx, Number(params.id))) };
};
