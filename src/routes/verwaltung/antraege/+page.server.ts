import type { Actions, PageServerLoad } from './$types';
import { acceptApplication, listApplications, rejectApplication } from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';
import { formText } from '$lib/server/web/form-data';

export const load: PageServerLoad = async ({ locals }) => ({
	applications: await orHttpError(listApplications(locals.ctx))
});

export const actions: Actions = {
	accept: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const applicationId = formText(form, 'applicationId', 4000);
		const values = { applicationId, reason: formText(form, 'reason', 4000) };
		try {
			await acceptApplication(locals.ctx, values, { origin: url.origin });
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `accept-${applicationId}`);
		}
		return { done: 'accepted' as const };
	},
	reject: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const applicationId = formText(form, 'applicationId', 4000);
		const values = { applicationId, reason: formText(form, 'reason', 4000) };
		try {
			await rejectApplication(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `reject-${applicationId}`);
		}
		return { done: 'rejected' as const };
	}
};
