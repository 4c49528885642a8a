import { describe, expect, it } from 'vitest';
import { stemWord } from './analyser';
import { makeSnippet, plainText, snippetParts } from './snippet';

describe('snippets', () => {
	it('marks the matched words and drops markdown', () => {
		const snippet = makeSnippet(
			['- **Online-Terminvergabe** im Bürgerbüro'],
			new Set([stemWord('Bürgerbüro')])
		);
		expect(snippet.text).toBe('Online-Terminvergabe im Bürgerbüro');
		expect(snippetParts(snippet)).toEqual([
			{ text: 'Online-Terminvergabe im ', isMatch: false },
			{ text: 'Bürgerbüro', isMatch: true }
		]);
	});

	it('cuts long texts around the first match', () => {
		const text = `${'Einleitung '.repeat(30)}Die Hundesteuer wird online festgesetzt. ${'Schluss '.repeat(40)}`;
		const snippet = makeSnippet([text], new Set([stemWord('Hundesteuer')]), 120);
		expect(snippet.text.startsWith('… ')).toBe(true);
		expect(snippet.text.endsWith(' …')).toBe(true);
		expect(snippetParts(snippet).find((p) => p.isMatch)?.text).toBe('Hundesteuer');
	});

	it('shows the start of the first text when nothing matches', () => {
		expect(makeSnippet(['', 'Kurz.'], new Set(['x'])).text).toBe('Kurz.');
		expect(plainText('[Link](https://example.org) _kursiv_')).toBe('Link kursiv');
	});
});
