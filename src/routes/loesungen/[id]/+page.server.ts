import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listSubjectDiscussions } from '$lib/server/discussions';
import { getProductReuseSummary } from '$lib/server/reuse';
import { adoptProduct, getProductPage, restoreProduct } from '$lib/server/solutions';
import { orHttpError } from '$lib/server/web/http-errors';
import { followState } from '$lib/server/notifications';
import { formFailure } from '$lib/server/web/form-failure';
import { formText } from '$lib/server/web/form-data';
import { productIdOf } from '../product-form';

// The product page needs no JavaScript (its forms are plain forms); visitors' pages are cached.
export const csr = false;

const NOTICES = ['eingetragen', 'gespeichert', 'genutzt', 'entfernt', 'wiederhergestellt'] as const;

function idOf(param: string): number {
	const id = productIdOf(param);
	if (id === null) error(404, { message: 'Lösung nicht gefunden' });
	return id;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const product = await orHttpError(getProductPage(locals.ctx, idOf(params.id)));
	const reuse = await getProductReuseSummary(locals.ctx, idOf(params.id));
	const discussions = await listSubjectDiscussions(locals.ctx, { type: 'product', id: product.id });
	const notice = url.searchParams.get('hinweis');
	return {
		product,
		reuse,
		following: await followState(locals.ctx, `product:${product.id}`),
		discussions,
		notice: NOTICES.find((n) => n === notice) ?? null
	};
};

export const actions: Actions = {
	/** "Wir nutzen das auch": a live adoption for one of the person's municipalities. */
	adopt: async ({ request, locals, params, url, setHeaders }) => {
		const id = idOf(params.id);
		if (locals.ctx.actor.kind !== 'person') {
			redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
		}
		const form = await request.formData();
		const raw = formText(form, 'municipalityId', 20);
		const municipalityId = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
		try {
			await adoptProduct(locals.ctx, { productId: id, municipalityId });
		} catch (caught) {
			return formFailure(caught, setHeaders, { municipalityId: raw }, 'adopt');
		}
		redirect(303, `/loesungen/${id}?hinweis=genutzt`);
	},
	restore: async ({ locals, params, setHeaders }) => {
		const id = idOf(params.id);
		try {
			await restoreProduct(locals.ctx, id);
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'restore');
		}
		redirect(303, `/loesungen/${id}?hinweis=wiederhergestellt`);
	}
};
