/**
 * The form actions on a list of open invitations (withdraw, send again), shared by the
 * coordination's invitation page and a municipality's people page. Which invitations the person
 * may touch is decided by the use cases, not by the page the form was on.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { resendInvitation, revokeInvitation } from '../memberships';
import { formText } from './form-data';
import { formFailure } from './form-failure';
import { orHttpError } from './http-errors';

export async function revokeInvitationAction({ request, locals }: RequestEvent) {
	const form = await request.formData();
	await orHttpError(
		revokeInvitation(locals.ctx, { invitationId: formText(form, 'invitationId', 300) })
	);
	return { done: 'revoked' as const };
}

export async function resendInvitationAction({ request, locals, url, setHeaders }: RequestEvent) {
	const form = await request.formData();
	try {
		await resendInvitation(
			locals.ctx,
			{ invitationId: formText(form, 'invitationId', 300) },
			{ origin: url.origin }
		);
	} catch (caught) {
		return formFailure(caught, setHeaders, {}, 'list');
	}
	return { done: 'resent' as const };
}
