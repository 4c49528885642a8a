/**
 * Every message the code uses exists in German and English, and both files have the same keys.
 * (A missing message compiles to `undefined` and would break a page only at run time.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageFiles, readMessages } from './message-files';

const root = path.resolve(import.meta.dirname, '../../..');
const load = (locale: string) => Object.keys(readMessages(root, locale));

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (name === 'paraglide' || name === 'node_modules') return [];
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
	});
}

describe('messages', () => {
	const german = load('de');
	const english = load('en');

	it('compiles every message file (the inlang settings list them all)', () => {
		const settings = JSON.parse(
			readFileSync(path.join(root, 'project.inlang', 'settings.json'), 'utf8')
		) as { 'plugin.inlang.messageFormat': { pathPattern: string[] } };
		const listed = settings['plugin.inlang.messageFormat'].pathPattern.map((pattern) =>
			path.join(root, pattern.replace('{locale}', 'de'))
		);
		expect(listed.sort()).toEqual(messageFiles(root, 'de').sort());
	});

	it('uses each key once across the message files', () => {
		const seen = new Map<string, string>();
		const doubled: string[] = [];
		for (const file of messageFiles(root, 'de')) {
			for (const key of Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object)) {
				if (key === '$schema') continue;
				if (seen.has(key)) doubled.push(`${key} (${seen.get(key)} and ${file})`);
				seen.set(key, file);
			}
		}
		expect(doubled).toEqual([]);
	});

	it('has the same keys in German and English', () => {
		expect([...english].sort()).toEqual([...german].sort());
	});

	it('has a German and an English text for every message the code uses', () => {
		const used = new Set<string>();
		for (const file of sourceFiles(path.join(root, 'src'))) {
			const text = readFileSync(file, 'utf8');
			if (!text.includes('paraglide/messages')) continue;
			for (const match of text.matchAll(/\bm\.([a-z][a-z0-9_]*)\b/g)) {
				used.add(match[1] as string);
			}
		}
		expect(used.size).toBeGreaterThan(50);
		const missing = [...used].filter((key) => !german.includes(key) || !english.includes(key));
		expect(missing).toEqual([]);
	});
});
