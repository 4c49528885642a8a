import { describe, expect, it } from 'vitest';
import { scorePostings, termBudgets, weightedTerms, type Concept } from './query-plan';

const concepts: Concept[] = [
	{
		word: { surface: 'eakte', stem: 'eakt' },
		alternatives: [
			{ kind: 'stem', terms: ['eakt'], factor: 1 },
			{ kind: 'synonym', terms: ['digital', 'akt'], factor: 1 }
		]
	},
	{
		word: { surface: 'kehl', stem: 'kehl' },
		alternatives: [{ kind: 'stem', terms: ['kehl'], factor: 1 }]
	}
];
const frequency = new Map([
	['eakt', 10],
	['digital', 10],
	['akt', 10],
	['kehl', 10]
]);
const rows = weightedTerms(concepts, frequency, 1000);

describe('scoring', () => {
	it('takes the best alternative per concept and adds the concepts', () => {
		const scores = scorePostings(
			[
				{ term: 'eakt', ref_id: 1, weight: 10 },
				{ term: 'kehl', ref_id: 1, weight: 2 },
				{ term: 'eakt', ref_id: 2, weight: 10 }
			],
			rows
		);
		expect(scores.get(1)!.score).toBeGreaterThan(scores.get(2)!.score);
	});

	it('gives part of a phrase less than its share: "digital" alone is no "digitale Akte"', () => {
		const scores = scorePostings(
			[
				{ term: 'digital', ref_id: 1, weight: 10 },
				{ term: 'digital', ref_id: 2, weight: 10 },
				{ term: 'akt', ref_id: 2, weight: 10 }
			],
			rows
		);
		expect(scores.get(1)!.score * 4).toBeCloseTo(scores.get(2)!.score, 5);
	});

	it('ranks an exact term above the same term as a synonym', () => {
		const [stem, synonym] = rows.filter((row) => row.concept === 0);
		expect(stem!.weight).toBeGreaterThan(synonym!.weight * 2);
	});

	it('reads direct terms deeper than synonyms', () => {
		const budgets = new Map(termBudgets(rows, 200).map((b) => [b.term, b.limit]));
		expect(budgets.get('eakt')).toBe(200);
		expect(budgets.get('digital')).toBe(100);
	});
});
