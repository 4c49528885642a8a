import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import {
	acceptPitch,
	addSession,
	declinePitch,
	getEvent,
	getEventForm,
	getProgramme,
	updateEvent
} from '$lib/server/events';
import { eventFormValues, formTexts } from '$lib/server/web/event-forms';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

const SESSION_FIELDS = [
	'title',
	'description',
	'startDate',
	'startTime',
	'endTime',
	'room',
	'speakers'
] as const;
/** A programme item ends on the day it starts. */
const ACCEPT_FIELDS = ['sessionId', 'startDate', 'startTime', 'endTime', 'room'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	const form = await orHttpError(getEventForm(locals.ctx, params.id));
	return {
		form,
		event: await orHttpError(getEvent(locals.ctx, params.id)),
		programme: await orHttpError(getProgramme(locals.ctx, params.id)),
		isJustCreated: url.searchParams.has('angelegt')
	};
};

export const actions: Actions = {
	speichern: async ({ request, locals, params, url, setHeaders }) => {
		const values = eventFormValues(await request.formData());
		try {
			await updateEvent(locals.ctx, params.id, values, { origin: config().origin ?? url.origin });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'event');
		}
		return { saved: 'event' as const };
	},
	sitzung: async ({ request, locals, params, setHeaders }) => {
		const values = formTexts(await request.formData(), SESSION_FIELDS, 12_000);
		try {
			await addSession(locals.ctx, params.id, { ...values, endDate: values.startDate });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'session');
		}
		return { saved: 'session' as const };
	},
	annehmen: async ({ request, locals, setHeaders }) => {
		const values = formTexts(await request.formData(), ACCEPT_FIELDS, 200);
		try {
			await acceptPitch(locals.ctx, values.sessionId, { ...values, endDate: values.startDate });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `accept-${values.sessionId}`);
		}
		return { saved: 'accepted' as const };
	},
	ablehnen: async ({ request, locals, setHeaders }) => {
		const values = formTexts(await request.formData(), ['sessionId'], 20);
		try {
			await declinePitch(locals.ctx, values.sessionId);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `accept-${values.sessionId}`);
		}
		return { saved: 'declined' as const };
	}
};
