/**
 * Sort keys for German alphabetical order (DIN 5007-1, "dictionary" order): umlauts sort as
 * their base letter, ß as ss, case and accents are ignored. Stored next to the name so that
 * SQLite and PostgreSQL order identically without depending on the server's collations.
 */
export function germanSortKey(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/ß/g, 'ss')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}
