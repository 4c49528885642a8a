import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listFollows } from '$lib/server/notifications';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	return { follows: await orHttpError(listFollows(locals.ctx)) };
};
