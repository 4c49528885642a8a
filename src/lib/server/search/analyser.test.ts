import { describe, expect, it } from 'vitest';
import {
	analyseForIndex,
	analyseQuery,
	EXACT_PREFIX,
	stemWord,
	surfaceForm,
	tokenize
} from './analyser';

describe('German analyser', () => {
	it('folds case, umlauts and ß, also when typed as ae, oe, ue and ss', () => {
		expect(surfaceForm('Straßenbeleuchtung')).toBe(surfaceForm('Strassenbeleuchtung'));
		expect(surfaceForm('Bürgerbüro')).toBe(surfaceForm('Buergerbuero'));
		expect(surfaceForm('Gebühren')).toBe('gebuhren');
		expect(stemWord('Gebühren')).toBe(stemWord('Gebuehren'));
	});

	it('stems plurals, also with umlaut changes', () => {
		expect(stemWord('Städte')).toBe(stemWord('Stadt'));
		expect(stemWord('Anträge')).toBe(stemWord('Antrag'));
		expect(stemWord('Ämter')).toBe(stemWord('Amt'));
		expect(stemWord('Grundschulen')).toBe(stemWord('Grundschule'));
	});

	it('keeps training apart from school', () => {
		expect(stemWord('Schulung')).not.toBe(stemWord('Schule'));
		expect(stemWord('Schulungen')).toBe(stemWord('Schulung'));
	});

	it('gives hyphenated words their joined form and their parts', () => {
		const surfaces = tokenize('Die E-Akte im Rathaus-Netz').map((t) => t.surface);
		expect(surfaces).toEqual(['die', 'eakte', 'akte', 'im', 'rathausnetz', 'rathaus', 'netz']);
	});

	it('reads questions for what they ask and joins a lone letter to the next word', () => {
		expect(analyseQuery('Wer hat schon eine E-Akte?').map((w) => w.surface)).toEqual(['eakte']);
		expect(analyseQuery('E Akte').map((w) => w.surface)).toEqual(['eakte']);
		expect(analyseQuery('eAkte').map((w) => w.surface)).toEqual(['eakte']);
		expect(analyseQuery('Gibt es schon Erfahrungen mit TEVIS?').map((w) => w.surface)).toEqual([
			'tevis'
		]);
	});

	it('weighs a term by the most important part it stands in, exact forms for titles', () => {
		const { terms, words } = analyseForIndex({
			title: 'Online-Terminvergabe',
			summary: 'Termine im Bürgerbüro online buchen',
			body: 'Die Terminvergabe läuft seit 2020.'
		});
		expect(terms.get(stemWord('Terminvergabe'))).toBe(11);
		expect(terms.get(stemWord('Bürgerbüro'))).toBe(5);
		expect(terms.has(EXACT_PREFIX + 'terminvergabe')).toBe(true);
		expect(terms.has(stemWord('die'))).toBe(false);
		expect(words.get('burgerburo')).toBe(stemWord('Bürgerbüro'));
	});
});
