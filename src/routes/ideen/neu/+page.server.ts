import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createIdea, findSimilarToDraft, listIdeaAuthorChoices } from '$lib/server/ideas';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

// A plain form: it works without JavaScript on any phone.
export const csr = false;

export const load: PageServerLoad = async ({ locals }) => ({
	owners: await orHttpError(listIdeaAuthorChoices(locals.ctx))
});

function readIdeaForm(form: FormData) {
	return {
		title: formText(form, 'title', 1000),
		problem: formText(form, 'problem', 20_000),
		solution: formText(form, 'solution', 20_000),
		benefit: formText(form, 'benefit', 20_000),
		municipalityId: formText(form, 'municipalityId', 20)
	};
}

function signInFirst(kind: string, pathname: string): void {
	if (kind !== 'person') redirect(303, `/anmelden?weiter=${encodeURIComponent(pathname)}`);
}

export const actions: Actions = {
	/** "Das gibt es schon": the form again, with the projects and ideas like what was typed. */
	similar: async ({ locals, request, url }) => {
		signInFirst(locals.ctx.actor.kind, url.pathname);
		const values = readIdeaForm(await request.formData());
		const similar = await orHttpError(
			findSimilarToDraft(locals.ctx, { title: values.title, problem: values.problem })
		);
		return { fields: {} as Record<string, string>, values, similar };
	},
	create: async ({ locals, request, url, setHeaders }) => {
		signInFirst(locals.ctx.actor.kind, url.pathname);
		const values = readIdeaForm(await request.formData());
		let id: number;
		try {
			({ id } = await createIdea(locals.ctx, values));
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/ideen/${id}?gespeichert=1`);
	}
};
