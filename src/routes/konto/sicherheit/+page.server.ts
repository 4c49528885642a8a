import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	getAccountSecurity,
	listSessions,
	revokeSession,
	sendEmailVerification,
	sessionCookieName,
	sessionCookieOptions,
	signOutEverywhere
} from '$lib/server/auth';
import { retryAfterOf } from '$lib/server/rate-limits';
import { orHttpError } from '$lib/server/web/http-errors';
import { signedInPerson } from './sign-in-required';

export const load: PageServerLoad = async ({ locals, url }) => {
	signedInPerson(locals, url);
	const [security, sessions] = await Promise.all([
		orHttpError(getAccountSecurity(locals.ctx)),
		orHttpError(listSessions(locals.ctx))
	]);
	return { security, sessions, done: url.searchParams.get('erledigt') };
};

export const actions: Actions = {
	bestaetigen: async ({ locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		try {
			await sendEmailVerification(locals.ctx, url.origin);
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds === undefined) throw error;
			setHeaders({ 'retry-after': String(retryAfterSeconds) });
			return fail(429, { retryAfterSeconds, action: 'verification' });
		}
		return { retryAfterSeconds: 0, action: 'verification' };
	},
	beenden: async ({ locals, url, request, cookies }) => {
		const actor = signedInPerson(locals, url);
		const form = await request.formData();
		const sessionId = form.get('sessionId');
		await orHttpError(revokeSession(locals.ctx, typeof sessionId === 'string' ? sessionId : ''));
		if (sessionId === actor.sessionId) {
			const isHttps = url.protocol === 'https:';
			cookies.delete(sessionCookieName(isHttps), sessionCookieOptions(isHttps));
			redirect(303, '/anmelden');
		}
		return { retryAfterSeconds: 0, action: 'revoked' };
	},
	ueberall: async ({ locals, url, cookies }) => {
		signedInPerson(locals, url);
		await orHttpError(signOutEverywhere(locals.ctx));
		const isHttps = url.protocol === 'https:';
		cookies.delete(sessionCookieName(isHttps), sessionCookieOptions(isHttps));
		redirect(303, '/anmelden');
	}
};
