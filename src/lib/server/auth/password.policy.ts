/**
 * What makes a password acceptable (OWASP ASVS / NIST SP 800-63B): at least 12 characters, at
 * most 256, any characters, no composition rules and no forced rotation. Refused are the most
 * common passwords and the person's and the network's own words (their e-mail address, their
 * name, the municipalities' names) as the password or as its main part, e.g. "Gengenbach2026!".
 * Pure: the caller supplies the list of common passwords and the municipality names.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Message keys of the problems a password can have (translated by the UI and the CLI). */
export type PasswordProblem =
	| 'password_required'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_too_common'
	| 'password_contains_personal'
	| 'password_contains_network_word';

export interface PasswordContext {
	email?: string;
	displayName?: string;
	/** Names of the network's municipalities (and similar words everyone there would guess). */
	networkWords?: readonly string[];
	/** Folded entries (see foldPasswordWord) of the common-password list. */
	commonPasswords: ReadonlySet<string>;
}

/** Lower case, umlauts spelled out, ß as ss: "Müllheim" and "muellheim" are the same word. */
export function foldPasswordWord(value: string): string {
	return value
		.normalize('NFC')
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss');
}

/** The letters of a password, folded: its "main part" once digits and symbols are gone. */
function lettersOf(value: string): string {
	return foldPasswordWord(value).replace(/[^\p{L}]/gu, '');
}

/** A phrase and its longer words, as folded letters: "Zell am See" → zellamsee, zell. */
function wordsOf(phrase: string, minWordLength: number): string[] {
	const folded = foldPasswordWord(phrase);
	const words = folded.split(/[^\p{L}]+/u).filter((word) => word.length >= minWordLength);
	return [lettersOf(phrase), ...words].filter((word) => word.length > 0);
}

function personalWords(context: PasswordContext): Set<string> {
	const words = new Set<string>();
	if (context.email) {
		const email = foldPasswordWord(context.email.trim());
		const [local = '', domain = ''] = email.split('@');
		words.add(lettersOf(email));
		for (const word of wordsOf(local, 3)) words.add(word);
		// The organisation's name in the domain (gengenbach.de) is as guessable as the town's.
		for (const word of wordsOf(domain.split('.')[0] ?? '', 4)) words.add(word);
	}
	if (context.displayName) {
		for (const word of wordsOf(context.displayName, 3)) words.add(word);
	}
	return words;
}

/** The first problem of `password`, or null when it is acceptable. */
export function checkPassword(password: string, context: PasswordContext): PasswordProblem | null {
	if (password.length === 0) return 'password_required';
	const length = Array.from(password.normalize('NFC')).length;
	if (length < PASSWORD_MIN_LENGTH) return 'password_too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'password_too_long';

	const whole = foldPasswordWord(password);
	const main = lettersOf(password);
	// One character over and over ("aaaaaaaaaaaa", "111111111111") is no password either.
	if (new Set(Array.from(whole)).size <= 2) return 'password_too_common';
	// The person's own words first: that message tells them more than "too common".
	const personal = personalWords(context);
	if (personal.has(whole.replace(/\s+/g, '')) || (main && personal.has(main))) {
		return 'password_contains_personal';
	}
	if (context.commonPasswords.has(whole) || (main && context.commonPasswords.has(main))) {
		return 'password_too_common';
	}
	if (main) {
		for (const name of context.networkWords ?? []) {
			if (wordsOf(name, 4).includes(main)) return 'password_contains_network_word';
		}
	}
	return null;
}

/** Folds common passwords for {@link PasswordContext.commonPasswords}, with their stems. */
export function foldCommonPasswords(passwords: Iterable<string>): Set<string> {
	const entries = new Set<string>();
	for (const password of passwords) {
		const entry = password.trim();
		if (!entry) continue;
		entries.add(foldPasswordWord(entry));
		// "passwort123" also stands for its stem: "Passwort!2026!" has the same main part.
		const letters = lettersOf(entry);
		if (letters.length >= 4) entries.add(letters);
	}
	return entries;
}

/** Parses the common-password file: one entry per line, `#` starts a comment line. */
export function parseCommonPasswords(text: string): Set<string> {
	return foldCommonPasswords(text.split(/\r?\n/).filter((line) => !line.trim().startsWith('#')));
}
