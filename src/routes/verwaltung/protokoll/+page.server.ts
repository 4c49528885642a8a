import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import {
	AUDIT_ACTIONS,
	canReadAuditLog,
	listAuditEvents,
	listAuditMunicipalities,
	parseAuditFilter
} from '$lib/server/audit';

// Filters are a GET form and paging is links: the page needs no JavaScript.
export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
	// The log is the coordination's business, like the other coordinator-only administration pages.
	if (!canReadAuditLog(actor)) error(403, { message: 'Kein Zugang zum Protokoll' });
	const filter = parseAuditFilter(url.searchParams);
	const [page, municipalities] = await Promise.all([
		listAuditEvents(locals.ctx, filter),
		listAuditMunicipalities(locals.ctx)
	]);
	const actions = Object.entries(AUDIT_ACTIONS)
		.map(([code, label]) => ({ code, label }))
		.sort((a, b) => a.label.localeCompare(b.label, 'de'));
	return {
		page,
		municipalities,
		actions,
		// What the form shows: the query as typed, so an unusable value is visible, not lost.
		query: {
			action: filter.action ?? '',
			actor: url.searchParams.get('actor')?.trim().slice(0, 254) ?? '',
			municipality: filter.municipality ?? null,
			from: filter.from ?? '',
			to: filter.to ?? ''
		},
		isFirstPage: !filter.before
	};
};
