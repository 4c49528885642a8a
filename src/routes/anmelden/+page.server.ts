import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	challengeCookieName,
	challengeCookieOptions,
	sessionCookieName,
	sessionCookieOptions,
	signIn,
	signOut
} from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { safeReturnPath } from '$lib/server/web/return-path';

export const load: PageServerLoad = ({ locals, url }) => {
	const weiter = safeReturnPath(url.searchParams.get('weiter') ?? '/');
	if (locals.ctx.actor.kind === 'person') redirect(303, weiter);
	return {
		weiter,
		notice: url.searchParams.has('zurueckgesetzt')
			? ('after_reset' as const)
			: url.searchParams.has('abgelaufen')
				? ('challenge_expired' as const)
				: null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, setHeaders }) => {
		const form = await request.formData();
		const email = form.get('email');
		const weiter = safeReturnPath(form.get('weiter') ?? '/');
		const shownEmail = typeof email === 'string' ? email.slice(0, 254) : '';
		const isHttps = url.protocol === 'https:';
		const cookieName = sessionCookieName(isHttps);
		let result;
		try {
			result = await signIn(locals.ctx, {
				email,
				password: form.get('password'),
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent')
			});
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { email: shownEmail, retryAfterSeconds, fields: {} });
			}
			if (isDomainError(error) && error.code === 'INVALID') {
				return fail(400, { email: shownEmail, retryAfterSeconds: 0, fields: error.fields });
			}
			throw error;
		}
		if (result.status === 'two_factor_required') {
			// No session yet: the short-lived challenge cookie carries the person to the second step.
			cookies.set(
				challengeCookieName(isHttps),
				result.challengeToken,
				challengeCookieOptions(isHttps, result.expiresAt)
			);
			redirect(303, `/anmelden/bestaetigen?weiter=${encodeURIComponent(weiter)}`);
		}
		// A session the browser brought (someone else's on a shared PC, or one planted by an
		// attacker) ends here; the person continues only with the new one.
		await signOut(locals.ctx, cookies.get(cookieName));
		cookies.set(cookieName, result.token, sessionCookieOptions(isHttps, result.expiresAt));
		redirect(303, weiter);
	}
};
