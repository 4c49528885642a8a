import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { listAttendees, messageAttendees } from '$lib/server/events';
import { formTexts } from '$lib/server/web/event-forms';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => ({
	list: await orHttpError(listAttendees(locals.ctx, params.id))
});

export const actions: Actions = {
	nachricht: async ({ request, locals, params, url, setHeaders }) => {
		const form = await request.formData();
		const values = formTexts(form, ['subject', 'message'], 6000);
		try {
			const sent = await messageAttendees(
				locals.ctx,
				params.id,
				{ ...values, includeWaiting: form.get('includeWaiting') === 'on' },
				{ origin: config().origin ?? url.origin }
			);
			return { sent };
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
	}
};
