import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getOwnProfile, updateProfile, type UpdateProfileInput } from '$lib/server/people';
import { isDomainError } from '$lib/server/errors';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals }) => {
	return { profile: await orHttpError(getOwnProfile(locals.ctx)) };
};

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		const values = {
			displayName: text(form, 'displayName'),
			jobTitle: text(form, 'jobTitle'),
			phone: text(form, 'phone'),
			about: text(form, 'about'),
			expertise: text(form, 'expertise'),
			topics: text(form, 'topics'),
			// Checked by the use case's schema.
			emailVisibility: text(form, 'emailVisibility') as UpdateProfileInput['emailVisibility'],
			phoneVisibility: text(form, 'phoneVisibility') as UpdateProfileInput['phoneVisibility'],
			isListed: form.get('isListed') === 'on'
		};
		try {
			await updateProfile(locals.ctx, values);
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'INVALID') {
				return fail(400, { values, fields: caught.fields, saved: false });
			}
			if (isDomainError(caught)) error(caught.status, { message: caught.message });
			throw caught;
		}
		return { values: null, fields: {}, saved: true };
	}
};
