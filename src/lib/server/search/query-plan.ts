/**
 * From a query to what the index is asked: each meaningful query word becomes a concept with
 * alternatives (its exact form, its stem, its compound parts, compounds that contain it,
 * synonyms, near spellings), each a set of index terms with a weight. A record scores, per
 * concept, its best alternative; the concepts' scores add up. So "Hundesteuerbescheid" finds
 * "Hundesteuer" and "Bescheid", and an exact word still ranks above a synonym or a typo.
 */
import { EXACT_PREFIX, stemWord, type QueryWord } from './analyser';
import { matchSynonyms, type SynonymIndex } from './synonyms';
import type { Vocabulary } from './vocabulary';

/** Exact above stem above compound part above synonym above near spelling. */
export const MATCH_WEIGHTS = {
	exact: 1,
	stem: 0.9,
	part: 0.7,
	compound: 0.65,
	synonym: 0.6
} as const;

/** What reaching a term through a corrected spelling costs (× the kind's weight). */
export const TYPO_FACTOR = 0.7;
/** How many near spellings of a word are tried. */
const TYPO_NEIGHBOURS = 3;

export type MatchKind = keyof typeof MATCH_WEIGHTS;

export interface Alternative {
	kind: MatchKind;
	/** All of these terms make the alternative; each counts `1 / terms.length`. */
	terms: string[];
	/** 1, or TYPO_FACTOR where the alternative belongs to a corrected spelling. */
	factor: number;
}

export interface Concept {
	word: QueryWord;
	alternatives: Alternative[];
}

export interface PlanOptions {
	/** Near spellings (one edit) for words of five letters or more. */
	fuzzy: boolean;
	/** Compound parts and compounds containing the word. */
	compounds: boolean;
}

/** Typo tolerance starts at words of this length. */
export const FUZZY_MIN_LENGTH = 5;

export function planQuery(
	words: readonly QueryWord[],
	vocabulary: Vocabulary,
	synonyms: SynonymIndex,
	options: PlanOptions
): Concept[] {
	// Synonyms of several words ("elektronische Akte") are found on the whole query.
	const runMatches = matchSynonyms(
		synonyms,
		words.map((word) => word.stem)
	);
	return words.map((word, index) => {
		const fromRuns = runMatches
			.filter((match) => index >= match.from && index < match.to)
			.flatMap((match) => match.alternatives);
		const { alternatives, isInCompounds } = wordAlternatives(
			word,
			fromRuns,
			vocabulary,
			synonyms,
			options
		);
		// Near spellings only for a word the index knows in no other way: a typo, most likely (a
		// known word's neighbours are mostly other words: "Schule" and "schult"). A corrected
		// word brings its own synonyms and compounds: "Ratsinfomationssystem" finds "RIS".
		const isFound = vocabulary.has(word.surface) || vocabulary.hasStem(word.stem) || isInCompounds;
		if (options.fuzzy && !isFound && word.surface.length >= FUZZY_MIN_LENGTH) {
			const seen = new Set(alternatives.map((a) => a.terms.join(' ')));
			for (const spelling of vocabulary.similarWords(word.surface, TYPO_NEIGHBOURS)) {
				const corrected = {
					surface: spelling,
					stem: vocabulary.stemOf(spelling) ?? stemWord(spelling)
				};
				const near = wordAlternatives(corrected, [], vocabulary, synonyms, options);
				for (const alternative of near.alternatives) {
					const key = alternative.terms.join(' ');
					if (seen.has(key)) continue;
					seen.add(key);
					alternatives.push({ ...alternative, factor: alternative.factor * TYPO_FACTOR });
				}
			}
		}
		return { word, alternatives };
	});
}

/** The alternatives of one word: exact, stem, synonyms, compound parts, compounds containing it. */
function wordAlternatives(
	word: QueryWord,
	runSynonyms: readonly string[][],
	vocabulary: Vocabulary,
	synonyms: SynonymIndex,
	options: PlanOptions
): { alternatives: Alternative[]; isInCompounds: boolean } {
	const alternatives: Alternative[] = [];
	let isInCompounds = false;
	const seen = new Set<string>();
	const add = (kind: MatchKind, terms: string[]) => {
		const key = terms.join(' ');
		if (terms.length === 0 || seen.has(key)) return;
		seen.add(key);
		alternatives.push({ kind, terms, factor: 1 });
	};
	const addSynonymsOf = (stems: string[]) => {
		for (const match of matchSynonyms(synonyms, stems)) {
			if (match.to - match.from === stems.length || match.to - match.from === 1) {
				for (const terms of match.alternatives) add('synonym', terms);
			}
		}
	};
	add('exact', [EXACT_PREFIX + word.surface]);
	add('stem', [word.stem]);
	for (const terms of runSynonyms) add('synonym', terms);
	addSynonymsOf([word.stem]);
	if (options.compounds) {
		const parts = vocabulary.splitCompound(word.surface);
		if (parts) {
			const stems = parts.map((part) => vocabulary.stemOf(part) ?? stemWord(part));
			add('part', stems);
			// The parts' synonyms too: "Müllabfuhr" → "Abfall".
			addSynonymsOf(stems);
		}
		if (word.stem.length >= 4) {
			for (const compound of vocabulary.compoundsContaining(word.stem)) {
				isInCompounds = true;
				add('compound', [vocabulary.stemOf(compound) ?? compound]);
			}
		}
	}
	return { alternatives, isInCompounds };
}

/** One row of the weighted term list the repository joins against the postings. */
export interface WeightedTerm {
	term: string;
	kind: MatchKind;
	concept: number;
	alternative: number;
	/** How many terms make the alternative. */
	termCount: number;
	/** Integer weight (thousandths). */
	weight: number;
}

/**
 * The plan as rows, with the inverse document frequency of each term: rare words count more
 * than words every record has. `documentFrequency` maps term → number of records holding it.
 */
export function weightedTerms(
	concepts: readonly Concept[],
	documentFrequency: ReadonlyMap<string, number>,
	documentCount: number
): WeightedTerm[] {
	const rows: WeightedTerm[] = [];
	concepts.forEach((concept, c) => {
		concept.alternatives.forEach((alternative, a) => {
			for (const term of alternative.terms) {
				// A term counted as absent may have arrived since (counts are cached): it stays in,
				// as the rarest of terms.
				const df = Math.max(1, documentFrequency.get(term) ?? 0);
				const idf = Math.log(1 + (documentCount + 1) / (df + 0.5));
				const weight = Math.round(
					(1000 * MATCH_WEIGHTS[alternative.kind] * alternative.factor * idf) /
						alternative.terms.length
				);
				rows.push({
					term,
					kind: alternative.kind,
					concept: c,
					alternative: a,
					termCount: alternative.terms.length,
					weight: Math.max(1, weight)
				});
			}
		});
	});
	return rows;
}

/** Every term the plan may look up (for the document-frequency query). */
export function planTerms(concepts: readonly Concept[]): string[] {
	const terms = new Set<string>();
	for (const concept of concepts) {
		for (const alternative of concept.alternatives) {
			for (const term of alternative.terms) terms.add(term);
		}
	}
	return [...terms];
}

/** How many postings a term may bring, by how directly it stands for what was asked. */
const BUDGET_SHARE: Record<MatchKind, number> = {
	exact: 1,
	stem: 1,
	part: 0.5,
	synonym: 0.5,
	compound: 0.25
};

/**
 * The postings to read per term (impact order: heaviest first). A rare term is read whole; a
 * common one only as far as its best records, which is where the best hits are (approximate
 * top-k, as search engines do; the counts are then lower bounds).
 */
export function termBudgets(
	rows: readonly WeightedTerm[],
	perTerm: number
): { term: string; limit: number }[] {
	const share = new Map<string, number>();
	for (const row of rows) {
		const factor = BUDGET_SHARE[row.kind];
		share.set(row.term, Math.max(share.get(row.term) ?? 0, factor));
	}
	return [...share].map(([term, factor]) => ({
		term,
		limit: Math.max(25, Math.round(perTerm * factor))
	}));
}

/**
 * Scores records from their postings: per concept the best alternative (an alternative of
 * several terms adds up its terms), added over the concepts. A record's posting of a term counts
 * once, however often it was read.
 */
export function scorePostings<T extends { term: string; ref_id: number; weight: number }>(
	hits: readonly T[],
	rows: readonly WeightedTerm[]
): Map<number, { score: number; hit: T }> {
	// Each (concept, alternative) gets a slot; a record adds into its slots.
	const slots = new Map<string, number>();
	const slotOf: { slot: number; weight: number }[][] = [];
	const termIndex = new Map<string, number>();
	const conceptOfSlot: number[] = [];
	const termsOfSlot: number[] = [];
	for (const row of rows) {
		const slotKey = `${row.concept}:${row.alternative}`;
		let slot = slots.get(slotKey);
		if (slot === undefined) {
			slot = slots.size;
			slots.set(slotKey, slot);
			conceptOfSlot.push(row.concept);
			termsOfSlot.push(row.termCount);
		}
		let t = termIndex.get(row.term);
		if (t === undefined) {
			t = slotOf.length;
			termIndex.set(row.term, t);
			slotOf.push([]);
		}
		slotOf[t]?.push({ slot, weight: row.weight });
	}
	// Sparse per record: most records hold one or two of a query's many terms.
	const records = new Map<
		number,
		{ hit: T; slots: Map<number, { value: number; terms: number }> }
	>();
	const seen = new Set<number>();
	const termCount = slotOf.length;
	for (const hit of hits) {
		const t = termIndex.get(hit.term);
		if (t === undefined) continue;
		const key = hit.ref_id * termCount + t;
		if (seen.has(key)) continue;
		seen.add(key);
		let record = records.get(hit.ref_id);
		if (!record) {
			record = { hit, slots: new Map() };
			records.set(hit.ref_id, record);
		}
		for (const { slot, weight } of slotOf[t] ?? []) {
			const sofar = record.slots.get(slot);
			if (sofar) {
				sofar.value += weight * hit.weight;
				sofar.terms += 1;
			} else record.slots.set(slot, { value: weight * hit.weight, terms: 1 });
		}
	}
	const conceptCount = Math.max(0, ...conceptOfSlot.map((c) => c + 1));
	const best: number[] = new Array<number>(conceptCount).fill(0);
	const result = new Map<number, { score: number; hit: T }>();
	for (const [refId, record] of records) {
		best.fill(0);
		for (const [slot, { value, terms }] of record.slots) {
			const concept = conceptOfSlot[slot] ?? 0;
			// Part of a phrase counts less than its share: "digital" alone is no "digitale Akte".
			const credit = value * (terms / (termsOfSlot[slot] ?? 1));
			if (credit > (best[concept] ?? 0)) best[concept] = credit;
		}
		let score = 0;
		for (const v of best) score += v;
		result.set(refId, { score, hit: record.hit });
	}
	return result;
}
