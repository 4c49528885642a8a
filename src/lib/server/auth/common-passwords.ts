/**
 * The common passwords: the 49,000 most frequent passwords of published leak corpora (from the
 * maintained zxcvbn-ts list) and our own list of German patterns (common-passwords.txt), folded
 * once. Loads common-passwords.txt once. The file sits next to this module in the source tree; in the
 * production build this code lives in build/, so the application folder is searched as well.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from '../config';
import { dictionary } from '@zxcvbn-ts/language-common';
import { foldCommonPasswords, parseCommonPasswords } from './password.policy';

const FILE_NAME = 'common-passwords.txt';

let cached: ReadonlySet<string> | undefined;

function candidates(): string[] {
	return [
		path.join(path.dirname(fileURLToPath(import.meta.url)), FILE_NAME),
		path.join(findAppRoot(), 'src', 'lib', 'server', 'auth', FILE_NAME)
	];
}

export function commonPasswords(): ReadonlySet<string> {
	if (!cached) {
		const file = candidates().find((candidate) => existsSync(candidate));
		// Without the list every common password would pass: refuse to run rather than weaken.
		if (!file) throw new Error(`${FILE_NAME} not found (looked in ${candidates().join(', ')})`);
		const entries = foldCommonPasswords(dictionary['passwords-common']);
		for (const entry of parseCommonPasswords(readFileSync(file, 'utf8'))) entries.add(entry);
		cached = entries;
	}
	return cached;
}
