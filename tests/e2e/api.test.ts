/**
 * The JSON API against the running server, as an attacker would probe it (decision 0013): the
 * cookie may read but never write, text/plain and other "simple" bodies are refused, read-only
 * tokens cannot write, revoked, expired and unknown tokens get 401 without falling back to the
 * cookie, and another person's token id is not found. Errors are JSON with stable codes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForPerson } from '../../src/lib/server/auth';
import { systemContext } from '../../src/lib/server/context';
import { baseUrl } from './support/browser';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';

interface Token {
	id: number;
	token: string;
}

async function tokenFor(
	person: TestPerson,
	scope: 'read' | 'read_write',
	name: string = scope
): Promise<Token> {
	return withServerDatabase(async (db) => {
		const created = await createApiTokenForPerson(systemContext(db, 'e2e'), {
			email: person.email,
			name,
			scope,
			days: 30
		});
		return { id: created.apiToken.id, token: created.token };
	});
}

function call(
	path: string,
	init: Omit<RequestInit, 'headers'> & {
		token?: string;
		cookie?: string;
		headers?: Record<string, string>;
	} = {}
): Promise<Response> {
	const headers: Record<string, string> = { origin: baseUrl(), ...init.headers };
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.cookie) headers.cookie = init.cookie;
	return fetch(new URL(path, baseUrl()), { ...init, headers, redirect: 'manual' });
}

async function errorCode(response: Response): Promise<string> {
	expect(response.headers.get('content-type')).toContain('application/json');
	const body = (await response.json()) as { error: { code: string; message: string } };
	expect(body.error.message.length).toBeGreaterThan(0);
	return body.error.code;
}

/** Whether the token still opens /api/v1/me. */
async function works(token: string): Promise<boolean> {
	return (await call('/api/v1/me', { token })).status === 200;
}

let anna: TestPerson;
let bert: TestPerson;
let coordinator: TestPerson;
let annaRead: Token;
let annaWrite: Token;
let bertWrite: Token;

beforeAll(async () => {
	const stamp = Date.now();
	anna = await createTestPerson({
		email: `anna-api-${stamp}@lahr.example`,
		displayName: 'Anna Lahr',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	bert = await createTestPerson({
		email: `bert-api-${stamp}@kehl.example`,
		displayName: 'Bert Kehl',
		memberships: [{ ags: KEHL, role: 'member' }]
	});
	coordinator = await createTestPerson({
		email: `kora-api-${stamp}@ortenau.example`,
		displayName: 'Kora Koordination',
		isCoordinator: true
	});
	annaRead = await tokenFor(anna, 'read');
	annaWrite = await tokenFor(anna, 'read_write');
	bertWrite = await tokenFor(bert, 'read_write');
});

describe('reading', () => {
	it('tells a token who it is, with municipalities, roles and scope', async () => {
		const response = await call('/api/v1/me', { token: annaRead.token });
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(await response.json()).toEqual({
			id: anna.personId,
			name: 'Anna Lahr',
			isCoordinator: false,
			municipalities: [{ ags: LAHR, name: 'Lahr/Schwarzwald', role: 'member' }],
			scope: 'read',
			authentication: { method: 'token', tokenId: annaRead.id }
		});
	});

	it('lets the browser’s cookie read', async () => {
		const response = await call('/api/v1/me', { cookie: anna.cookie });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			id: anna.personId,
			authentication: { method: 'session' }
		});
	});

	it('asks visitors for a token where it is about them', async () => {
		const response = await call('/api/v1/me');
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"');
		expect(await errorCode(response)).toBe('UNAUTHENTICATED');
	});

	it('serves the public register to anyone, and 404 in JSON', async () => {
		const list = await call('/api/v1/municipalities?membership=member&sort=-population');
		expect(list.status).toBe(200);
		const page = (await list.json()) as { items: { ags: string }[]; total: number };
		expect(page.items.map((item) => item.ags)).toContain(LAHR);
		expect(page.total).toBe(page.items.length);

		const lahr = await call(`/api/v1/municipalities/${LAHR}`);
		expect(await lahr.json()).toMatchObject({ ags: LAHR, name: 'Lahr/Schwarzwald' });
		const missing = await call('/api/v1/municipalities/00000000');
		expect(missing.status).toBe(404);
		expect(await errorCode(missing)).toBe('NOT_FOUND');
		const nowhere = await call('/api/v1/no-such-thing', {
			method: 'DELETE',
			token: annaWrite.token
		});
		expect(nowhere.status).toBe(404);
		expect(await errorCode(nowhere)).toBe('NOT_FOUND');
	});

	it('lists one’s own tokens without their secrets', async () => {
		const response = await call('/api/v1/tokens', { token: annaRead.token });
		const body = (await response.json()) as { items: { id: number }[] };
		expect(body.items.map((item) => item.id).sort()).toEqual([annaRead.id, annaWrite.id].sort());
		const text = JSON.stringify(body);
		expect(text).not.toContain(annaRead.token.slice(3));
		expect(text).not.toContain('hash');
	});

	it('shows the audit log to the coordination only', async () => {
		const kora = await tokenFor(coordinator, 'read');
		const log = await call('/api/v1/audit-events?action=auth.api_token.created', {
			token: kora.token
		});
		expect(log.status).toBe(200);
		const page = (await log.json()) as {
			items: { action: string; subject: { id: number } }[];
			nextCursor: string | null;
		};
		expect(page.items.every((item) => item.action === 'auth.api_token.created')).toBe(true);
		expect(page.items.map((item) => item.subject.id)).toContain(annaRead.id);

		const asMember = await call('/api/v1/audit-events', { token: annaRead.token });
		expect(asMember.status).toBe(403);
		expect(await errorCode(asMember)).toBe('FORBIDDEN');
		const asVisitor = await call('/api/v1/audit-events');
		expect(asVisitor.status).toBe(401);
	});
});

describe('attacks', () => {
	it('refuses a change that comes with the cookie only (CSRF)', async () => {
		const response = await call(`/api/v1/tokens/${annaRead.id}`, {
			method: 'DELETE',
			cookie: anna.cookie
		});
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toContain('Bearer');
		expect(await errorCode(response)).toBe('UNAUTHENTICATED');
		expect(await works(annaRead.token)).toBe(true);
	});

	it('refuses text/plain and form bodies, with or without a token', async () => {
		const plain = { 'content-type': 'text/plain;charset=UTF-8' };
		const withToken = await call(`/api/v1/tokens/${annaRead.id}`, {
			method: 'POST',
			token: annaWrite.token,
			headers: plain,
			body: '{"x":1}'
		});
		expect(withToken.status).toBe(415);
		expect(await errorCode(withToken)).toBe('UNSUPPORTED_MEDIA_TYPE');

		const deleteWithBody = await call(`/api/v1/tokens/${annaRead.id}`, {
			method: 'DELETE',
			token: annaWrite.token,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=1'
		});
		expect(deleteWithBody.status).toBe(415);

		const withCookie = await call(`/api/v1/tokens/${annaRead.id}`, {
			method: 'DELETE',
			cookie: anna.cookie,
			headers: plain,
			body: 'x'
		});
		expect(withCookie.status).toBe(401);

		// A cross-site form post never reaches the API at all.
		const crossSite = await call('/api/v1/tokens', {
			method: 'POST',
			cookie: anna.cookie,
			headers: { ...plain, origin: 'https://evil.example' },
			body: 'x'
		});
		expect(crossSite.status).toBe(403);
		expect(await works(annaRead.token)).toBe(true);
	});

	it('lets a read-only token change nothing', async () => {
		const response = await call(`/api/v1/tokens/${annaRead.id}`, {
			method: 'DELETE',
			token: annaRead.token
		});
		expect(response.status).toBe(403);
		expect(await errorCode(response)).toBe('FORBIDDEN');
		expect(await works(annaRead.token)).toBe(true);
	});

	it('answers another person’s token id exactly like a missing one', async () => {
		const foreign = await call(`/api/v1/tokens/${bertWrite.id}`, {
			method: 'DELETE',
			token: annaWrite.token
		});
		const missing = await call('/api/v1/tokens/987654', {
			method: 'DELETE',
			token: annaWrite.token
		});
		const garbage = await call('/api/v1/tokens/1%20or%201=1', {
			method: 'DELETE',
			token: annaWrite.token
		});
		const bodies = [];
		for (const response of [foreign, missing, garbage]) {
			expect(response.status).toBe(404);
			bodies.push(await response.json());
		}
		expect(bodies[0]).toEqual(bodies[1]);
		expect(bodies[0]).toEqual({ error: { code: 'NOT_FOUND', message: 'api token not found' } });
		expect(await works(bertWrite.token)).toBe(true);
	});

	it('revokes one’s own token, which then gets 401', async () => {
		const doomed = await tokenFor(anna, 'read', 'doomed');
		const response = await call(`/api/v1/tokens/${doomed.id}`, {
			method: 'DELETE',
			token: annaWrite.token
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ id: doomed.id, status: 'revoked' });
		const refused = await call('/api/v1/me', { token: doomed.token });
		expect(refused.status).toBe(401);
		expect(refused.headers.get('www-authenticate')).toBe(
			'Bearer realm="api", error="invalid_token"'
		);
		expect(await errorCode(refused)).toBe('UNAUTHENTICATED');
	});

	it('refuses expired and unknown tokens and never falls back to the cookie', async () => {
		const expired = await tokenFor(anna, 'read', 'expired');
		await withServerDatabase((db) =>
			db
				.updateTable('api_token')
				.set({ expires_at: new Date(Date.now() - 1000).toISOString() })
				.where('id', '=', expired.id)
				.execute()
		);
		for (const authorization of [
			`Bearer ${expired.token}`,
			`Bearer ds_${'A'.repeat(43)}`,
			'Bearer ',
			'Basic YW5uYTpwYXNzd29ydA=='
		]) {
			const response = await call('/api/v1/me', {
				cookie: anna.cookie,
				headers: { authorization }
			});
			expect(response.status, authorization).toBe(401);
			expect(await errorCode(response)).toBe('UNAUTHENTICATED');
		}
	});
});
