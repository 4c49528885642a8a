import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * Every page of the account area is for the signed-in person only. Form actions do not run this
 * load: their use cases check the actor themselves.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return {};
};
