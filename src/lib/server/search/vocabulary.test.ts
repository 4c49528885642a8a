import { describe, expect, it } from 'vitest';
import { stemWord, surfaceForm } from './analyser';
import { Vocabulary, withinOneEdit } from './vocabulary';

function vocabularyOf(...words: string[]): Vocabulary {
	const vocabulary = new Vocabulary();
	for (const word of words) vocabulary.add(surfaceForm(word), stemWord(word));
	return vocabulary;
}

describe('vocabulary', () => {
	it('tells words one edit apart, swapped neighbours included', () => {
		expect(withinOneEdit('terminvergbe', 'terminvergabe')).toBe(true);
		expect(withinOneEdit('persnalausweis', 'personalausweis')).toBe(true);
		expect(withinOneEdit('terminvregabe', 'terminvergabe')).toBe(true);
		expect(withinOneEdit('termin', 'terminvergabe')).toBe(false);
		expect(withinOneEdit('hundesteuer', 'hundesteier')).toBe(true);
		expect(withinOneEdit('abcd', 'badc')).toBe(false);
	});

	it('finds compounds that contain a word, not its derivations', () => {
		const v = vocabularyOf(
			'Grundschulen',
			'Schulanmeldung',
			'Schulung',
			'Schulungsprogramm',
			'Hochschule',
			'Schuldner'
		);
		expect(v.compoundsContaining(stemWord('Schule')).sort()).toEqual(
			['grundschulen', 'hochschule', 'schulanmeldung'].sort()
		);
	});

	it('cuts a compound into known words with linking letters', () => {
		const v = vocabularyOf('Hundesteuer', 'Hund', 'Steuer', 'Bescheid', 'Geburt', 'Urkunde');
		const split = (word: string) => v.splitCompound(surfaceForm(word));
		expect(split('Hundesteuerbescheid')).toEqual([surfaceForm('Hundesteuer'), 'bescheid']);
		expect(split('Geburtsurkunde')).toEqual(['geburt', 'urkunde']);
		expect(split('Hundesteuerbescheide')).toEqual([surfaceForm('Hundesteuer'), 'bescheid']);
		expect(split('Bescheid')).toBeNull();
		expect(split('Wohngeld')).toBeNull();
	});

	it('lists known words one edit away', () => {
		const v = vocabularyOf('Terminvergabe', 'Terminvergaben', 'Personalausweis');
		expect(v.similarWords('terminvergbe')).toEqual(['terminvergabe']);
	});
});
