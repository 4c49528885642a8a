/**
 * The one German text analyser (decision 0021): the same functions turn stored texts into index
 * terms and a typed query into query words, on SQLite and PostgreSQL alike, so both dialects
 * hold and look up exactly the same terms.
 *
 *   surface form  lower case, ß → ss, ae/oe/ue read as umlauts, umlauts folded (ä → a):
 *                 "Straßenbeleuchtung", "Strassenbeleuchtung" → "strassenbeleuchtung";
 *                 "Bürgerbüro", "Buergerbuero" → "burgerburo"
 *   stem          Snowball German on the umlaut form, then folded: "Städte" → "stadt",
 *                 "Anträge" → "antrag", "Grundschulen" → "grundschul"
 *   hyphens       "E-Akte" is indexed as "eakte" and as its parts; a query "E Akte" joins a
 *                 single letter to the next word, so "E-Akte", "eAkte" and "E Akte" meet.
 */
import { stemmer as snowballGerman } from '@orama/stemmers/german';
import { stopwords as snowballStopwords } from '@orama/stopwords/german';

/** Bump when the analysis changes: the index is then rebuilt at the next start. */
export const ANALYSER_VERSION = 1;

/**
 * Stems that Snowball merges although the words mean different things. Snowball strips "-ung",
 * so "Schulung" (training) would meet "Schule" (school); these keep their own stem.
 */
const STEM_OVERRIDES: ReadonlyMap<string, string> = new Map([
	['schulung', 'schulung'],
	['schulungen', 'schulung'],
	['ordnung', 'ordnung'],
	['ordnungen', 'ordnung'],
	['wartung', 'wartung'],
	['leitung', 'leitung'],
	['leitungen', 'leitung'],
	['zeitung', 'zeitung'],
	['zeitungen', 'zeitung']
]);

/** Words that carry no meaning in a query about the network's projects, besides Snowball's. */
const QUESTION_WORDS = [
	'wer',
	'wen',
	'wem',
	'wo',
	'welche',
	'welcher',
	'welches',
	'schon',
	'bereits',
	'gibt',
	'gib',
	'hat',
	'haben',
	'hatte',
	'nutzt',
	'nutzen',
	'benutzt',
	'verwendet',
	'setzt',
	'eingesetzt',
	'einsetzen',
	'eingeführt',
	'einführen',
	'kennt',
	'jemand',
	'irgendwo',
	'irgendwer',
	'bei',
	'uns',
	'euch',
	'etwa',
	'eigentlich',
	'erfahrung',
	'erfahrungen',
	'kommune',
	'kommunen',
	'gemeinden',
	'suche',
	'suchen',
	'brauchen',
	'brauche',
	'möchten',
	'gibts',
	'gern',
	'gerne',
	'bitte',
	'läuft',
	'laufen'
];

/** Lower case with ß → ss and ae/oe/ue read as umlauts (Snowball's "german2" reading). */
function umlautForm(word: string): string {
	return word
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/ae/g, 'ä')
		.replace(/oe/g, 'ö')
		.replace(/(?<!q)ue/g, 'ü');
}

/** Removes umlauts and other accents: the folded form stored and compared everywhere. */
function foldAccents(word: string): string {
	return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** The surface form of one word (see the module comment). */
export function surfaceForm(word: string): string {
	return foldAccents(umlautForm(word.normalize('NFC')));
}

const stemCache = new Map<string, string>();

/** The stem of one word (see the module comment); cached, since texts repeat their words. */
export function stemWord(word: string): string {
	const umlauts = umlautForm(word.normalize('NFC'));
	const cached = stemCache.get(umlauts);
	if (cached !== undefined) return cached;
	const folded = foldAccents(umlauts);
	const override = STEM_OVERRIDES.get(folded);
	// Numbers and short words stay as they are: "110", "ki", "it".
	const stem =
		override ??
		(folded.length <= 3 || /\d/.test(folded) ? folded : foldAccents(snowballGerman(umlauts)));
	if (stemCache.size > 200_000) stemCache.clear();
	stemCache.set(umlauts, stem);
	return stem;
}

const STOP_WORDS: ReadonlySet<string> = new Set(
	[...snowballStopwords, ...QUESTION_WORDS].map(surfaceForm)
);

/** Whether a (surface-form) word is a stop word of queries. */
export function isStopWord(surface: string): boolean {
	return STOP_WORDS.has(surface);
}

/** One word of a text, with where it stands (for snippets). */
export interface Token {
	/** Surface form. */
	surface: string;
	stem: string;
	/** Offsets in the original text. */
	start: number;
	end: number;
}

// Letters and digits, with inner hyphens, slashes or dots: "E-Akte", "Rathaus-App", "2.0".
const WORD = /[\p{L}\p{N}]+(?:[-‐‑/.][\p{L}\p{N}]+)*/gu;
const PART_SEPARATOR = /[-‐‑/.]/;

/**
 * The words of a text. A hyphenated word gives its joined form ("e-akte" → "eakte") and, after
 * it, its parts ("akte"); parts of one letter are left out.
 */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	for (const match of text.matchAll(WORD)) {
		const raw = match[0];
		const start = match.index;
		const end = start + raw.length;
		const parts = raw.split(PART_SEPARATOR);
		if (parts.length === 1) {
			tokens.push({ surface: surfaceForm(raw), stem: stemWord(raw), start, end });
			continue;
		}
		const joined = parts.join('');
		tokens.push({ surface: surfaceForm(joined), stem: stemWord(joined), start, end });
		let offset = start;
		for (const part of parts) {
			const partStart = raw.indexOf(part, offset - start) + start;
			offset = partStart + part.length;
			if (part.length < 2) continue;
			tokens.push({
				surface: surfaceForm(part),
				stem: stemWord(part),
				start: partStart,
				end: partStart + part.length
			});
		}
	}
	return tokens;
}

/** A word of a query, after stop words are gone and single letters are joined to the next. */
export interface QueryWord {
	surface: string;
	stem: string;
}

/**
 * The meaningful words of a query: "Wer hat schon eine E-Akte?" → [eakte, akte]; "E Akte" →
 * [eakte]. The parts of a hyphenated word are folded into its joined form here (the index holds
 * both), so a query word stands for one idea.
 */
export function analyseQuery(text: string): QueryWord[] {
	const words: QueryWord[] = [];
	const raw = [...text.matchAll(WORD)].map((match) => match[0]);
	const joined = (i: number) => (raw[i] ?? '').split(PART_SEPARATOR).join('');
	for (let i = 0; i < raw.length; i++) {
		let word = joined(i);
		// "E Akte", "E Rechnung": a lone letter belongs to the next word.
		if (word.length === 1 && /\p{L}/u.test(word) && i + 1 < raw.length) {
			word += joined(++i);
		}
		const surface = surfaceForm(word);
		if (surface.length < 2 || isStopWord(surface)) continue;
		if (words.some((w) => w.surface === surface)) continue;
		words.push({ surface, stem: stemWord(word) });
	}
	return words;
}

/** How much a word counts in each part of an indexed record. */
export const FIELD_WEIGHTS = {
	title: 10,
	tag: 7,
	product: 6,
	summary: 5,
	category: 3,
	municipality: 2,
	body: 2
} as const;

export type IndexField = keyof typeof FIELD_WEIGHTS;

/** A record's text by part, as the indexer collects it. */
export type IndexText = Partial<Record<IndexField, string | readonly string[]>>;

/** Prefix of index terms that hold an exact surface form (titles and tags only). */
export const EXACT_PREFIX = '=';

/**
 * The index terms of one record with their weight: for each stem the weight of the most
 * important part it occurs in, plus one for each further part, so that a word repeated in title,
 * summary and text counts a little more. Titles and tags also give exact surface terms.
 * Returns the surface words too, for the vocabulary.
 */
export function analyseForIndex(text: IndexText): {
	terms: Map<string, number>;
	words: Map<string, string>;
} {
	const terms = new Map<string, number>();
	const words = new Map<string, string>();
	const add = (term: string, weight: number) => {
		const before = terms.get(term);
		terms.set(term, before === undefined ? weight : Math.max(before, weight) + 1);
	};
	for (const [field, value] of Object.entries(text) as [IndexField, IndexText[IndexField]][]) {
		if (value === undefined) continue;
		const weight = FIELD_WEIGHTS[field];
		const values = typeof value === 'string' ? [value] : value;
		const seen = new Set<string>();
		for (const part of values) {
			for (const token of tokenize(part)) {
				if (token.surface.length < 2 || isStopWord(token.surface)) continue;
				words.set(token.surface, token.stem);
				if (seen.has(token.stem)) continue;
				seen.add(token.stem);
				add(token.stem, weight);
				if ((field === 'title' || field === 'tag') && token.surface !== token.stem) {
					add(EXACT_PREFIX + token.surface, weight);
				}
			}
		}
	}
	return { terms, words };
}
