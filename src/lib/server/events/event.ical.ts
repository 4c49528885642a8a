/**
 * iCalendar (RFC 5545) files of events, written by ical-generator with a VTIMEZONE for each
 * event's zone (from @touch4it/ical-timezones), so calendars show the local wall-clock time the
 * organisers entered, on either side of a daylight-saving change.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type { EventRow } from './event.repository';

export interface CalendarOptions {
	/** Absolute origin for event links and UIDs, e.g. `https://netzwerk.example`. */
	origin: string;
	name: string;
	/** DTSTAMP: when this file was written. */
	now: Date;
}

type CalendarEvent = Pick<
	EventRow,
	| 'id'
	| 'title'
	| 'description'
	| 'startsAt'
	| 'endsAt'
	| 'timeZone'
	| 'location'
	| 'onlineUrl'
	| 'updatedAt'
>;

export function buildCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
	const origin = options.origin.replace(/\/+$/, '');
	const host = new URL(origin).host;
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Drehscheibe', product: 'Termine', language: 'DE' },
		method: ICalCalendarMethod.PUBLISH,
		// No calendar-wide zone: DTSTAMP and LAST-MODIFIED stay in UTC as RFC 5545 demands;
		// each event names its zone and the generator adds its VTIMEZONE once.
		timezone: { name: null, generator: getVtimezoneComponent }
	});
	for (const event of events) {
		const zoned = (instant: string) =>
			DateTime.fromISO(instant, { zone: 'utc' }).setZone(event.timeZone);
		const url = `${origin}/termine/${event.id}`;
		const description = [
			event.description,
			event.onlineUrl ? `Online: ${event.onlineUrl}` : '',
			url
		]
			.filter((part) => part !== '')
			.join('\n\n');
		calendar.createEvent({
			id: `event-${event.id}@${host}`,
			start: zoned(event.startsAt),
			end: zoned(event.endsAt),
			timezone: event.timeZone,
			stamp: options.now,
			lastModified: new Date(event.updatedAt),
			summary: event.title,
			description,
			location: event.location || event.onlineUrl || undefined,
			url
		});
	}
	// RFC 5545 ends every line with CRLF, the last one too.
	const body = calendar.toString();
	return body.endsWith('\r\n') ? body : `${body}\r\n`;
}
