import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { canAdministrate } from '$lib/server/memberships';

/**
 * The administration is for the coordination and municipality admins. Visitors are sent to sign
 * in (and back here afterwards); plain members get a 403. Each page's use case checks again.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	if (!canAdministrate(actor)) error(403, { message: 'Kein Zugang zur Verwaltung' });
	return { isCoordinator: actor.isCoordinator };
};
