import { describe, expect, it } from 'vitest';
import { parseSubject, subjectKey } from './follows';

describe('parseSubject', () => {
	it('reads the subject types that can be followed', () => {
		expect(parseSubject('project:42')).toEqual({ type: 'project', id: '42' });
		expect(parseSubject('municipality:08317057')).toEqual({ type: 'municipality', id: '08317057' });
		expect(subjectKey({ type: 'topic_field', id: 'bauen-wohnen' })).toBe(
			'topic_field:bauen-wohnen'
		);
	});

	it('refuses unknown types and odd keys', () => {
		for (const text of [
			'',
			'project',
			':1',
			'person:1',
			'project:',
			'project:1 OR 1=1',
			'idea:<b>'
		]) {
			expect(parseSubject(text)).toBeNull();
		}
	});
});
