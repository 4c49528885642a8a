import { describe, expect, it } from 'vitest';
import { germanSortKey } from './sort-key';

describe('germanSortKey', () => {
	it('sorts umlauts as their base letter, not after z', () => {
		const names = ['Zell am Harmersbach', 'Ötigheim', 'Oberkirch', 'Achern', 'Äpfelbach'];
		const sorted = [...names].sort((a, b) =>
			germanSortKey(a) < germanSortKey(b) ? -1 : germanSortKey(a) > germanSortKey(b) ? 1 : 0
		);
		expect(sorted).toEqual(['Achern', 'Äpfelbach', 'Oberkirch', 'Ötigheim', 'Zell am Harmersbach']);
	});

	it('folds ß to ss and ignores case and punctuation', () => {
		expect(germanSortKey('Meißenheim')).toBe('meissenheim');
		expect(germanSortKey('Lahr/Schwarzwald')).toBe('lahr schwarzwald');
		expect(germanSortKey('Gutach (Schwarzwaldbahn)')).toBe('gutach schwarzwaldbahn');
	});

	it('agrees with the German collator on the order of the register names', () => {
		const names = ['Mühlenbach', 'Muehlheim', 'Mahlberg', 'Meißenheim', 'Nordrach', 'Münster'];
		const collator = new Intl.Collator('de');
		const byKey = [...names].sort((a, b) => germanSortKey(a).localeCompare(germanSortKey(b), 'en'));
		expect(byKey).toEqual([...names].sort(collator.compare));
	});
});
