import type { Actions, PageServerLoad } from './$types';
import {
	changeMemberRole,
	getMunicipalityPeople,
	inviteToMunicipalities,
	removeMember,
	resendInvitation,
	revokeInvitation
} from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals, params }) => ({
	people: await orHttpError(getMunicipalityPeople(locals.ctx, params.ags))
});

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, 300) : '';
};

// The municipality always comes from the address (and is checked against the actor's rights
// by the use case); ids in the form only pick a person or invitation of that municipality.
export const actions: Actions = {
	invite: async ({ request, locals, params, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			email: text(form, 'email'),
			displayName: text(form, 'displayName'),
			role: text(form, 'role')
		};
		try {
			await inviteToMunicipalities(
				locals.ctx,
				{ ...values, ags: [params.ags], includeAssociation: false },
				{ origin: url.origin }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'invite');
		}
		return { done: 'invited' as const, email: values.email.trim() };
	},
	role: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { personId: text(form, 'personId'), role: text(form, 'role') };
		try {
			await changeMemberRole(locals.ctx, params.ags, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'people');
		}
		return { done: 'role' as const };
	},
	remove: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { personId: text(form, 'personId') };
		try {
			await removeMember(locals.ctx, params.ags, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'people');
		}
		return { done: 'removed' as const };
	},
	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		await orHttpError(revokeInvitation(locals.ctx, { invitationId: text(form, 'invitationId') }));
		return { done: 'revoked' as const };
	},
	resend: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		try {
			await resendInvitation(
				locals.ctx,
				{ invitationId: text(form, 'invitationId') },
				{ origin: url.origin }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'list');
		}
		return { done: 'resent' as const };
	}
};
