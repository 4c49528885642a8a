/**
 * The iCal output against RFC 5545, read back with an independent parser (ical.js): structure,
 * required properties, UTC stamps, and the local times of events in the week the clocks change.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from './event.ical';
import { localToInstant } from './event.time';

const instant = (date: string, time: string) => {
	const value = localToInstant(date, time);
	if (!value) throw new Error(`no such local time ${date} ${time}`);
	return value.toISOString();
};

// Clocks go forward on Sunday, 28 March 2027.
const events = [
	{
		id: 1,
		title: 'Ortenau Digital 2027',
		description: 'Die Jahreskonferenz; Pitches, Workshops, Austausch.',
		startsAt: instant('2027-03-26', '09:00'),
		endsAt: instant('2027-03-26', '17:00'),
		timeZone: 'Europe/Berlin',
		location: 'Salmen, Offenburg',
		onlineUrl: null,
		updatedAt: '2026-12-01T10:00:00.000Z'
	},
	{
		id: 2,
		title:
			'Netzwerktreffen nach der Umstellung, mit einem sehr langen Titel, der umbrochen werden muss',
		description: '',
		startsAt: instant('2027-03-29', '09:00'),
		endsAt: instant('2027-03-29', '10:30'),
		timeZone: 'Europe/Berlin',
		location: '',
		onlineUrl: 'https://video.example/raum',
		updatedAt: '2026-12-01T10:00:00.000Z'
	}
];

const text = buildCalendar(events, {
	origin: 'https://netz.example',
	name: 'Netzwerk: Termine',
	now: new Date('2026-12-04T08:00:00.000Z')
});

/** ical.js types `parse` loosely; a calendar file parses to one component's JSON. */
const parsed = () => new ICAL.Component(ICAL.parse(text) as unknown[]);

describe('iCal output', () => {
	it('is well-formed RFC 5545: CRLF lines of at most 75 octets, required properties', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		const lines = text.split('\r\n').slice(0, -1);
		for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		const calendar = parsed();
		expect(calendar.name).toBe('vcalendar');
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
		expect(
			calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))
		).toEqual(['Europe/Berlin']);
		const vevents = calendar.getAllSubcomponents('vevent');
		expect(vevents).toHaveLength(2);
		for (const vevent of vevents) {
			expect(vevent.getFirstPropertyValue('uid')).toMatch(/^event-\d+@netz\.example$/);
			const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
			expect(stamp.zone?.tzid).toBe('UTC');
			expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
		}
		expect(text).toMatch(/DTSTAMP:20261204T080000Z/);
	});

	it('imports with the right local and UTC times on both sides of the change', () => {
		const calendar = parsed();
		const vtimezone = calendar.getFirstSubcomponent('vtimezone');
		if (!vtimezone) throw new Error('no VTIMEZONE');
		ICAL.TimezoneService.register(vtimezone);
		// Parsed again now that the zone is known, as a calendar application imports it.
		const imported = parsed();
		const [before, after] = imported.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		if (!before || !after) throw new Error('events missing');
		for (const event of [before, after]) {
			expect(event.startDate.zone?.tzid).toBe('Europe/Berlin');
			expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 0]);
		}
		// 09:00 CET is 08:00 UTC; 09:00 CEST is 07:00 UTC.
		expect(before.startDate.toJSDate().toISOString()).toBe('2027-03-26T08:00:00.000Z');
		expect(before.endDate.toJSDate().toISOString()).toBe('2027-03-26T16:00:00.000Z');
		expect(after.startDate.toJSDate().toISOString()).toBe('2027-03-29T07:00:00.000Z');
		expect(after.endDate.toJSDate().toISOString()).toBe('2027-03-29T08:30:00.000Z');
		expect(after.summary).toBe(events[1]?.title);
		expect(after.location).toBe('https://video.example/raum');
		ICAL.TimezoneService.remove('Europe/Berlin');
	});
});
