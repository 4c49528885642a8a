import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	getAdoptionForm,
	recordAdoption,
	removeAdoption,
	type AdoptionInput
} from '$lib/server/solutions';
import { orHttpError } from '$lib/server/web/http-errors';
import { formFailure } from '$lib/server/web/form-failure';
import { formText } from '$lib/server/web/form-data';
import { productIdOf } from '../../product-form';

function idOf(param: string): number {
	const id = productIdOf(param);
	if (id === null) error(404, { message: 'Lösung nicht gefunden' });
	return id;
}

function requireSignedIn(locals: App.Locals, url: URL): void {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	}
}

/** A whole number from a form field, or null when empty; NaN (refused by the schema) otherwise. */
function numberOrNull(text: string): number | null {
	if (text === '') return null;
	return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignedIn(locals, url);
	const kommune = url.searchParams.get('kommune');
	const ags = kommune && /^\d{8}$/.test(kommune) ? kommune : null;
	return { adoption: await orHttpError(getAdoptionForm(locals.ctx, idOf(params.id), ags)) };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url, setHeaders }) => {
		requireSignedIn(locals, url);
		const productId = idOf(params.id);
		const form = await request.formData();
		const values = {
			municipalityId: formText(form, 'municipalityId', 20),
			stage: formText(form, 'stage', 40),
			sinceOn: formText(form, 'sinceOn', 40),
			usedFor: formText(form, 'usedFor', 600),
			contactPersonId: formText(form, 'contactPersonId', 20),
			rating: formText(form, 'rating', 10),
			experience: formText(form, 'experience', 5_001)
		};
		const input: AdoptionInput = {
			productId,
			municipalityId: numberOrNull(values.municipalityId) ?? 0,
			stage: values.stage as AdoptionInput['stage'],
			sinceOn: values.sinceOn,
			usedFor: values.usedFor,
			contactPersonId: numberOrNull(values.contactPersonId),
			rating: numberOrNull(values.rating),
			experience: values.experience
		};
		try {
			await recordAdoption(locals.ctx, input);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'save');
		}
		redirect(303, `/loesungen/${productId}?hinweis=gespeichert`);
	},
	remove: async ({ request, locals, params, url }) => {
		requireSignedIn(locals, url);
		const productId = idOf(params.id);
		const form = await request.formData();
		const municipalityId = numberOrNull(formText(form, 'municipalityId', 20)) ?? 0;
		await orHttpError(removeAdoption(locals.ctx, { productId, municipalityId }));
		redirect(303, `/loesungen/${productId}?hinweis=entfernt`);
	}
};
