import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteProduct, getProductPage, updateProduct } from '$lib/server/solutions';
import { orHttpError } from '$lib/server/web/http-errors';
import { formFailure } from '$lib/server/web/form-failure';
import { productFormValues, productIdOf, productInput } from '../../product-form';

function idOf(param: string): number {
	const id = productIdOf(param);
	if (id === null) error(404, { message: 'Lösung nicht gefunden' });
	return id;
}

function requireSignedIn(locals: App.Locals, url: URL): void {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignedIn(locals, url);
	const product = await orHttpError(getProductPage(locals.ctx, idOf(params.id)));
	if (!product.canEdit) error(403, { message: 'Keine Berechtigung' });
	return {
		product: {
			id: product.id,
			name: product.name,
			canDelete: product.canDelete
		},
		stored: {
			name: product.name,
			vendorName: product.vendorName ?? '',
			category: product.category as string,
			website: product.website ?? '',
			isOpenSource: product.isOpenSource,
			licence: product.licence ?? '',
			operator: product.operator ?? '',
			descriptionMd: product.descriptionMd
		}
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url, setHeaders }) => {
		requireSignedIn(locals, url);
		const id = idOf(params.id);
		const values = productFormValues(await request.formData());
		try {
			await updateProduct(locals.ctx, id, productInput(values));
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'save');
		}
		redirect(303, `/loesungen/${id}?hinweis=gespeichert`);
	},
	delete: async ({ locals, params, url }) => {
		requireSignedIn(locals, url);
		await orHttpError(deleteProduct(locals.ctx, idOf(params.id)));
		redirect(303, '/loesungen?hinweis=geloescht');
	}
};
