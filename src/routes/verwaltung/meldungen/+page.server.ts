import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { dismissReport, hideReportedPost, listOpenReports } from '$lib/server/discussions';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

const NOTICES = ['ausgeblendet', 'zurueckgewiesen'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const notice = url.searchParams.get('hinweis');
	return {
		reports: await orHttpError(listOpenReports(locals.ctx)),
		notice: NOTICES.find((n) => n === notice) ?? null
	};
};

export const actions: Actions = {
	ausblenden: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const values = {
			reportId: formText(form, 'reportId', 20),
			reason: formText(form, 'reason', 2000)
		};
		try {
			await hideReportedPost(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `meldung-${values.reportId}`);
		}
		redirect(303, '/verwaltung/meldungen?hinweis=ausgeblendet');
	},
	zurueckweisen: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const values = { reportId: formText(form, 'reportId', 20), reason: '' };
		try {
			await dismissReport(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `meldung-${values.reportId}`);
		}
		redirect(303, '/verwaltung/meldungen?hinweis=zurueckgewiesen');
	}
};
