import type { LayoutServerLoad } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { canAdministrate } from '$lib/server/memberships';
import { getNetworkSummary } from '$lib/server/network';
import { countUnread } from '$lib/server/notifications';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const network = await getNetworkSummary(locals.ctx);
	const actor = locals.ctx.actor;
	return {
		person:
			actor.kind === 'person'
				? {
						displayName: actor.displayName,
						canAdministrate: canAdministrate(actor),
						// Per person and never cached: pages of signed-in people bypass the page cache.
						unreadNotifications: await countUnread(locals.ctx)
					}
				: null,
		locale: getLocale(),
		path: url.pathname + url.search,
		network
	};
};
