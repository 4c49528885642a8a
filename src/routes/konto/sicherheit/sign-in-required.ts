import { redirect } from '@sveltejs/kit';
import type { PersonActor } from '$lib/server/context';

/** The signed-in person, or a redirect to sign-in that comes back to this page. */
export function signedInPerson(locals: App.Locals, url: URL): PersonActor {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return actor;
}
