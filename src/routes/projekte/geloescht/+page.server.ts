import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listDeletedProjects, restoreProject } from '$lib/server/projects';
import { orHttpError } from '$lib/server/web/http-errors';
import { formFailure } from '$lib/server/web/form-failure';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	return {
		projects: await orHttpError(listDeletedProjects(locals.ctx)),
		restored: url.searchParams.get('wiederhergestellt')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url, setHeaders }) => {
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const id = Number((await request.formData()).get('id'));
		if (!Number.isSafeInteger(id) || id <= 0) error(400, { message: 'invalid id' });
		try {
			await restoreProject(locals.ctx, id);
		} catch (caught) {
			return formFailure(caught, setHeaders, null);
		}
		redirect(303, `/projekte/geloescht?wiederhergestellt=${id}`);
	}
};
