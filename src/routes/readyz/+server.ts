import { json, type RequestHandler } from '@sveltejs/kit';
import { checkReadiness } from '$lib/server/health';

/** Readiness: the database answers and every migration is applied. */
export const GET: RequestHandler = async ({ locals }) => {
	const readiness = await checkReadiness(locals.ctx.db);
	return json(readiness, {
		status: readiness.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
