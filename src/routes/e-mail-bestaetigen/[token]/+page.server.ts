import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findEmailVerificationLink, verifyEmail } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';

/** GET shows what the link would do (mail scanners open links); the button's POST does it. */
export const load: PageServerLoad = async ({ locals, params }) => {
	return { link: await findEmailVerificationLink(locals.ctx, params.token) };
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		try {
			const done = await verifyEmail(locals.ctx, params.token);
			return { done, fields: {} as Record<string, string> };
		} catch (error) {
			if (isDomainError(error) && (error.code === 'INVALID' || error.code === 'CONFLICT')) {
				return fail(error.status, { done: null, fields: error.fields });
			}
			throw error;
		}
	}
};
