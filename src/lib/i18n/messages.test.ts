/**
 * Every message the code uses exists in German and English, and both files have the same keys.
 * (A missing message compiles to `undefined` and would break a page only at run time.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const load = (locale: string) =>
	Object.keys(
		JSON.parse(readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as object
	).filter((key) => key !== '$schema');

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
