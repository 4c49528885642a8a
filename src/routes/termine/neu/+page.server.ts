import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createEvent, getEventForm } from '$lib/server/events';
import { eventFormValues } from '$lib/server/web/event-forms';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	return { form: await orHttpError(getEventForm(locals.ctx)) };
};

export const actions: Actions = {
	default: async ({ request, locals, setHeaders }) => {
		const values = eventFormValues(await request.formData());
		let id: number;
		try {
			id = await createEvent(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/termine/${id}/bearbeiten?angelegt=1`);
	}
};
