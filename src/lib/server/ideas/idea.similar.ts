/**
 * Similar ideas while one is typed: the pool holds a few hundred open ideas at most, so they are
 * scored here, in memory, with the search module's German analyser (stems, compounds split at
 * hyphens, stop words dropped) instead of the catalogue's index.
 */
import { analyseQuery, tokenize } from '../search/analyser';

export interface IdeaText {
	id: number;
	title: string;
	problem: string;
}

export interface ScoredIdea {
	id: number;
	score: number;
}

/**
 * Scores `ideas` against a draft: each draft word found in an idea's title counts 2, in its
 * problem 1 (once per word); the draft's title words count double. An idea must share at least
 * one of the draft's title words, so "Digitale Hundesteuer" does not find everything digital.
 */
export function scoreSimilarIdeas(
	draft: { title: string; problem: string },
	ideas: readonly IdeaText[],
	limit = 5
): ScoredIdea[] {
	const titleWords = [...new Set(analyseQuery(draft.title).map((w) => w.stem))];
	if (titleWords.length === 0) return [];
	const problemWords = [...new Set(analyseQuery(draft.problem).map((w) => w.stem))].filter(
		(stem) => !titleWords.includes(stem)
	);
	const scored: ScoredIdea[] = [];
	for (const idea of ideas) {
		const inTitle = new Set(tokenize(idea.title).map((t) => t.stem));
		const inProblem = new Set(tokenize(idea.problem).map((t) => t.stem));
		const weightOf = (stem: string) => (inTitle.has(stem) ? 2 : inProblem.has(stem) ? 1 : 0);
		let titleHits = 0;
		let score = 0;
		for (const stem of titleWords) {
			const weight = weightOf(stem);
			if (weight > 0) titleHits++;
			score += 2 * weight;
		}
		if (titleHits === 0) continue;
		for (const stem of problemWords) score += weightOf(stem);
		scored.push({ id: idea.id, score });
	}
	return scored.sort((a, b) => b.score - a.score || b.id - a.id).slice(0, limit);
}
