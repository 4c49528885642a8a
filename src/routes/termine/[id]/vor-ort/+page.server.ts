import type { Actions, PageServerLoad } from './$types';
import { currentAndNext, getEvent, getProgramme, ratePitch } from '$lib/server/events';
import { formTexts } from '$lib/server/web/event-forms';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const event = await orHttpError(getEvent(locals.ctx, params.id));
	const programme = await orHttpError(getProgramme(locals.ctx, params.id));
	return { event, ...currentAndNext(programme.items, locals.ctx.now()) };
};

export const actions: Actions = {
	bewerten: async ({ request, locals, setHeaders }) => {
		const values = formTexts(await request.formData(), ['sessionId', 'stars'], 20);
		try {
			await ratePitch(locals.ctx, values.sessionId, { stars: values.stars });
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		return { rated: Number(values.sessionId) };
	}
};
