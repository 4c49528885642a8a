import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listNotifications, markAllRead, markRead } from '$lib/server/notifications';
import { orHttpError } from '$lib/server/web/http-errors';

function signInFirst(url: URL): never {
	redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') signInFirst(url);
	const page = Number(url.searchParams.get('seite') ?? '1');
	return { centre: await orHttpError(listNotifications(locals.ctx, page)) };
};

export const actions: Actions = {
	gelesen: async ({ locals, request, url }) => {
		if (locals.ctx.actor.kind !== 'person') signInFirst(url);
		const form = await request.formData();
		await orHttpError(markRead(locals.ctx, Number(form.get('id'))));
		return { marked: true };
	},
	alle: async ({ locals, url }) => {
		if (locals.ctx.actor.kind !== 'person') signInFirst(url);
		await orHttpError(markAllRead(locals.ctx));
		return { allMarked: true };
	}
};
