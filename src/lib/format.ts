/** Locale-aware formatting shared by pages (numbers with German separators, dates). */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, digits: number): Intl.NumberFormat {
	const key = `${locale}:${digits}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			maximumFractionDigits: digits,
			minimumFractionDigits: 0
		});
		numberFormats.set(key, format);
	}
	return format;
}

export function formatNumber(locale: string, value: number, fractionDigits = 0): string {
	return numberFormat(locale, fractionDigits).format(value);
}

/** Formats `YYYY-MM-DD` or an ISO timestamp as a calendar date in Europe/Berlin. */
export function formatDate(locale: string, value: string): string {
	let format = dateFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'Europe/Berlin'
		});
		dateFormats.set(locale, format);
	}
	const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
	return format.format(date);
}

const UNITS = [
	{ unit: 'second', seconds: 1, upTo: 90 },
	{ unit: 'minute', seconds: 60, upTo: 90 * 60 },
	{ unit: 'hour', seconds: 3600, upTo: 36 * 3600 },
	{ unit: 'day', seconds: 86_400, upTo: Infinity }
] as const;

/** A waiting time such as "15 Minuten" / "15 minutes", rounded up so nobody retries too early. */
export function formatWait(locale: string, seconds: number): string {
	const s = Math.max(1, Math.ceil(seconds));
	const step = UNITS.find((candidate) => s <= candidate.upTo) ?? UNITS[3];
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: step.unit,
		unitDisplay: 'long'
	}).format(Math.ceil(s / step.seconds));
}
