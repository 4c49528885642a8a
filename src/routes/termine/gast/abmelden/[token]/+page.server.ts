import type { Actions, PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { isDomainError } from '$lib/server/errors';
import { cancelGuestRegistration, getGuestCancellation } from '$lib/server/events';

export const csr = false;

/** Opening the link changes nothing; the POST cancels. */
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		return { view: await getGuestCancellation(locals.ctx, params.token) };
	} catch (caught) {
		if (isDomainError(caught) && caught.code === 'NOT_FOUND') return { view: null };
		throw caught;
	}
};

export const actions: Actions = {
	default: async ({ locals, params, url }) => {
		try {
			return {
				cancelled: await cancelGuestRegistration(locals.ctx, params.token, {
					origin: config().origin ?? url.origin
				})
			};
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'NOT_FOUND') return { invalid: true };
			throw caught;
		}
	}
};
