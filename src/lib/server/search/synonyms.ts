/**
 * The synonym list: groups of words and phrases that mean the same in administrative language
 * ("E-Akte, elektronische Akte, DMS"). Shipped as `synonyms.de.txt`; the coordination edits it
 * in the administration, and the stored list is used from the next search on. Synonyms apply
 * to queries only, so changing the list needs no re-indexing.
 */
import { analyseQuery } from './analyser';

export const SYNONYM_LIMITS = { groups: 2000, termLength: 80, textLength: 200_000 } as const;

export type SynonymProblemCode = 'synonym_too_long' | 'synonym_group_single' | 'synonym_too_many';

export interface SynonymProblem {
	/** 1-based line of the list. */
	line: number;
	code: SynonymProblemCode;
	term?: string;
}

export interface ParsedSynonyms {
	/** The groups, each with its terms as written. */
	groups: string[][];
	problems: SynonymProblem[];
}

/** Reads the list: one group a line, terms separated by commas, `#` starts a comment line. */
export function parseSynonymList(text: string): ParsedSynonyms {
	const groups: string[][] = [];
	const problems: SynonymProblem[] = [];
	const lines = text.split(/\r?\n/);
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		const terms = [
			...new Set(
				line
					.split(/[,;]/)
					.map((term) => term.trim().replace(/\s+/g, ' '))
					.filter((term) => term !== '')
			)
		];
		const tooLong = terms.find((term) => term.length > SYNONYM_LIMITS.termLength);
		if (tooLong) {
			problems.push({ line: index + 1, code: 'synonym_too_long', term: tooLong });
			return;
		}
		// A term the analyser reduces to nothing (only stop words) cannot be searched for.
		const searchable = terms.filter((term) => analyseQuery(term).length > 0);
		if (searchable.length < 2) {
			problems.push({ line: index + 1, code: 'synonym_group_single', term: terms[0] });
			return;
		}
		groups.push(searchable);
	});
	if (groups.length > SYNONYM_LIMITS.groups) {
		problems.push({ line: lines.length, code: 'synonym_too_many' });
	}
	return { groups, problems };
}

/** One term of a group as the search sees it: the stems of its words. */
interface SynonymTerm {
	group: number;
	stems: string[];
}

export interface SynonymIndex {
	groups: readonly (readonly string[][])[];
	/** Terms by the stem of their first word. */
	byFirstStem: ReadonlyMap<string, readonly SynonymTerm[]>;
}

export function buildSynonymIndex(groups: readonly string[][]): SynonymIndex {
	const analysed = groups.map((terms) =>
		terms.map((term) => analyseQuery(term).map((word) => word.stem)).filter((s) => s.length > 0)
	);
	const byFirstStem = new Map<string, SynonymTerm[]>();
	analysed.forEach((terms, group) => {
		for (const stems of terms) {
			const first = stems[0];
			if (first === undefined) continue;
			const list = byFirstStem.get(first);
			const entry = { group, stems };
			if (list) list.push(entry);
			else byFirstStem.set(first, [entry]);
		}
	});
	return { groups: analysed, byFirstStem };
}

/** Where in a query a synonym term stands, and what the other terms of its group are. */
export interface SynonymMatch {
	/** Index of the first and one past the last query word of the match. */
	from: number;
	to: number;
	/** The other terms of the group, each as stems. */
	alternatives: string[][];
}

/** Finds synonym terms in a query's stems, longest first at each position. */
export function matchSynonyms(index: SynonymIndex, stems: readonly string[]): SynonymMatch[] {
	const matches: SynonymMatch[] = [];
	for (let from = 0; from < stems.length; from++) {
		const candidates = [...(index.byFirstStem.get(stems[from] ?? '') ?? [])].sort(
			(a, b) => b.stems.length - a.stems.length
		);
		const seenGroups = new Set<number>();
		for (const term of candidates) {
			if (seenGroups.has(term.group)) continue;
			const to = from + term.stems.length;
			if (to > stems.length) continue;
			if (!term.stems.every((stem, k) => stems[from + k] === stem)) continue;
			seenGroups.add(term.group);
			const key = term.stems.join(' ');
			matches.push({
				from,
				to,
				alternatives: (index.groups[term.group] ?? []).filter((other) => other.join(' ') !== key)
			});
		}
	}
	return matches;
}
