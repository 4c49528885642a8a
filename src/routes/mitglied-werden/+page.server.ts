import type { Actions, PageServerLoad } from './$types';
import { listMunicipalityChoices, submitApplication } from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { formText } from '$lib/server/web/form-data';

export const load: PageServerLoad = async ({ locals }) => {
	const choices = await listMunicipalityChoices(locals.ctx);
	// Members need not apply; whether a municipality has applied already is not shown.
	return { choices: choices.filter((choice) => !choice.isMember) };
};

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			ags: formText(form, 'ags', 300),
			forAssociation: form.get('forAssociation') === 'on',
			contactName: formText(form, 'contactName', 300),
			email: formText(form, 'email', 300),
			jobTitle: formText(form, 'jobTitle', 300),
			phone: formText(form, 'phone', 300),
			message: formText(form, 'message', 4000)
		};
		try {
			const result = await submitApplication(locals.ctx, values, {
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent'),
				origin: url.origin
			});
			return {
				done: true as const,
				email: values.email.trim(),
				municipalities: result.municipalities.map((mun) => mun.name)
			};
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
	}
};
