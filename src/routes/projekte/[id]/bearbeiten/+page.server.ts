import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	deleteProject,
	getProjectForEdit,
	projectFormValuesOf,
	readProjectForm,
	updateProject
} from '$lib/server/projects';
import { orHttpError } from '$lib/server/web/http-errors';
import { formFailure } from '$lib/server/web/form-failure';

// A plain form: it works without JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	const project = await orHttpError(getProjectForEdit(locals.ctx, Number(params.id)));
	return { project, stored: projectFormValuesOf(project.values) };
};

export const actions: Actions = {
	speichern: async ({ locals, params, request, url, setHeaders }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const { values, input } = readProjectForm(await request.formData());
		try {
			await updateProject(locals.ctx, Number(params.id), input);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'edit');
		}
		redirect(303, `/projekte/${params.id}?gespeichert=1`);
	},
	loeschen: async ({ locals, params, request, url, setHeaders }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		if (form.get('confirm') !== 'on') {
			return fail(400, {
				fields: { confirm: 'confirm_required' },
				retryAfterSeconds: 0,
				values: null,
				formId: 'delete'
			});
		}
		try {
			await deleteProject(locals.ctx, Number(params.id));
		} catch (caught) {
			return formFailure(caught, setHeaders, null, 'delete');
		}
		redirect(303, '/projekte?geloescht=1');
	}
};
