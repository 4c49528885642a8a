/**
 * Calendar days as people in the network mean them: in German time. A filter "from 25 November"
 * starts at midnight in Berlin, which is 23:00 or 22:00 UTC the day before.
 */
export const NETWORK_TIME_ZONE = 'Europe/Berlin';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
	let result = formats.get(timeZone);
	if (!result) {
		result = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formats.set(timeZone, result);
	}
	return result;
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function zoneOffset(instant: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of format(timeZone).formatToParts(new Date(instant))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const asUtc = Date.UTC(
		parts.year ?? 1970,
		(parts.month ?? 1) - 1,
		parts.day ?? 1,
		parts.hour ?? 0,
		parts.minute ?? 0,
		parts.second ?? 0
	);
	return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** Whether `YYYY-MM-DD` names a day that exists (no 30 February). */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** The instant (ISO, UTC) at which the day `YYYY-MM-DD` begins in `timeZone`. */
export function startOfDay(date: string, timeZone = NETWORK_TIME_ZONE): string {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const midnightAsUtc = Date.UTC(year, month - 1, day);
	// The offset at the guess can differ from the offset at the answer near a DST change; a second
	// pass settles it (German changes happen at 02:00/03:00, never at midnight).
	let instant = midnightAsUtc - zoneOffset(midnightAsUtc, timeZone);
	instant = midnightAsUtc - zoneOffset(instant, timeZone);
	return new Date(instant).toISOString();
}

/** `YYYY-MM-DD` of the following day. */
export function nextDay(date: string): string {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
