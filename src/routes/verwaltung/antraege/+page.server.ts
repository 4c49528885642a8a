import type { Actions, PageServerLoad } from './$types';
import { acceptApplication, listApplications, rejectApplication } from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals }) => ({
	applications: await orHttpError(listApplications(locals.ctx))
});

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, 4000) : '';
};

export const actions: Actions = {
	accept: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const applicationId = text(form, 'applicationId');
		const values = { applicationId, reason: text(form, 'reason') };
		try {
			await acceptApplication(locals.ctx, values, { origin: url.origin });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `accept-${applicationId}`);
		}
		return { done: 'accepted' as const };
	},
	reject: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const applicationId = text(form, 'applicationId');
		const values = { applicationId, reason: text(form, 'reason') };
		try {
			await rejectApplication(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `reject-${applicationId}`);
		}
		return { done: 'rejected' as const };
	}
};
