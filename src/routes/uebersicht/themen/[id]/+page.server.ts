import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getTopicOverview } from '$lib/server/overview';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!/^[1-9]\d{0,9}$/.test(params.id)) error(404, { message: 'Thema nicht gefunden' });
	const ags = url.searchParams.get('kommune') ?? undefined;
	if (ags !== undefined && !/^\d{8}$/.test(ags)) error(404, { message: 'Kommune nicht gefunden' });
	return { overview: await orHttpError(getTopicOverview(locals.ctx, Number(params.id), ags)) };
};
