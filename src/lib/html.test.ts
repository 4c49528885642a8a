import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';

describe('escapeHtml', () => {
	it('escapes what could open markup or end an attribute', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
			'&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;'
		);
		expect(escapeHtml('Lahr/Schwarzwald – Öhringen')).toBe('Lahr/Schwarzwald – Öhringen');
	});
});
