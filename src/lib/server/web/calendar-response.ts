/** An iCal file as an HTTP answer: `text/calendar`, a file name, and caching by audience. */
import type { CalendarFile } from '../events';

export function calendarResponse(file: CalendarFile, options: { isPrivate: boolean }): Response {
	return new Response(file.body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${file.filename}"`,
			'cache-control': options.isPrivate ? 'private, no-store' : 'public, max-age=300',
			'x-content-type-options': 'nosniff'
		}
	});
}
