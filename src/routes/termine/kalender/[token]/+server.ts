import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { ANONYMOUS } from '$lib/server/context';
import { getPersonalCalendar } from '$lib/server/events';
import { calendarResponse } from '$lib/server/web/calendar-response';
import { orHttpError } from '$lib/server/web/http-errors';

/**
 * A person's own registrations, found by the private token alone: calendar applications
 * subscribe without a session. The answer is never cached by others.
 */
export const GET: RequestHandler = async ({ locals, params, url }) =>
	calendarResponse(
		await orHttpError(
			getPersonalCalendar({ ...locals.ctx, actor: ANONYMOUS }, params.token, {
				origin: config().origin ?? url.origin
			})
		),
		{ isPrivate: true }
	);
