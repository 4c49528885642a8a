import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { editPost, getPostForEdit } from '$lib/server/discussions';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

function idOf(param: string): number {
	const id = /^[1-9][0-9]{0,15}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id)) error(404, { message: 'Beitrag nicht gefunden' });
	return id;
}

async function loadPost(locals: App.Locals, params: { id: string; postId: string }) {
	const post = await orHttpError(getPostForEdit(locals.ctx, idOf(params.postId)));
	if (post.discussionId !== idOf(params.id)) error(404, { message: 'Beitrag nicht gefunden' });
	return post;
}

export const load: PageServerLoad = async ({ locals, params }) => ({
	post: await loadPost(locals, params)
});

export const actions: Actions = {
	default: async ({ request, locals, params, setHeaders }) => {
		const post = await loadPost(locals, params);
		const form = await request.formData();
		const values = { body: formText(form, 'body', 40_000) };
		let href: string;
		try {
			href = await editPost(locals.ctx, { postId: post.postId, body: values.body });
		} catch (caught) {
			return formFailure(caught, setHeaders, values);
		}
		const [path = '', anchor = ''] = href.split('#');
		redirect(303, `${path}${path.includes('?') ? '&' : '?'}hinweis=bearbeitet#${anchor}`);
	}
};
