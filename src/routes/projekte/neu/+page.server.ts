import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createQuickNote, listOwnerChoices, readQuickNoteForm } from '$lib/server/projects';
import { formFailure } from '$lib/server/web/form-failure';

// A plain form: it works without JavaScript on any phone.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	return { owners: await listOwnerChoices(locals.ctx) };
};

export const actions: Actions = {
	default: async ({ locals, request, url, setHeaders }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const { values, input } = readQuickNoteForm(await request.formData());
		let id: number;
		try {
			({ id } = await createQuickNote(locals.ctx, input));
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/projekte/${id}?gespeichert=kurz`);
	}
};
