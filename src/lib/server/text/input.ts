/** Shared ways of reading typed text: tag lists and the free-text filters of list pages. */
import { z } from 'zod';
import { germanSortKey } from './sort-key';

/**
 * Tags as typed (comma-, semicolon- or line-separated text, or a list): trimmed, inner white space
 * collapsed, empty ones dropped, and the same tag twice (by its German sort key: "E-Akte" =
 * "e akte") kept once, the first spelling winning.
 */
export function splitTags(value: string | readonly string[]): string[] {
	const parts = (typeof value === 'string' ? value.split(/[,;\n]/) : [...value])
		.map((part) => part.trim().replace(/\s+/g, ' '))
		.filter((part) => germanSortKey(part) !== '');
	const seen = new Set<string>();
	return parts.filter((part) => {
		const key = germanSortKey(part);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * A free-text filter from a query string: trimmed, empty → no filter. Malformed or overlong
 * values fall back to "no filter" too, so an outdated link still shows a list.
 */
export function filterText(max = 100) {
	return z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((value) => (value ? value : undefined))
		.catch(undefined);
}
