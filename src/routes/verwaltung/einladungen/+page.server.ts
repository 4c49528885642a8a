import type { Actions, PageServerLoad } from './$types';
import {
	inviteToMunicipalities,
	listMunicipalityChoices,
	listOpenInvitations
} from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';
import { formText } from '$lib/server/web/form-data';
import { resendInvitationAction, revokeInvitationAction } from '$lib/server/web/invitation-actions';

export const load: PageServerLoad = async ({ locals }) => ({
	invitations: await orHttpError(listOpenInvitations(locals.ctx)),
	choices: await listMunicipalityChoices(locals.ctx)
});

export const actions: Actions = {
	/** The coordination invites first admins: the role is fixed here, never read from the form. */
	invite: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			email: formText(form, 'email', 300),
			displayName: formText(form, 'displayName', 300),
			ags: formText(form, 'ags', 300),
			includeAssociation: form.get('includeAssociation') === 'on'
		};
		try {
			await inviteToMunicipalities(
				locals.ctx,
				{
					email: values.email,
					displayName: values.displayName,
					role: 'admin',
					ags: [values.ags],
					includeAssociation: values.includeAssociation
				},
				{ origin: url.origin }
			);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'invite');
		}
		return { done: 'invited' as const, email: values.email.trim() };
	},
	revoke: revokeInvitationAction,
	resend: resendInvitationAction
};
