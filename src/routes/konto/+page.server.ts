import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getOwnProfile, updateProfile, type UpdateProfileInput } from '$lib/server/people';
import { isDomainError } from '$lib/server/errors';
import { orHttpError } from '$lib/server/web/http-errors';
import { formText } from '$lib/server/web/form-data';

export const load: PageServerLoad = async ({ locals }) => {
	return { profile: await orHttpError(getOwnProfile(locals.ctx)) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		const values = {
			displayName: formText(form, 'displayName'),
			jobTitle: formText(form, 'jobTitle'),
			phone: formText(form, 'phone'),
			about: formText(form, 'about'),
			expertise: formText(form, 'expertise'),
			topics: formText(form, 'topics'),
			// Checked by the use case's schema.
			emailVisibility: formText(form, 'emailVisibility') as UpdateProfileInput['emailVisibility'],
			phoneVisibility: formText(form, 'phoneVisibility') as UpdateProfileInput['phoneVisibility'],
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
