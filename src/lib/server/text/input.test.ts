import { describe, expect, it } from 'vitest';
import { filterText, splitTags } from './input';

describe('splitTags', () => {
	it('splits typed text, trims, collapses spaces and keeps the first spelling of a tag', () => {
		expect(splitTags('E-Akte; e akte,\n  Bürger   service ,,')).toEqual([
			'E-Akte',
			'Bürger service'
		]);
	});

	it('takes a list as it is given', () => {
		expect(splitTags([' OZG ', 'ozg', ''])).toEqual(['OZG']);
	});
});

describe('filterText', () => {
	it('turns empty, overlong and malformed values into no filter', () => {
		const schema = filterText(5);
		expect(schema.parse('  Kehl ')).toBe('Kehl');
		expect(schema.parse('   ')).toBeUndefined();
		expect(schema.parse('zu lang')).toBeUndefined();
		expect(schema.parse(42)).toBeUndefined();
	});
});
