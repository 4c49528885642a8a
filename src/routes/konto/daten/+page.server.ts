import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { sessionCookieName, sessionCookieOptions } from '$lib/server/auth';
import { deleteAccount } from '$lib/server/people';
import { isDomainError } from '$lib/server/errors';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	/** Deletes the account (GDPR Art. 17), then signs this browser out for good. */
	default: async ({ request, locals, cookies, url }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		try {
			await deleteAccount(locals.ctx, {
				password: form.get('password') as string,
				confirm: (form.get('confirm') === 'on') as true
			});
		} catch (caught) {
			if (isDomainError(caught) && (caught.code === 'INVALID' || caught.code === 'CONFLICT')) {
				return fail(caught.code === 'CONFLICT' ? 409 : 400, {
					fields: caught.fields,
					confirmed: form.get('confirm') === 'on'
				});
			}
			if (isDomainError(caught)) error(caught.status, { message: caught.message });
			throw caught;
		}
		const isHttps = url.protocol === 'https:';
		cookies.delete(sessionCookieName(isHttps), sessionCookieOptions(isHttps));
		redirect(303, '/konto-geloescht');
	}
};
