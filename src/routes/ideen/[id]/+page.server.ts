import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	changeIdeaState,
	convertIdea,
	getIdea,
	supportIdea,
	withdrawSupport
} from '$lib/server/ideas';
import { listSubjectDiscussions } from '$lib/server/discussions';
import { followState } from '$lib/server/notifications';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const idea = await orHttpError(getIdea(locals.ctx, Number(params.id)));
	return {
		idea,
		discussions: await listSubjectDiscussions(locals.ctx, { type: 'idea', id: idea.id }),
		following: await followState(locals.ctx, `idea:${idea.id}`),
		isJustSaved: url.searchParams.has('gespeichert')
	};
};

export const actions: Actions = {
	support: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = {
			municipalityId: formText(form, 'municipalityId', 20),
			comment: formText(form, 'comment', 4000),
			contributors: formText(form, 'contributors', 1000)
		};
		try {
			await supportIdea(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `support-${values.municipalityId}`);
		}
		return { done: 'support' as const };
	},
	withdraw: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { municipalityId: formText(form, 'municipalityId', 20) };
		try {
			await withdrawSupport(locals.ctx, Number(params.id), values.municipalityId);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `support-${values.municipalityId}`);
		}
		return { done: 'withdraw' as const };
	},
	state: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { status: formText(form, 'status', 40), reason: formText(form, 'reason', 4000) };
		try {
			await changeIdeaState(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'state');
		}
		return { done: 'state' as const };
	},
	convert: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = {
			leadMunicipalityId: formText(form, 'leadMunicipalityId', 20),
			partnerMunicipalityIds: form.getAll('partnerMunicipalityIds').map(String).slice(0, 200),
			visibility: formText(form, 'visibility', 20)
		};
		let projectId: number;
		try {
			({ projectId } = await convertIdea(locals.ctx, Number(params.id), values));
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'convert');
		}
		redirect(303, `/projekte/${projectId}`);
	}
};
