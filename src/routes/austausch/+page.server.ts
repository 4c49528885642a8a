import type { PageServerLoad } from './$types';
import { listDomains } from '$lib/server/catalogue';
import { listDiscussions } from '$lib/server/discussions';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	const list = await orHttpError(
		listDiscussions(locals.ctx, {
			bezug: url.searchParams.get('bezug'),
			domainId: url.searchParams.get('fachbereich'),
			kind:
				url.searchParams.get('art') === 'frage'
					? 'question'
					: url.searchParams.get('art') === 'austausch'
						? 'discussion'
						: null,
			page: url.searchParams.get('seite') ?? 1
		})
	);
	return { list, domains: await listDomains(locals.ctx) };
};
