import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	acceptAnswer,
	getDiscussion,
	quoteForReply,
	replyToDiscussion,
	reportPost
} from '$lib/server/discussions';
import { followState } from '$lib/server/notifications';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

const NOTICES = ['veroeffentlicht', 'beantwortet', 'bearbeitet', 'angenommen', 'gemeldet'] as const;

function idOf(param: string): number {
	const id = /^[1-9][0-9]{0,15}$/.test(param) ? Number(param) : NaN;
	if (!Number.isSafeInteger(id)) error(404, { message: 'Beitrag nicht gefunden' });
	return id;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idOf(params.id);
	const discussion = await orHttpError(
		getDiscussion(locals.ctx, id, { page: Number(url.searchParams.get('seite') ?? 1) })
	);
	const quoted = url.searchParams.get('zitat');
	const quote =
		quoted && /^[0-9]{1,16}$/.test(quoted)
			? await quoteForReply(locals.ctx, id, Number(quoted))
			: '';
	const notice = url.searchParams.get('hinweis');
	const reported = url.searchParams.get('melden');
	return {
		discussion,
		following: await followState(locals.ctx, `discussion:${id}`),
		quote,
		reportPostId: reported && /^[0-9]{1,16}$/.test(reported) ? Number(reported) : null,
		notice: NOTICES.find((n) => n === notice) ?? null
	};
};

/** Back to the post with a notice: `/austausch/1?seite=2#beitrag-5` gains `hinweis=…`. */
function withNotice(href: string, notice: (typeof NOTICES)[number]): string {
	const [path = '', anchor = ''] = href.split('#');
	return `${path}${path.includes('?') ? '&' : '?'}hinweis=${notice}${anchor ? `#${anchor}` : ''}`;
}

export const actions: Actions = {
	antworten: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { body: formText(form, 'body', 40_000) };
		let href: string;
		try {
			({ href } = await replyToDiscussion(locals.ctx, {
				discussionId: idOf(params.id),
				body: values.body
			}));
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'antworten');
		}
		redirect(303, withNotice(href, 'beantwortet'));
	},
	annehmen: async ({ request, locals, params }) => {
		const form = await request.formData();
		const href = await orHttpError(
			acceptAnswer(locals.ctx, {
				discussionId: idOf(params.id),
				postId: formText(form, 'postId', 20)
			})
		);
		redirect(303, withNotice(href, 'angenommen'));
	},
	melden: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const values = { postId: formText(form, 'postId', 20), reason: formText(form, 'reason', 2000) };
		let href: string;
		try {
			href = await reportPost(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `melden-${values.postId}`);
		}
		redirect(303, withNotice(href, 'gemeldet'));
	}
};
