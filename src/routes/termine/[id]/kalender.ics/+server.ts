import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { getEventCalendar } from '$lib/server/events';
import { calendarResponse } from '$lib/server/web/calendar-response';
import { orHttpError } from '$lib/server/web/http-errors';

/** One event as an iCal file, for the visitor's own calendar. */
export const GET: RequestHandler = async ({ locals, params, url }) =>
	calendarResponse(
		await orHttpError(
			getEventCalendar(locals.ctx, params.id, { origin: config().origin ?? url.origin })
		),
		{ isPrivate: locals.ctx.actor.kind === 'person' }
	);
