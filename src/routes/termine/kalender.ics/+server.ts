import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { getPublicCalendar } from '$lib/server/events';
import { ANONYMOUS } from '$lib/server/context';
import { calendarResponse } from '$lib/server/web/calendar-response';

/** Every public event as a subscribable feed (the same for everyone, so signed-in people too). */
export const GET: RequestHandler = async ({ locals, url }) =>
	calendarResponse(
		await getPublicCalendar(
			{ ...locals.ctx, actor: ANONYMOUS },
			{ origin: config().origin ?? url.origin }
		),
		{ isPrivate: false }
	);
