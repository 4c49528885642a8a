import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listDomains } from '$lib/server/catalogue';
import { createDiscussion, getNewDiscussionForm } from '$lib/server/discussions';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => ({
	form: await orHttpError(
		getNewDiscussionForm(locals.ctx, {
			bezug: url.searchParams.get('bezug'),
			isQuestion: url.searchParams.get('art') === 'frage'
		})
	),
	domains: await listDomains(locals.ctx)
});

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			kind: formText(form, 'kind', 20),
			title: formText(form, 'title', 400),
			body: formText(form, 'body', 40_000),
			domainId: formText(form, 'domainId', 20)
		};
		let id: number;
		try {
			id = await createDiscussion(locals.ctx, url.searchParams.get('bezug'), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/austausch/${id}?hinweis=veroeffentlicht`);
	}
};
