import type { Actions, PageServerLoad } from './$types';
import { isValidUnsubscribeToken, unsubscribeByToken } from '$lib/server/notifications';

/**
 * One-click unsubscribe (RFC 8058). GET shows a confirmation with a button and changes nothing;
 * POST (the button, or a mail client's `List-Unsubscribe=One-Click`) switches notification mails
 * off. The token names the person: no session and no origin check (see the request hook).
 */
export const load: PageServerLoad = ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	return { token, valid: isValidUnsubscribeToken(token) };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await request.formData().catch(() => new FormData());
		const token = url.searchParams.get('token') ?? form.get('token');
		return { done: await unsubscribeByToken(locals.ctx, token) };
	}
};
