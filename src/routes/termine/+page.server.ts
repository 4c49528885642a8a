import type { Actions, PageServerLoad } from './$types';
import { hasCalendarToken, listEvents, rotateCalendarToken } from '$lib/server/events';
import { formFailure } from '$lib/server/web/form-failure';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => ({
	events: await listEvents(locals.ctx),
	isSignedIn: locals.ctx.actor.kind === 'person',
	hasCalendarToken: await hasCalendarToken(locals.ctx)
});

export const actions: Actions = {
	/** A new private feed address; the old one stops working. Shown once. */
	kalender: async ({ locals, setHeaders }) => {
		try {
			return { calendarToken: await rotateCalendarToken(locals.ctx) };
		} catch (caught) {
			return formFailure(caught, setHeaders, {});
		}
	}
};
