import type { RequestHandler } from './$types';
import { revokeApiToken } from '$lib/server/auth';
import { apiRoute } from '$lib/server/web/api';

/** Revokes one of the caller's own tokens; someone else's answers 404 like a missing one. */
export const DELETE: RequestHandler = apiRoute(({ locals, params, request }) =>
	revokeApiToken(locals.ctx, {
		id: params.id,
		ip: locals.clientAddress,
		userAgent: request.headers.get('user-agent')
	})
);
