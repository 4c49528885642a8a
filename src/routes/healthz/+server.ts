import { json, type RequestHandler } from '@sveltejs/kit';

/** Liveness: the process answers. Says nothing about the database on purpose. */
export const GET: RequestHandler = () =>
	json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
