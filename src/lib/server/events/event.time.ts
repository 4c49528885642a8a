/**
 * Wall-clock time in the events' zone and the UTC instants stored. People enter and read local
 * time ("25.03.2027, 09:00"); the database keeps the instant, so daylight-saving changes between
 * two dates never shift an event.
 */
import { DateTime } from 'luxon';

export const EVENT_TIME_ZONE = 'Europe/Berlin';

/**
 * The UTC instant of a local date (`YYYY-MM-DD`) and time (`HH:MM`) in `zone`, or null when the
 * input is malformed or names a time that does not exist there (the hour skipped in spring).
 * In the doubled autumn hour the later instant (standard time) is taken.
 */
export function localToInstant(date: string, time: string, zone = EVENT_TIME_ZONE): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
	const local = DateTime.fromISO(`${date}T${time}`, { zone });
	if (!local.isValid) return null;
	// Luxon moves a skipped time forward; such a time was never on any clock there.
	if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null;
	return local.toJSDate();
}

/** The local date and time of an instant in `zone`, as form fields want them. */
export function instantToLocal(
	instant: string | Date,
	zone = EVENT_TIME_ZONE
): { date: string; time: string } {
	const local = toZoned(instant, zone);
	return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

export function toZoned(instant: string | Date, zone = EVENT_TIME_ZONE): DateTime {
	const utc =
		typeof instant === 'string'
			? DateTime.fromISO(instant, { zone: 'utc' })
			: DateTime.fromJSDate(instant, { zone: 'utc' });
	return utc.setZone(zone);
}

/** "Do., 25.03.2027" */
export function formatLocalDate(instant: string | Date, zone = EVENT_TIME_ZONE): string {
	return toZoned(instant, zone).setLocale('de').toFormat('ccc., dd.MM.yyyy');
}

/** "09:00" */
export function formatLocalTime(instant: string | Date, zone = EVENT_TIME_ZONE): string {
	return toZoned(instant, zone).toFormat('HH:mm');
}

/** "Do., 25.03.2027, 09:00–17:00 Uhr" or across days "25.03.2027, 09:00 Uhr – 26.03.2027, 16:00 Uhr". */
export function formatLocalRange(
	start: string | Date,
	end: string | Date,
	zone = EVENT_TIME_ZONE
): string {
	const from = toZoned(start, zone);
	const to = toZoned(end, zone);
	if (from.hasSame(to, 'day')) {
		return `${formatLocalDate(start, zone)}, ${from.toFormat('HH:mm')}–${to.toFormat('HH:mm')} Uhr`;
	}
	return `${formatLocalDate(start, zone)}, ${from.toFormat('HH:mm')} Uhr – ${formatLocalDate(end, zone)}, ${to.toFormat('HH:mm')} Uhr`;
}
