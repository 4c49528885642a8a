import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from './auth.schema';
import { ApiTokenIdSchema, CreateApiTokenSchema } from './api-token.schema';

const problems = (input: Record<string, unknown>) => {
	const parsed = CreateApiTokenSchema.safeParse(input);
	return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe('CreateApiTokenSchema', () => {
	it('takes a name, a scope and days from a form or the CLI', () => {
		expect(
			CreateApiTokenSchema.parse({ name: '  Auswertung  ', scope: 'read', days: '90' })
		).toEqual({ name: 'Auswertung', scope: 'read', days: 90 });
		expect(CreateApiTokenSchema.parse({ name: 'Skript', scope: 'read_write', days: 7 })).toEqual({
			name: 'Skript',
			scope: 'read_write',
			days: 7
		});
	});

	it('requires every field, first problem per field', () => {
		expect(problems({})).toEqual({
			name: 'api_token_name_required',
			scope: 'api_token_scope_required',
			days: 'api_token_days_required'
		});
		expect(problems({ name: '   ', scope: 'admin', days: ' ' })).toEqual({
			name: 'api_token_name_required',
			scope: 'api_token_scope_required',
			days: 'api_token_days_required'
		});
	});

	it('lets no token live longer than a year', () => {
		for (const days of ['0', '366', '-1', '1.5', 'abc', ' 12x', 3650]) {
			expect(problems({ name: 'x', scope: 'read', days }), String(days)).toEqual({
				days: 'api_token_days_invalid'
			});
		}
		expect(problems({ name: 'x', scope: 'read', days: '365' })).toEqual({});
	});

	it('keeps names short', () => {
		expect(problems({ name: 'x'.repeat(81), scope: 'read', days: 30 })).toEqual({
			name: 'api_token_name_too_long'
		});
	});
});

describe('ApiTokenIdSchema', () => {
	it('accepts positive whole numbers only', () => {
		expect(ApiTokenIdSchema.parse('12')).toBe(12);
		for (const id of ['0', '-3', '1e3x', 'abc', '99999999999']) {
			expect(ApiTokenIdSchema.safeParse(id).success, id).toBe(false);
		}
	});
});
