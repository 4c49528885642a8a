import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePassword } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { signedInPerson } from '../sign-in-required';

export const load: PageServerLoad = ({ locals, url }) => {
	signedInPerson(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		const form = await request.formData();
		try {
			await changePassword(
				locals.ctx,
				{ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') },
				url.origin
			);
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { retryAfterSeconds, fields: {} });
			}
			if (isDomainError(error) && error.code === 'INVALID') {
				return fail(400, { retryAfterSeconds: 0, fields: error.fields });
			}
			throw error;
		}
		redirect(303, '/konto/sicherheit?erledigt=passwort');
	}
};
