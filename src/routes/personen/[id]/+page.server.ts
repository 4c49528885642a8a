import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getPerson } from '$lib/server/people';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	if (!/^\d{1,12}$/.test(params.id)) error(404, { message: 'person not found' });
	return { person: await orHttpError(getPerson(locals.ctx, Number(params.id))) };
};
