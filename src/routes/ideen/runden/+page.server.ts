import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listIdeas, listRounds, openRound } from '$lib/server/ideas';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { rounds, canManage } = await orHttpError(listRounds(locals.ctx));
	// The coordination picks the round's ideas among the open ones.
	const candidates = canManage
		? (await listIdeas(locals.ctx, { sort: 'support' })).ideas.filter(
				(idea) => idea.status !== 'rejected' && idea.status !== 'implemented'
			)
		: [];
	return { rounds, canManage, candidates };
};

export const actions: Actions = {
	open: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const values = {
			name: formText(form, 'name', 1000),
			pointsPerMunicipality: formText(form, 'pointsPerMunicipality', 20),
			ideaIds: form.getAll('ideaIds').map(String).slice(0, 200)
		};
		let id: number;
		try {
			({ id } = await openRound(locals.ctx, values));
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/ideen/runden/${id}`);
	}
};
