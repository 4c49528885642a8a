/** File sizes as people read them: "1,2 MB" (de) or "1.2 MB" (en), in steps of 1024. */
const UNITS = ['Byte', 'KB', 'MB', 'GB'] as const;

export function formatFileSize(locale: string, bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
		maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1
	});
	return `${format.format(value)} ${UNITS[unit]}`;
}
