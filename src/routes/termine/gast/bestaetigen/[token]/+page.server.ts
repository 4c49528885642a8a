import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { isDomainError } from '$lib/server/errors';
import { confirmGuestRegistration, getGuestConfirmation } from '$lib/server/events';
import { formFailure } from '$lib/server/web/form-failure';

export const csr = false;

/** Opening the link changes nothing: mail scanners open links too. The POST confirms. */
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		return { view: await getGuestConfirmation(locals.ctx, params.token) };
	} catch (caught) {
		if (isDomainError(caught) && caught.code === 'NOT_FOUND') return { view: null };
		throw caught;
	}
};

export const actions: Actions = {
	default: async ({ locals, params, url, setHeaders }) => {
		try {
			return await confirmGuestRegistration(locals.ctx, params.token, {
				origin: config().origin ?? url.origin
			});
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'NOT_FOUND') return { invalid: true };
			return formFailure(caught, setHeaders, {});
		}
	}
};
