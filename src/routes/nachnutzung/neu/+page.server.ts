import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getReuseRequestForm, requestReuse } from '$lib/server/reuse';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

/** `?projekt=ID` or `?loesung=ID`: what the request is about. */
function subjectOf(url: URL): { projectId?: string; productId?: string } {
	const projectId = url.searchParams.get('projekt');
	if (projectId !== null) return { projectId };
	return { productId: url.searchParams.get('loesung') ?? '' };
}

export const load: PageServerLoad = async ({ locals, url }) => ({
	form: await orHttpError(getReuseRequestForm(locals.ctx, subjectOf(url)))
});

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			requestingMunicipalityId: formText(form, 'requestingMunicipalityId', 20),
			ownerMunicipalityId: formText(form, 'ownerMunicipalityId', 20),
			message: formText(form, 'message', 4000)
		};
		const subject = subjectOf(url);
		let id: number;
		try {
			id = await requestReuse(
				locals.ctx,
				subject.projectId !== undefined
					? { projectId: subject.projectId }
					: { productId: subject.productId ?? '', ownerMunicipalityId: values.ownerMunicipalityId },
				{ requestingMunicipalityId: values.requestingMunicipalityId, message: values.message },
				{ origin: config().origin ?? url.origin }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/nachnutzung/${id}?gesendet=1`);
	}
};
