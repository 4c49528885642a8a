import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
	it('writes sizes in German with a decimal comma', () => {
		expect(formatFileSize('de', 512)).toBe('512 Byte');
		expect(formatFileSize('de', 1536)).toBe('1,5 KB');
		expect(formatFileSize('de', 20 * 1024 * 1024)).toBe('20 MB');
		expect(formatFileSize('de', 1_258_291)).toBe('1,2 MB');
		expect(formatFileSize('de', 150 * 1024 * 1024)).toBe('150 MB');
	});

	it('writes sizes in English with a decimal point', () => {
		expect(formatFileSize('en', 1536)).toBe('1.5 KB');
	});
});
