import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { parseQuery, ProjectListQuerySchema } from './api.query';
import { parseBody, ProjectBodySchema } from './api.input';

function fieldsOf(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		if (isDomainError(error)) return { code: error.code, fields: error.fields };
		throw error;
	}
	return 'accepted';
}

describe('API list parameters', () => {
	it('read filters and default the page size', () => {
		expect(
			parseQuery(
				ProjectListQuerySchema,
				new URLSearchParams('status=betrieb&municipality=08317057&domain=3&q=')
			)
		).toEqual({ status: 'betrieb', municipality: '08317057', domain: 3, limit: 20 });
	});

	it('refuse unknown, repeated and malformed parameters, naming each', () => {
		expect(
			fieldsOf(() =>
				parseQuery(
					ProjectListQuerySchema,
					new URLSearchParams('status=fertig&limit=0&limit=5&municipality=123&sort=title')
				)
			)
		).toEqual({
			code: 'INVALID',
			fields: {
				status: 'invalid',
				limit: 'repeated',
				municipality: 'ags_format',
				sort: 'unknown_parameter'
			}
		});
	});
});

describe('API bodies', () => {
	it('validate with the projects module’s own field rules', () => {
		expect(
			fieldsOf(() =>
				parseBody(ProjectBodySchema, {
					title: 'x'.repeat(201),
					municipality: '08317057',
					status: 'betrieb',
					visibility: 'public',
					costsOnceEur: 1.234,
					links: [{ label: 'A', url: 'javascript:alert(1)' }],
					createdBy: 1
				})
			)
		).toEqual({
			code: 'INVALID',
			fields: {
				title: 'title_too_long',
				costsOnceEur: 'costs_invalid',
				'links.0.url': 'url_invalid',
				createdBy: 'unknown_field'
			}
		});
		expect(fieldsOf(() => parseBody(ProjectBodySchema, []))).toEqual({
			code: 'INVALID',
			fields: { body: 'object_expected' }
		});
	});
});
