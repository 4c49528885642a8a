/** Dates with times as people in the network read them: Europe/Berlin time, in their language. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "25.11.2026, 13:00" (de) or "25 Nov 2026, 13:00" (en) for an ISO instant; with `seconds`
 * (for the audit log) "25.11.2026, 13:00:05".
 */
export function formatDateTime(
	locale: string,
	iso: string,
	{ seconds = false }: { seconds?: boolean } = {}
): string {
	const key = `${locale}|${seconds}`;
	let format = formats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
			dateStyle: 'medium',
			timeStyle: seconds ? 'medium' : 'short',
			timeZone: 'Europe/Berlin'
		});
		formats.set(key, format);
	}
	return format.format(new Date(iso));
}
