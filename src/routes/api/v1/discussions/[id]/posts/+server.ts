import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { replyToDiscussionForApi } from '$lib/server/api';
import { apiRoute, readJsonBody } from '$lib/server/web/api';

/** A reply with a read-write token. */
export const POST: RequestHandler = apiRoute(async ({ locals, params, request }) => {
	const created = await replyToDiscussionForApi(locals.ctx, params.id, await readJsonBody(request));
	return json(created, { status: 201, headers: { location: created.url } });
});
