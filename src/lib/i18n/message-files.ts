/**
 * Where the UI texts live: `messages/{locale}.json` for the frame and the early modules, and
 * `messages/<module>/{locale}.json` for each later module, so that modules can grow their texts
 * side by side. The inlang project settings list the same files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function messageFiles(appRoot: string, locale: string): string[] {
	const dir = path.join(appRoot, 'messages');
	const files = [path.join(dir, `${locale}.json`)];
	for (const name of readdirSync(dir).sort()) {
		const file = path.join(dir, name, `${locale}.json`);
		if (statSync(path.join(dir, name)).isDirectory() && existsSync(file)) files.push(file);
	}
	return files;
}

/** All messages of a locale, key → text (without the `$schema` entry). */
export function readMessages(appRoot: string, locale: string): Record<string, string> {
	const messages: Record<string, string> = {};
	for (const file of messageFiles(appRoot, locale)) {
		const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
		for (const [key, text] of Object.entries(entries)) if (key !== '$schema') messages[key] = text;
	}
	return messages;
}
