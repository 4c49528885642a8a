import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type PersonActor } from '../context';
import { DomainError } from '../errors';
import { rateLimited } from '../rate-limits';
import { apiError, apiErrorOf, checkApiRequest, isApiPath, readJsonBody } from './api';

const person = (auth: PersonActor['auth']): PersonActor => ({
	kind: 'person',
	personId: 3,
	displayName: 'Anna Albrecht',
	isCoordinator: false,
	municipalities: [],
	sessionId: auth.method === 'session' ? 'a'.repeat(64) : null,
	auth,
	hasTwoFactor: false,
	isEmailVerified: true
});
const cookie = person({ method: 'session' });
const reader = person({ method: 'token', scope: 'read', tokenId: 1 });
const writer = person({ method: 'token', scope: 'read_write', tokenId: 2 });
const json = 'application/json; charset=utf-8';

describe('checkApiRequest', () => {
	it('lets everyone read', () => {
		for (const actor of [ANONYMOUS, cookie, reader, writer]) {
			for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
				expect(checkApiRequest({ method, contentType: null, hasBody: false, actor })).toBeNull();
			}
		}
	});

	it('refuses every change that comes with a cookie only, or with nothing', () => {
		for (const actor of [ANONYMOUS, cookie]) {
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
				expect(checkApiRequest({ method, contentType: json, hasBody: true, actor })?.code).toBe(
					'UNAUTHENTICATED'
				);
			}
		}
	});

	it('refuses changes with a read-only token', () => {
		expect(
			checkApiRequest({ method: 'DELETE', contentType: null, hasBody: false, actor: reader })?.code
		).toBe('FORBIDDEN');
	});

	it('wants JSON bodies: text/plain and form encodings are refused', () => {
		for (const contentType of [
			'text/plain',
			'text/plain;charset=UTF-8',
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'application/jsonp',
			null
		]) {
			expect(
				checkApiRequest({ method: 'POST', contentType, hasBody: true, actor: writer })?.code,
				String(contentType)
			).toBe('UNSUPPORTED_MEDIA_TYPE');
		}
		expect(
			checkApiRequest({ method: 'POST', contentType: json, hasBody: true, actor: writer })
		).toBeNull();
		expect(
			checkApiRequest({ method: 'DELETE', contentType: null, hasBody: false, actor: writer })
		).toBeNull();
	});
});

describe('JSON errors', () => {
	it('carry the stable code, the status of errors.ts and the fields', async () => {
		const response = apiErrorOf(new DomainError('INVALID', 'invalid input', { name: 'x' }));
		expect(response.status).toBe(400);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({
			error: { code: 'INVALID', message: 'invalid input', fields: { name: 'x' } }
		});
	});

	it('ask for a bearer token on 401', async () => {
		const response = apiError('UNAUTHENTICATED', 'no', { bearerError: 'invalid_token' });
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe(
			'Bearer realm="api", error="invalid_token"'
		);
		expect(apiError('UNAUTHENTICATED', 'no').headers.get('www-authenticate')).toBe(
			'Bearer realm="api"'
		);
		expect(await response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'no' } });
	});

	it('say when to retry on 429 and which media type on 415', () => {
		const limited = apiErrorOf(rateLimited(90));
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('90');
		expect(apiError('UNSUPPORTED_MEDIA_TYPE', 'json please').status).toBe(415);
		expect(apiError('INTERNAL', 'oops', { errorId: 'abc' }).status).toBe(500);
	});
});

describe('readJsonBody and isApiPath', () => {
	const body = (text: string) => new Request('http://x/api', { method: 'POST', body: text });

	it('parses JSON and refuses the rest with stable codes', async () => {
		expect(await readJsonBody(body('{"a":1}'))).toEqual({ a: 1 });
		await expect(readJsonBody(body('{a:1}'))).rejects.toMatchObject({
			code: 'INVALID',
			fields: { body: 'invalid_json' }
		});
		await expect(readJsonBody(body(`"${'x'.repeat(70_000)}"`))).rejects.toMatchObject({
			code: 'PAYLOAD_TOO_LARGE'
		});
	});

	it('knows the API by its path', () => {
		expect(isApiPath('/api/v1/me')).toBe(true);
		expect(isApiPath('/api')).toBe(true);
		expect(isApiPath('/apis')).toBe(false);
		expect(isApiPath('/kommunen/api')).toBe(false);
	});
});
