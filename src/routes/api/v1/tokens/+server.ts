import type { RequestHandler } from './$types';
import { listApiTokens } from '$lib/server/auth';
import { apiRoute } from '$lib/server/web/api';

/** The caller's own API tokens, newest first, never their secrets. */
export const GET: RequestHandler = apiRoute(async ({ locals }) => ({
	items: await listApiTokens(locals.ctx)
}));
