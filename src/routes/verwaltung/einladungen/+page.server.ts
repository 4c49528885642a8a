import type { Actions, PageServerLoad } from './$types';
import {
	inviteToMunicipalities,
	listMunicipalityChoices,
	listOpenInvitations,
	resendInvitation,
	revokeInvitation
} from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const load: PageServerLoad = async ({ locals }) => ({
	invitations: await orHttpError(listOpenInvitations(locals.ctx)),
	choices: await listMunicipalityChoices(locals.ctx)
});

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, 300) : '';
};

export const actions: Actions = {
	/** The coordination invites first admins: the role is fixed here, never read from the form. */
	invite: async ({ request, locals, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			email: text(form, 'email'),
			displayName: text(form, 'displayName'),
			ags: text(form, 'ags'),
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
