import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	getNotificationSettings,
	NOTIFICATION_SETTING_KEYS,
	updateNotificationSettings
} from '$lib/server/people';
import { isDomainError } from '$lib/server/errors';
import { getMailMode } from '$lib/server/notifications';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals, url }) => {
	return {
		settings: await orHttpError(getNotificationSettings(locals.ctx)),
		mailMode: await orHttpError(getMailMode(locals.ctx)),
		mailStatus: url.searchParams.get('zustellung')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		// A checkbox sends its name only when ticked: every setting not sent is off.
		const settings = Object.fromEntries(
			NOTIFICATION_SETTING_KEYS.map((key) => [key, form.get(key) === 'on'])
		);
		try {
			await updateNotificationSettings(locals.ctx, settings);
		} catch (caught) {
			if (isDomainError(caught)) error(caught.status, { message: caught.message });
			throw caught;
		}
		return { saved: true };
	}
};
