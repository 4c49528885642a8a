import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	challengeCookieName,
	challengeCookieOptions,
	completeTwoFactorSignIn,
	sessionCookieName,
	sessionCookieOptions,
	signOut
} from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { safeReturnPath } from '$lib/server/web/return-path';

/** The second step of sign-in: only reachable with the challenge cookie from /anmelden. */
export const load: PageServerLoad = ({ locals, url, cookies }) => {
	const weiter = safeReturnPath(url.searchParams.get('weiter') ?? '/');
	if (locals.ctx.actor.kind === 'person') redirect(303, weiter);
	if (!cookies.get(challengeCookieName(url.protocol === 'https:'))) {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(weiter)}`);
	}
	return { weiter };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, setHeaders }) => {
		const form = await request.formData();
		const weiter = safeReturnPath(form.get('weiter') ?? '/');
		const isHttps = url.protocol === 'https:';
		const challengeCookie = challengeCookieName(isHttps);
		let session;
		try {
			session = await completeTwoFactorSignIn(locals.ctx, {
				challengeToken: cookies.get(challengeCookie),
				code: form.get('code'),
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent')
			});
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { retryAfterSeconds, fields: {} });
			}
			if (isDomainError(error) && error.code === 'INVALID') {
				if (error.fields.form === 'challenge_expired') {
					cookies.delete(challengeCookie, challengeCookieOptions(isHttps));
					redirect(303, `/anmelden?abgelaufen=1&weiter=${encodeURIComponent(weiter)}`);
				}
				return fail(400, { retryAfterSeconds: 0, fields: error.fields });
			}
			throw error;
		}
		cookies.delete(challengeCookie, challengeCookieOptions(isHttps));
		// As after a password-only sign-in: whatever session the browser brought ends here.
		const cookieName = sessionCookieName(isHttps);
		await signOut(locals.ctx, cookies.get(cookieName));
		cookies.set(cookieName, session.token, sessionCookieOptions(isHttps, session.expiresAt));
		redirect(303, weiter);
	}
};
