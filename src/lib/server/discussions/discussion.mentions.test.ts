import { describe, expect, it } from 'vitest';
import { linkMentions, mentionCandidates } from './discussion.mentions';
import { quoteBlock } from './discussion.quote';
import { parseSubjectRef } from './discussion.subjects';

const people = [
	{ id: 7, displayName: 'Anna Schmidt' },
	{ id: 8, displayName: 'Anna' },
	{ id: 9, displayName: 'Jörg Müller-Lüdenscheidt' }
];

describe('mentions', () => {
	it('offers every prefix of up to four words as a candidate', () => {
		expect(mentionCandidates('Hallo @Anna Schmidt danke sehr vielmals')).toEqual([
			'Anna Schmidt danke sehr',
			'Anna Schmidt danke',
			'Anna Schmidt',
			'Anna'
		]);
	});

	it('links the longest known name and reports each person once', () => {
		const result = linkMentions('@Anna Schmidt und @Anna, dann @Anna Schmidt.', people);
		expect(result.source).toBe(
			'[@Anna Schmidt](/personen/7) und [@Anna](/personen/8), dann [@Anna Schmidt](/personen/7).'
		);
		expect(result.mentionedIds).toEqual([7, 8]);
	});

	it('handles umlauts and hyphens, and ignores e-mail addresses, unknown names and code blocks', () => {
		const text = 'Frage an @Jörg Müller-Lüdenscheidt: mail@Anna.de, @Niemand\n```\n@Anna\n```';
		const result = linkMentions(text, people);
		expect(result.source).toBe(
			'Frage an [@Jörg Müller-Lüdenscheidt](/personen/9): mail@Anna.de, @Niemand\n```\n@Anna\n```'
		);
		expect(result.mentionedIds).toEqual([9]);
	});

	it('takes apostrophes and dots inside a name, not at its end', () => {
		const result = linkMentions("Danke @Dr. O'Neill. Und @Anna.", [
			{ id: 1, displayName: "Dr. O'Neill" },
			{ id: 8, displayName: 'Anna' }
		]);
		expect(result.source).toBe("Danke [@Dr. O'Neill](/personen/1). Und [@Anna](/personen/8).");
	});
});

describe('quotes', () => {
	it('quotes every line, attributes the author and links to the post on its page', () => {
		expect(
			quoteBlock({
				discussionId: 3,
				postId: 90,
				page: 2,
				authorName: 'Anna [Kehl]',
				source: 'Erste Zeile\n\n> schon zitiert'
			})
		).toBe(
			'> **Anna \\[Kehl\\]** [schrieb](/austausch/3?seite=2#beitrag-90):\n>\n> Erste Zeile\n>\n> > schon zitiert\n\n'
		);
	});
});

describe('subject references', () => {
	it('accepts the known types with a numeric id only', () => {
		expect(parseSubjectRef('product:12')).toEqual({ type: 'product', id: 12 });
		expect(parseSubjectRef('project:1')).toEqual({ type: 'project', id: 1 });
		for (const bad of [
			'product:0',
			'product:-1',
			'product:1x',
			'municipality:1',
			'product',
			'',
			null
		]) {
			expect(parseSubjectRef(bad)).toBeNull();
		}
	});
});
