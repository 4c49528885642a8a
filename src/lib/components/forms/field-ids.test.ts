import { describe, expect, it } from 'vitest';
import { fieldIds } from './field-ids';

describe('fieldIds', () => {
	it('derives the hint and error ids from the field id', () => {
		const ids = fieldIds('title', {});
		expect(ids.hintId).toBe('title-hint');
		expect(ids.errorId).toBe('title-error');
	});

	it('leaves aria-describedby out when there is neither hint nor error', () => {
		expect(fieldIds('title', { hint: null, error: '' }).describedBy).toBeUndefined();
	});

	it('names the hint, the error, or the hint first and then the error', () => {
		expect(fieldIds('title', { hint: 'Kurz' }).describedBy).toBe('title-hint');
		expect(fieldIds('title', { error: 'Fehlt' }).describedBy).toBe('title-error');
		expect(fieldIds('title', { hint: 'Kurz', error: 'Fehlt' }).describedBy).toBe(
			'title-hint title-error'
		);
	});
});
