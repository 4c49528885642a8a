import { redirect, type RequestHandler } from '@sveltejs/kit';
import { sessionCookieName, sessionCookieOptions, signOut } from '$lib/server/auth';

/**
 * Ends the current session (POST only: a link or an image could otherwise sign people out) and
 * returns to the home page. Works without JavaScript.
 */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	const isHttps = url.protocol === 'https:';
	const name = sessionCookieName(isHttps);
	await signOut(locals.ctx, cookies.get(name));
	cookies.delete(name, sessionCookieOptions(isHttps));
	redirect(303, '/');
};
