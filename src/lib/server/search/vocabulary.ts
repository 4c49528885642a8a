/**
 * The words the index knows (surface form → stem), held in memory by each server process and
 * topped up from `search_word` before each search (rows are only ever added, so a process reads
 * just the new ones). Compound splitting and typo tolerance look words up here: a query part
 * finds the compounds that contain it, a query compound is cut into known words, a misspelt word
 * finds the known words one edit away.
 */

/** Endings a compound's last part may carry: "Grundschul|en". */
const INFLECTIONS = new Set(['', 'e', 'n', 'en', 'er', 'ern', 'es', 's', 'ns', 'nen']);
/** Linking letters between the parts of a compound: "Hund|e|steuer", "Geburt|s|urkunde". */
const LINKS = ['', 's', 'es', 'e', 'n', 'en', 'er'];
/**
 * Derivational endings: a word that is the query word plus one of these is a word of its own
 * ("Schul|ung", "Steuer|ung"), not a compound that contains the query word.
 */
const DERIVATIONS =
	/^(ung|ungen|heit|heiten|keit|keiten|lich|liche|lichen|licher|isch|ische|ischen|ig|ige|igen|bar|ler|lern|chen|ling|linge|tion|tionen|ei|eien|in|innen|ität)$/;

/** A derivation that is itself the first part of a compound: "Schul|ungs|programm". */
const DERIVED_COMPOUND = /^(ungs|heits|keits|lichkeits|ions)/;

/** Whether `a` and `b` are at most one insertion, deletion or substitution apart. */
export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > 1) return false;
	let i = 0;
	while (i < la && i < lb && a[i] === b[i]) i++;
	if (la === lb) return a.slice(i + 1) === b.slice(i + 1) || isTransposition(a, b, i);
	return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** "Terminvregabe": two neighbouring letters swapped, which typists do more than anything. */
function isTransposition(a: string, b: string, i: number): boolean {
	return (
		i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
	);
}

export class Vocabulary {
	private readonly stems = new Map<string, string>();
	private readonly knownStems = new Set<string>();
	private readonly byLength = new Map<number, string[]>();
	/** The highest `search_word.id` read so far. */
	lastId = 0;

	get size(): number {
		return this.stems.size;
	}

	add(word: string, stem: string): void {
		if (this.stems.has(word)) return;
		this.stems.set(word, stem);
		this.knownStems.add(stem);
		const list = this.byLength.get(word.length);
		if (list) list.push(word);
		else this.byLength.set(word.length, [word]);
	}

	has(word: string): boolean {
		return this.stems.has(word);
	}

	/** Whether some known word has this stem. */
	hasStem(stem: string): boolean {
		return this.knownStems.has(stem);
	}

	stemOf(word: string): string | undefined {
		return this.stems.get(word);
	}

	/** Known words one edit away from `word` (not `word` itself). */
	similarWords(word: string, limit = 20): string[] {
		const found: string[] = [];
		for (let length = word.length - 1; length <= word.length + 1; length++) {
			for (const candidate of this.byLength.get(length) ?? []) {
				if (candidate !== word && withinOneEdit(word, candidate)) {
					found.push(candidate);
					if (found.length >= limit) return found;
				}
			}
		}
		return found;
	}

	/**
	 * Known compounds that contain `part` as one of their parts: "schul" → "grundschulen",
	 * "schulanmeldung", not "schulung". What stands before and after the part must look like a
	 * word of its own (four letters or more, or a known word) or, at the end, an inflection.
	 */
	compoundsContaining(part: string, limit = 60): string[] {
		const found: string[] = [];
		for (const [length, words] of this.byLength) {
			if (length <= part.length) continue;
			for (const word of words) {
				const at = word.indexOf(part);
				if (at < 0) continue;
				const before = word.slice(0, at);
				const after = word.slice(at + part.length);
				if (before === '' && INFLECTIONS.has(after)) continue; // the word itself, inflected
				if (!this.isWordPart(before, false) || !this.isWordPart(after, true)) continue;
				found.push(word);
			}
		}
		// The shortest compounds are the closest to what was asked.
		found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
		return found.slice(0, limit);
	}

	/**
	 * Whether a chunk before or after a word inside a compound is a word of its own. Before the
	 * word, four letters will do ("grund|schule"); after it, where the compound's meaning sits,
	 * the chunk must be an inflection, a known word (perhaps after linking letters), or long
	 * ("Schul|dner" is no compound of "Schule").
	 */
	private isWordPart(chunk: string, isEnd: boolean): boolean {
		if (chunk === '') return true;
		if (!isEnd) return chunk.length >= 4 || this.stems.has(chunk);
		if (INFLECTIONS.has(chunk)) return true;
		if (DERIVATIONS.test(chunk) || DERIVED_COMPOUND.test(chunk)) return false;
		if (chunk.length >= 6 || this.stems.has(chunk)) return true;
		return LINKS.some(
			(link) => link !== '' && chunk.startsWith(link) && this.stems.has(chunk.slice(link.length))
		);
	}

	/**
	 * Cuts a compound into known words, with linking letters between them: "hundesteuerbescheid"
	 * → ["hundesteuer", "bescheid"]. The fewest parts win; null when no cut into two or more
	 * known words of three letters or more exists.
	 */
	splitCompound(word: string): string[] | null {
		const n = word.length;
		if (n < 6) return null;
		// best[i]: the fewest parts that cover word[0, i).
		const best: (string[] | null)[] = new Array<string[] | null>(n + 1).fill(null);
		best[0] = [];
		for (let i = 0; i < n; i++) {
			const before = best[i];
			if (!before) continue;
			for (let j = i + 3; j <= n; j++) {
				const piece = word.slice(i, j);
				if (!this.stems.has(piece)) continue;
				const isWhole = i === 0 && j === n;
				if (isWhole) continue;
				for (const link of LINKS) {
					const end = j + link.length;
					if (end > n || word.slice(j, end) !== link) continue;
					const parts = [...before, piece];
					const current = best[end];
					if (!current || parts.length < current.length) best[end] = parts;
				}
			}
		}
		// The last part may carry an inflection the known word has not: "...bescheide".
		let result = best[n] ?? null;
		for (const ending of INFLECTIONS) {
			if (ending === '' || result) continue;
			const cut = best[n - ending.length];
			if (cut && word.endsWith(ending) && cut.length >= 2) result = cut;
		}
		if (result && result.length >= 2) return result;
		return this.splitAtKnownEnd(word);
	}

	/**
	 * A compound of one known word and one the index does not hold: "hundesteuer|bescheid" when
	 * only "Hundesteuer" occurs. The longest known beginning (with linking letters) or end wins;
	 * both parts have four letters or more.
	 */
	private splitAtKnownEnd(word: string): string[] | null {
		const n = word.length;
		for (let j = n - 4; j >= 4; j--) {
			const piece = word.slice(0, j);
			if (!this.stems.has(piece)) continue;
			for (const link of LINKS) {
				const rest = word.slice(j);
				if (rest.startsWith(link) && rest.length - link.length >= 4) {
					return [piece, rest.slice(link.length)];
				}
			}
		}
		for (let i = 4; i <= n - 4; i++) {
			const piece = word.slice(i);
			if (this.stems.has(piece)) return [word.slice(0, i), piece];
		}
		return null;
	}
}
