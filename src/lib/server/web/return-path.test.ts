import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
	it('keeps paths of this site with their query', () => {
		expect(safeReturnPath('/kommunen?membership=member')).toBe('/kommunen?membership=member');
		expect(safeReturnPath('/')).toBe('/');
	});

	it.each([
		null,
		'',
		'kommunen',
		'//evil.example/',
		'/\\evil.example',
		'https://evil.example/',
		'/%0d%0aSet-Cookie:x',
		'/\tx',
		'javascript:alert(1)'
	])('sends %j home', (value) => {
		const result = safeReturnPath(value);
		expect(result.startsWith('/')).toBe(true);
		expect(result.startsWith('//')).toBe(false);
		if (value !== '/%0d%0aSet-Cookie:x') expect(result).toBe('/');
	});
});
