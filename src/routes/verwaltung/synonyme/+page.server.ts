import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getSynonymList, resetSynonymList, saveSynonymList } from '$lib/server/search';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

/** Visitors sign in first; the service refuses everyone but the coordination (403). */
function requirePerson(locals: App.Locals, url: URL): void {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePerson(locals, url);
	const notice = url.searchParams.get('hinweis');
	return {
		list: await orHttpError(getSynonymList(locals.ctx)),
		notice: notice === 'gespeichert' || notice === 'zurueckgesetzt' ? notice : null
	};
};

export const actions: Actions = {
	save: async ({ request, locals, url, setHeaders }) => {
		requirePerson(locals, url);
		const value = (await request.formData()).get('synonyms');
		const text = typeof value === 'string' ? value : '';
		try {
			await saveSynonymList(locals.ctx, text);
		} catch (caught) {
			return formFailure(caught, setHeaders, { synonyms: text });
		}
		redirect(303, '/verwaltung/synonyme?hinweis=gespeichert');
	},
	reset: async ({ locals, url }) => {
		requirePerson(locals, url);
		await orHttpError(resetSynonymList(locals.ctx));
		redirect(303, '/verwaltung/synonyme?hinweis=zurueckgesetzt');
	}
};
