import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createQuickNote, listOwnerChoices, readQuickNoteForm } from '$lib/server/projects';
import { findSimilarProjects } from '$lib/server/search';
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
	/** "Das gibt es schon": the form again, with the projects like what was typed so far. */
	similar: async ({ locals, request, url }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const { values } = readQuickNoteForm(await request.formData());
		const similar = await findSimilarProjects(locals.ctx, {
			title: values.title,
			summary: values.summary
		});
		return { fields: {} as Record<string, string>, values, similar };
	},
	create: async ({ locals, request, url, setHeaders }) => {
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
