import type { Actions, PageServerLoad } from './$types';
import { listMunicipalityChoices, submitApplication } from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';

export const load: PageServerLoad = async ({ locals }) => {
	const choices = await listMunicipalityChoices(locals.ctx);
	// Members need not apply; whether a municipality has applied already is not shown.
	return { choices: choices.filter((choice) => !choice.isMember) };
};

const text = (form: FormData, name: string, max = 300) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
};

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			ags: text(form, 'ags'),
			forAssociation: form.get('forAssociation') === 'on',
			contactName: text(form, 'contactName'),
			email: text(form, 'email'),
			jobTitle: text(form, 'jobTitle'),
			phone: text(form, 'phone'),
			message: text(form, 'message', 4000)
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
