import type { RequestHandler } from './$types';
import { listAuditEvents, parseAuditFilter } from '$lib/server/audit';
import { apiRoute, assertAuthenticated } from '$lib/server/web/api';

/**
 * The audit log for the coordination, newest first. Filters as query parameters (`action`,
 * `actor`, `municipality`, `from`, `to`); pass `nextCursor` as `before` for the next page.
 */
export const GET: RequestHandler = apiRoute(({ locals, url }) => {
	assertAuthenticated(locals.ctx.actor);
	return listAuditEvents(locals.ctx, parseAuditFilter(url.searchParams));
});
