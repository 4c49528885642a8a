import type { Actions, PageServerLoad } from './$types';
import { allocatePoints, closeRound, getRound } from '$lib/server/ideas';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params }) => ({
	view: await orHttpError(getRound(locals.ctx, Number(params.id)))
});

export const actions: Actions = {
	/** One municipality's points: a field `punkte-<ideaId>` per idea of the round. */
	allocate: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const municipalityId = formText(form, 'municipalityId', 20);
		const points: { ideaId: string; points: string }[] = [];
		for (const [name, value] of form.entries()) {
			const match = /^punkte-(\d{1,15})$/.exec(name);
			if (match?.[1] && typeof value === 'string' && points.length < 200) {
				points.push({ ideaId: match[1], points: value.slice(0, 10) });
			}
		}
		const values = { municipalityId, points };
		try {
			await allocatePoints(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `allocate-${municipalityId}`);
		}
		return { done: 'allocate' as const };
	},
	close: async ({ locals, params, setHeaders }) => {
		try {
			await closeRound(locals.ctx, Number(params.id));
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'close');
		}
		return { done: 'close' as const };
	}
};
