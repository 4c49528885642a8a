import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders ordinary formatting', () => {
		const html = renderMarkdown('# Impressum\n\n**Stadt Kehl**\nHauptstraße 1\n\n- eins\n- zwei');
		expect(html).toContain('<h2>Impressum</h2>');
		expect(html).toContain('<strong>Stadt Kehl</strong><br />');
		expect(html).toContain('<li>eins</li>');
	});

	it.each([
		['<script>alert(1)</script>text', '<script'],
		['<img src=x onerror=alert(1)>', 'onerror'],
		['[klick](javascript:alert(1))', 'javascript:'],
		['<a href="https://x.example" onclick="steal()">x</a>', 'onclick'],
		['<iframe src="https://evil.example"></iframe>', '<iframe'],
		['<p style="background:url(x)">x</p>', 'style=']
	])('removes dangerous markup from %s', (input, forbidden) => {
		expect(renderMarkdown(input).toLowerCase()).not.toContain(forbidden);
	});

	it('marks links so they pass no referrer and no ranking', () => {
		expect(renderMarkdown('[Kehl](https://www.kehl.de)')).toBe(
			'<p><a href="https://www.kehl.de" rel="noopener noreferrer nofollow">Kehl</a></p>'
		);
	});
});
