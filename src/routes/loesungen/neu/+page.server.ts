import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { canAddProduct, createProduct } from '$lib/server/solutions';
import { formFailure } from '$lib/server/web/form-failure';
import { productFormValues, productInput } from '../product-form';

function requireWriter(locals: App.Locals, url: URL): void {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	if (!canAddProduct(actor)) error(403, { message: 'Keine Schreibrechte' });
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireWriter(locals, url);
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, url, setHeaders }) => {
		requireWriter(locals, url);
		const values = productFormValues(await request.formData());
		let id: number;
		try {
			({ id } = await createProduct(locals.ctx, productInput(values)));
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		redirect(303, `/loesungen/${id}?hinweis=eingetragen`);
	}
};
