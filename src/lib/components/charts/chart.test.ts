import { describe, expect, it } from 'vitest';
import { labelEvery, patternId, seriesFill, totals, type ChartSeries } from './chart';

const series = (key: string, values: number[]): ChartSeries => ({
	key,
	label: key,
	values,
	colour: '#000000',
	pattern: 'diagonal'
});

describe('chart helpers', () => {
	it('adds up the series per category', () => {
		expect(totals([series('a', [1, 2, 3]), series('b', [0, 5])], 3)).toEqual([1, 7, 3]);
		expect(totals([], 2)).toEqual([0, 0]);
	});

	it('names patterns per chart, with safe ids', () => {
		expect(patternId('stats-projects', 'in_discussion')).toBe(
			'stats-projects-pattern-in_discussion'
		);
		expect(patternId('c', 'a b/ä')).toBe('c-pattern-a_b__');
		expect(seriesFill('c', series('x', []))).toBe('url(#c-pattern-x)');
		expect(seriesFill('c', { ...series('x', []), pattern: 'solid', colour: '#123456' })).toBe(
			'#123456'
		);
	});

	it('thins out category labels that would overlap', () => {
		expect(labelEvery(8, 70)).toBe(1);
		expect(labelEvery(30, 18)).toBe(3);
		expect(labelEvery(0, 0)).toBe(1);
	});
});
