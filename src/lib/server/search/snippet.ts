/** Snippets: the part of a text where the query's words stand, with those words marked. */
import { EXACT_PREFIX, tokenize } from './analyser';

/** A snippet as plain text with the marked ranges (offsets into `text`). */
export interface Snippet {
	text: string;
	highlights: [number, number][];
}

const MARKDOWN = /\]\([^)]*\)|[*_`#>[\]]|^\s*[-+]\s+/gm;

/** Markdown reduced to its words, so a snippet shows no syntax. */
export function plainText(markdown: string): string {
	return markdown.replace(MARKDOWN, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Up to `length` characters around the first stretch of `texts` that holds matched terms (the
 * first text that has any wins), cut at word boundaries; the texts' start when none matches.
 */
export function makeSnippet(
	texts: readonly string[],
	matched: ReadonlySet<string>,
	length = 220
): Snippet {
	const candidates = texts.map(plainText).filter((text) => text !== '');
	for (const text of candidates) {
		const hits = tokenize(text).filter(
			(token) => matched.has(token.stem) || matched.has(EXACT_PREFIX + token.surface)
		);
		const first = hits[0];
		if (!first) continue;
		let start = Math.max(0, first.start - 40);
		if (start > 0) {
			const space = text.indexOf(' ', start);
			start = space >= 0 && space < first.start ? space + 1 : start;
		}
		let end = Math.min(text.length, start + length);
		if (end < text.length) {
			const space = text.lastIndexOf(' ', end);
			if (space > start) end = space;
		}
		const prefix = start > 0 ? '… ' : '';
		const suffix = end < text.length ? ' …' : '';
		const body = text.slice(start, end);
		const highlights = mergeRanges(
			hits
				.filter((token) => token.start >= start && token.end <= end)
				.map((token): [number, number] => [
					token.start - start + prefix.length,
					token.end - start + prefix.length
				])
		);
		return { text: prefix + body + suffix, highlights };
	}
	const first = candidates[0] ?? '';
	if (first.length <= length) return { text: first, highlights: [] };
	const space = first.lastIndexOf(' ', length);
	return { text: first.slice(0, space > 0 ? space : length) + ' …', highlights: [] };
}

/** Overlapping ranges (a hyphenated word and its parts) as one. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const range of sorted) {
		const last = merged.at(-1);
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([...range]);
	}
	return merged;
}

/** The snippet cut into plain and marked pieces, for rendering without HTML. */
export function snippetParts(snippet: Snippet): { text: string; isMatch: boolean }[] {
	const parts: { text: string; isMatch: boolean }[] = [];
	let at = 0;
	for (const [from, to] of snippet.highlights) {
		if (from > at) parts.push({ text: snippet.text.slice(at, from), isMatch: false });
		parts.push({ text: snippet.text.slice(from, to), isMatch: true });
		at = to;
	}
	if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), isMatch: false });
	return parts;
}
