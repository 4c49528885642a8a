import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { changeFollow } from '$lib/server/notifications';
import { orHttpError } from '$lib/server/web/http-errors';
import { safeReturnPath } from '$lib/server/web/return-path';

/**
 * Follow or unfollow (form POST, decision 0027): `bezug=<type>:<id>`, `aktion=folgen|entfolgen`,
 * `zurueck=<path>`; answers 303 back to `zurueck` (only paths of this site).
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const form = await request.formData().catch(() => error(400, { message: 'Ungültige Anfrage' }));
	const back = safeReturnPath(form.get('zurueck'));
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(back)}`);
	}
	await orHttpError(
		changeFollow(locals.ctx, { bezug: form.get('bezug'), aktion: form.get('aktion') })
	);
	redirect(303, back);
};
