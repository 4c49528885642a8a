import type { Actions, PageServerLoad } from './$types';
import {
	changeMemberRole,
	getMunicipalityPeople,
	inviteToMunicipalities,
	removeMember
} from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';
import { formText } from '$lib/server/web/form-data';
import { resendInvitationAction, revokeInvitationAction } from '$lib/server/web/invitation-actions';

export const load: PageServerLoad = async ({ locals, params }) => ({
	people: await orHttpError(getMunicipalityPeople(locals.ctx, params.ags))
});

// The municipality always comes from the address (and is checked against the actor's rights
// by the use case); ids in the form only pick a person or invitation of that municipality.
export const actions: Actions = {
	invite: async ({ request, locals, params, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			email: formText(form, 'email', 300),
			displayName: formText(form, 'displayName', 300),
			role: formText(form, 'role', 300)
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
		const values = { personId: formText(form, 'personId', 300), role: formText(form, 'role', 300) };
		try {
			await changeMemberRole(locals.ctx, params.ags, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'people');
		}
		return { done: 'role' as const };
	},
	remove: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { personId: formText(form, 'personId', 300) };
		try {
			await removeMember(locals.ctx, params.ags, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'people');
		}
		return { done: 'removed' as const };
	},
	revoke: revokeInvitationAction,
	resend: resendInvitationAction
};
