import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * The idea pool is members' content: visitors are sent to sign in (and back here afterwards).
 * Form actions do not run this load; their use cases check the actor themselves.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return {};
};
