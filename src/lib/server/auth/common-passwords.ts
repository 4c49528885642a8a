/**
 * Loads common-passwords.txt once. The file sits next to this module in the source tree; in the
 * production build this code lives in build/, so the application folder is searched as well.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from '../config';
import { parseCommonPasswords } from './password.policy';

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
		cached = parseCommonPasswords(readFileSync(file, 'utf8'));
	}
	return cached;
}
