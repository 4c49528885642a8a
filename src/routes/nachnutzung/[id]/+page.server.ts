import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getReuseRequest, linkReuseResult, transitionReuseRequest } from '$lib/server/reuse';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	request: await orHttpError(getReuseRequest(locals.ctx, Number(params.id))),
	isJustSent: url.searchParams.has('gesendet')
});

export const actions: Actions = {
	transition: async ({ request, locals, params, url, setHeaders }) => {
		const form = await request.formData();
		const values = { status: formText(form, 'status', 40), note: formText(form, 'note', 4000) };
		try {
			await transitionReuseRequest(
				locals.ctx,
				{ requestId: params.id, status: values.status as never, note: values.note },
				{ origin: config().origin ?? url.origin }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `transition-${values.status}`);
		}
		return { done: 'transition' as const };
	},
	link: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { projectId: formText(form, 'projectId', 20) };
		try {
			await linkReuseResult(
				locals.ctx,
				form.get('create') === '1'
					? { requestId: params.id, createProject: true }
					: { requestId: params.id, projectId: values.projectId }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'link');
		}
		return { done: 'linked' as const };
	}
};
