import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getAccountSecurity, requestEmailChange } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { orHttpError } from '$lib/server/web/http-errors';
import { signedInPerson } from '../sign-in-required';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedInPerson(locals, url);
	const security = await orHttpError(getAccountSecurity(locals.ctx));
	return { currentEmail: security.email };
};

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		const form = await request.formData();
		const email = form.get('email');
		const shownEmail = typeof email === 'string' ? email.slice(0, 254) : '';
		try {
			await requestEmailChange(
				locals.ctx,
				{ email, currentPassword: form.get('currentPassword') },
				url.origin
			);
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { email: shownEmail, retryAfterSeconds, fields: {} });
			}
			if (isDomainError(error) && (error.code === 'INVALID' || error.code === 'CONFLICT')) {
				return fail(error.status, {
					email: shownEmail,
					retryAfterSeconds: 0,
					fields: error.fields
				});
			}
			throw error;
		}
		redirect(303, '/konto/sicherheit?erledigt=e-mail');
	}
};
