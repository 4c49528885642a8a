import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { sessionCookieName, sessionCookieOptions, signOut } from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import {
	acceptInvitationAsSignedIn,
	acceptInvitationWithNewAccount,
	viewInvitation,
	type AcceptResult
} from '$lib/server/memberships';
import { formFailure } from '$lib/server/web/form-failure';
import { formText } from '$lib/server/web/form-data';

/** Unknown, expired, used and revoked links all get the same calm page (see +error.svelte). */
function gone(caught: unknown): never {
	if (isDomainError(caught) && caught.code === 'NOT_FOUND') {
		error(410, { message: 'Einladung nicht mehr gültig' });
	}
	throw caught;
}

/** Admins go to their municipality's people, members to their account. */
function landing(result: AcceptResult): string {
	const first = result.municipalities[0];
	return result.role === 'admin' && first ? `/verwaltung/kommunen/${first.ags}` : '/konto';
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const invitation = await viewInvitation(locals.ctx, params.token).catch(gone);
	return { invitation, token: params.token };
};

export const actions: Actions = {
	create: async ({ request, locals, params, cookies, url, setHeaders }) => {
		const form = await request.formData();
		const values = {
			displayName: formText(form, 'displayName').slice(0, 300),
			jobTitle: formText(form, 'jobTitle').slice(0, 300)
		};
		const isHttps = url.protocol === 'https:';
		const cookieName = sessionCookieName(isHttps);
		let result;
		try {
			result = await acceptInvitationWithNewAccount(locals.ctx, {
				token: params.token,
				...values,
				password: formText(form, 'password'),
				passwordRepeat: formText(form, 'passwordRepeat'),
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent')
			});
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'NOT_FOUND') gone(caught);
			return formFailure(caught, setHeaders, values);
		}
		// Whatever session the browser brought ends; the person continues with the new one only.
		await signOut(locals.ctx, cookies.get(cookieName));
		cookies.set(
			cookieName,
			result.session.token,
			sessionCookieOptions(isHttps, result.session.expiresAt)
		);
		redirect(303, landing(result));
	},
	confirm: async ({ locals, params, setHeaders }) => {
		let result;
		try {
			result = await acceptInvitationAsSignedIn(locals.ctx, params.token);
		} catch (caught) {
			if (isDomainError(caught) && caught.code === 'NOT_FOUND') gone(caught);
			if (isDomainError(caught) && caught.code === 'UNAUTHENTICATED') {
				redirect(303, `/anmelden?weiter=${encodeURIComponent(`/einladung/${params.token}`)}`);
			}
			return formFailure(caught, setHeaders, {});
		}
		redirect(303, landing(result));
	}
};
