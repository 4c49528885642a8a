import { describe, expect, it } from 'vitest';
import { stemWord } from './analyser';
import { buildSynonymIndex, matchSynonyms, parseSynonymList } from './synonyms';

describe('synonym list', () => {
	it('reads groups, skipping comments and blank lines', () => {
		const parsed = parseSynonymList(
			'# Bürgerbüro\n\nTerminvergabe, Terminbuchung ,Online-Termin\nMüll, Abfall\n'
		);
		expect(parsed.problems).toEqual([]);
		expect(parsed.groups).toEqual([
			['Terminvergabe', 'Terminbuchung', 'Online-Termin'],
			['Müll', 'Abfall']
		]);
	});

	it('names the line of a group with one term or an over-long term', () => {
		const parsed = parseSynonymList(`Müll, Abfall\nBauantrag\n${'x'.repeat(81)}, y`);
		expect(parsed.problems).toEqual([
			{ line: 2, code: 'synonym_group_single', term: 'Bauantrag' },
			{ line: 3, code: 'synonym_too_long', term: 'x'.repeat(81) }
		]);
	});

	it('matches one- and several-word terms in a query and offers the others', () => {
		const index = buildSynonymIndex([['E-Akte', 'elektronische Akte', 'DMS']]);
		const stems = ['elektronische', 'Akte', 'Kehl'].map(stemWord);
		const [match] = matchSynonyms(index, stems);
		expect(match).toMatchObject({ from: 0, to: 2 });
		expect(match?.alternatives).toEqual([[stemWord('eakte')], ['dms']]);
		expect(matchSynonyms(index, ['dms'])[0]?.alternatives).toHaveLength(2);
	});
});
