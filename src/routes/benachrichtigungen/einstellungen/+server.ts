import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isDomainError } from '$lib/server/errors';
import { setMailMode } from '$lib/server/notifications';

const SETTINGS = '/konto/benachrichtigungen';

/** The mail choice of the account page (form POST): 303 back, with the outcome in the query. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(SETTINGS)}`);
	}
	const form = await request.formData().catch(() => error(400, { message: 'Ungültige Anfrage' }));
	try {
		await setMailMode(locals.ctx, form.get('zustellung'));
	} catch (caught) {
		if (isDomainError(caught) && caught.code === 'INVALID') {
			redirect(303, `${SETTINGS}?zustellung=ungueltig#zustellung`);
		}
		if (isDomainError(caught)) error(caught.status, { message: caught.message });
		throw caught;
	}
	redirect(303, `${SETTINGS}?zustellung=gespeichert#zustellung`);
};
