import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getPostHistory } from '$lib/server/discussions';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

function idOf(param: string): number {
	const id = /^[1-9][0-9]{0,15}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id)) error(404, { message: 'Beitrag nicht gefunden' });
	return id;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const history = await orHttpError(getPostHistory(locals.ctx, idOf(params.postId)));
	if (history.discussionId !== idOf(params.id)) error(404, { message: 'Beitrag nicht gefunden' });
	return { history };
};
