import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import {
	cancelRegistration,
	getEvent,
	getProgramme,
	proposePitch,
	ratePitch,
	registerForEvent,
	requestGuestRegistration,
	setPitchRecording
} from '$lib/server/events';
import { listSubjectDiscussions } from '$lib/server/discussions';
import { followState } from '$lib/server/notifications';
import { formTexts } from '$lib/server/web/event-forms';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => {
	const event = await orHttpError(getEvent(locals.ctx, params.id));
	return {
		event,
		programme: await orHttpError(getProgramme(locals.ctx, params.id)),
		following: await followState(locals.ctx, `event:${event.id}`),
		discussions: await listSubjectDiscussions(locals.ctx, { type: 'event', id: event.id })
	};
};

const origin = (url: URL) => ({ origin: config().origin ?? url.origin });

export const actions: Actions = {
	anmelden: async ({ locals, params, url, setHeaders }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		try {
			return { registered: await registerForEvent(locals.ctx, params.id, origin(url)) };
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'registration');
		}
	},
	abmelden: async ({ locals, params, url, setHeaders }) => {
		try {
			await cancelRegistration(locals.ctx, params.id, origin(url));
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'registration');
		}
		return { cancelled: true };
	},
	gast: async ({ request, locals, params, url, setHeaders }) => {
		const values = formTexts(await request.formData(), ['name', 'organisation', 'email'], 300);
		try {
			await requestGuestRegistration(locals.ctx, params.id, values, {
				...origin(url),
				clientAddress: locals.clientAddress
			});
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'guest');
		}
		return { guestRequested: true };
	},
	pitch: async ({ request, locals, params, setHeaders }) => {
		const values = formTexts(await request.formData(), ['projectId', 'description'], 12_000);
		try {
			await proposePitch(locals.ctx, params.id, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'pitch');
		}
		return { proposed: true };
	},
	bewerten: async ({ request, locals, setHeaders }) => {
		const values = formTexts(await request.formData(), ['sessionId', 'stars'], 20);
		try {
			await ratePitch(locals.ctx, values.sessionId, { stars: values.stars });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `rating-${values.sessionId}`);
		}
		return { rated: Number(values.sessionId) };
	},
	aufzeichnung: async ({ request, locals, setHeaders }) => {
		const values = formTexts(await request.formData(), ['sessionId', 'recordingUrl'], 600);
		try {
			await setPitchRecording(locals.ctx, values.sessionId, { recordingUrl: values.recordingUrl });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `recording-${values.sessionId}`);
		}
		return { recorded: Number(values.sessionId) };
	}
};
