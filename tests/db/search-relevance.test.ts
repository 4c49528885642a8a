/**
 * The search relevance set (tests/search) on both dialects: a realistic corpus of municipal
 * projects and judged German queries. Floors: recall@10 ≥ 0.9 and MRR ≥ 0.8; the same figures
 * are reported per query by `npm run bench:search`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { loadCorpus, loadRelevanceSet, scoreRelevance } from '../search/relevance';

const t = useTestDatabase();
const { corpus, queries } = loadRelevanceSet();
let keys = new Map<number, string>();

beforeAll(async () => {
	keys = await loadCorpus(t.db, corpus);
});

describe('search relevance', () => {
	it('has a realistic set: 60 or more judged queries over 250 or more projects', () => {
		expect(queries.length).toBeGreaterThanOrEqual(60);
		expect(corpus.length).toBeGreaterThanOrEqual(250);
		const known = new Set(corpus.map((p) => p.key));
		expect(queries.flatMap((q) => q.relevant).filter((key) => !known.has(key))).toEqual([]);
	});

	it('finds the judged projects: recall@10 ≥ 0.9 and MRR ≥ 0.8', async () => {
		const score = await scoreRelevance(t.ctx(), queries, keys);
		const misses = score.queries
			.filter((q) => q.recall < 1)
			.map((q) => `${q.q}: missed ${q.missed.join(', ')}`);
		expect({ recall: score.recallAt10 >= 0.9, mrr: score.mrr >= 0.8, misses }).toMatchObject({
			recall: true,
			mrr: true
		});
	});
});
