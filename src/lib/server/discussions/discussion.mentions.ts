/**
 * @mentions (decision 0026): `@Vorname Nachname`, spelled as the person's name in the people
 * directory. A mention may run over up to four words; the longest name that matches a person
 * the author can find in the directory wins, so "@Anna Schmidt danke" links Anna Schmidt.
 * Pure text functions; the service looks the candidate names up.
 */

const MAX_WORDS = 4;
/** A word of a name: letters (any script), then letters, hyphens, apostrophes or dots. */
const WORD = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*/u;
/** An @ that starts a mention: at the start or after a space or an opening bracket (not in e-mail addresses). */
const AT = /(^|[\s(])@/gu;

interface Occurrence {
	/** Index of the @. */
	at: number;
	/** Candidate names, longest first, each with the length it covers after the @. */
	names: { name: string; length: number }[];
}

/** Lines inside fenced code blocks are left alone. */
function codeLineMask(lines: string[]): boolean[] {
	let inFence = false;
	return lines.map((line) => {
		const isFence = /^\s*(```|~~~)/.test(line);
		if (isFence) {
			inFence = !inFence;
			return true;
		}
		return inFence;
	});
}

function occurrencesInLine(line: string, offset: number): Occurrence[] {
	const found: Occurrence[] = [];
	for (const match of line.matchAll(AT)) {
		const at = (match.index ?? 0) + (match[1] ?? '').length;
		let rest = line.slice(at + 1);
		let covered = 0;
		let prefix = '';
		const names: { name: string; length: number }[] = [];
		for (let count = 0; count < MAX_WORDS; count++) {
			const word = WORD.exec(rest);
			if (!word) break;
			// A name does not end in a dot or hyphen ("Danke @Anna." is Anna), but "Dr." inside one may.
			const clean = word[0].replace(/[.'’-]+$/u, '');
			if (clean === '') break;
			names.push({ name: prefix + clean, length: covered + clean.length });
			prefix += word[0];
			covered += word[0].length;
			rest = rest.slice(word[0].length);
			const space = /^ +/.exec(rest);
			if (!space) break;
			prefix += ' ';
			covered += space[0].length;
			rest = rest.slice(space[0].length);
		}
		names.reverse();
		if (names.length > 0) found.push({ at: offset + at, names });
	}
	return found;
}

function occurrences(source: string): Occurrence[] {
	const lines = source.split('\n');
	const mask = codeLineMask(lines);
	const found: Occurrence[] = [];
	let offset = 0;
	lines.forEach((line, index) => {
		if (!mask[index]) found.push(...occurrencesInLine(line, offset));
		offset += line.length + 1;
	});
	return found;
}

/** Every name a mention in `source` could stand for (to look up in the directory). */
export function mentionCandidates(source: string): string[] {
	const names = new Set<string>();
	for (const occurrence of occurrences(source)) {
		for (const candidate of occurrence.names) names.add(candidate.name);
	}
	return [...names];
}

export interface MentionablePerson {
	id: number;
	displayName: string;
}

function escapeLinkText(text: string): string {
	return text.replace(/[\\[\]*_`<>]/g, (char) => `\\${char}`);
}

/**
 * Replaces each mention of a known person with a markdown link to their profile and returns the
 * people mentioned (each once, in order of first mention). Unknown names stay plain text.
 */
export function linkMentions(
	source: string,
	people: readonly MentionablePerson[]
): { source: string; mentionedIds: number[] } {
	const byName = new Map(people.map((person) => [person.displayName, person.id]));
	let result = '';
	let cursor = 0;
	const mentioned: number[] = [];
	for (const occurrence of occurrences(source)) {
		const hit = occurrence.names.find((candidate) => byName.has(candidate.name));
		if (!hit) continue;
		const id = byName.get(hit.name) as number;
		result += source.slice(cursor, occurrence.at);
		result += `[@${escapeLinkText(hit.name)}](/personen/${id})`;
		cursor = occurrence.at + 1 + hit.length;
		if (!mentioned.includes(id)) mentioned.push(id);
	}
	result += source.slice(cursor);
	return { source: result, mentionedIds: mentioned };
}
