import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isPasswordResetLinkUsable, resetPassword } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';

/**
 * GET only shows the form (mail scanners that open links must not use them up); the POST sets
 * the password. The token is in the path, so the page sends no referrer elsewhere (see +page.svelte).
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	return { isUsable: await isPasswordResetLinkUsable(locals.ctx, params.token) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const form = await request.formData();
		try {
			await resetPassword(locals.ctx, {
				token: params.token,
				password: form.get('password'),
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent'),
				origin: url.origin
			});
		} catch (error) {
			if (isDomainError(error) && error.code === 'INVALID') {
				return fail(400, { fields: error.fields });
			}
			throw error;
		}
		// Not signed in on purpose: the person signs in normally, second factor included.
		redirect(303, '/anmelden?zurueckgesetzt=1');
	}
};
