import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { requestPasswordReset } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';

export const actions: Actions = {
	/** The same answer for every address: whether it has an account stays unknown. */
	default: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const email = form.get('email');
		const shownEmail = typeof email === 'string' ? email.slice(0, 254) : '';
		try {
			await requestPasswordReset(locals.ctx, {
				email,
				ip: locals.clientAddress,
				origin: url.origin
			});
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { email: shownEmail, retryAfterSeconds, fields: {}, sent: false });
			}
			if (isDomainError(error) && error.code === 'INVALID') {
				return fail(400, {
					email: shownEmail,
					retryAfterSeconds: 0,
					fields: error.fields,
					sent: false
				});
			}
			throw error;
		}
		return { email: '', retryAfterSeconds: 0, fields: {}, sent: true };
	}
};
