import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	canAdministerDomains,
	createDomain,
	listDomains,
	renameDomain,
	setDomainArchived
} from '$lib/server/catalogue';
import { formFailure } from '$lib/server/web/form-failure';
import { formText } from '$lib/server/web/form-data';
import { orHttpError } from '$lib/server/web/http-errors';

/** The coordination only; everyone else gets the administration's 403 (visitors sign in). */
function requireCoordinator(locals: App.Locals, url: URL): void {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	if (!canAdministerDomains(actor)) error(403, { message: 'Kein Zugang zu den Fachbereichen' });
}

function domainIdOf(form: FormData): number {
	const raw = formText(form, 'id', 20);
	if (!/^[1-9]\d{0,9}$/.test(raw)) error(404, { message: 'Fachbereich nicht gefunden' });
	return Number(raw);
}

const NOTICES = ['hinzugefuegt', 'umbenannt', 'archiviert', 'aktiviert'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCoordinator(locals, url);
	const notice = url.searchParams.get('hinweis');
	return {
		domains: await listDomains(locals.ctx, { includeArchived: true }),
		notice: NOTICES.find((n) => n === notice) ?? null
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url, setHeaders }) => {
		requireCoordinator(locals, url);
		const name = formText(await request.formData(), 'name', 500);
		try {
			await createDomain(locals.ctx, { name });
		} catch (caught) {
			return formFailure(caught, setHeaders, { name, id: '' }, 'create');
		}
		redirect(303, '/verwaltung/fachbereiche?hinweis=hinzugefuegt');
	},
	rename: async ({ request, locals, url, setHeaders }) => {
		requireCoordinator(locals, url);
		const form = await request.formData();
		const id = domainIdOf(form);
		const name = formText(form, 'name', 500);
		try {
			await renameDomain(locals.ctx, id, { name });
		} catch (caught) {
			return formFailure(caught, setHeaders, { name, id: String(id) }, `rename-${id}`);
		}
		redirect(303, '/verwaltung/fachbereiche?hinweis=umbenannt');
	},
	archive: async ({ request, locals, url }) => {
		requireCoordinator(locals, url);
		await orHttpError(setDomainArchived(locals.ctx, domainIdOf(await request.formData()), true));
		redirect(303, '/verwaltung/fachbereiche?hinweis=archiviert');
	},
	unarchive: async ({ request, locals, url }) => {
		requireCoordinator(locals, url);
		await orHttpError(setDomainArchived(locals.ctx, domainIdOf(await request.formData()), false));
		redirect(303, '/verwaltung/fachbereiche?hinweis=aktiviert');
	}
};
