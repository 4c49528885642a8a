/**
 * The OpenAPI document against the running server: it is valid OpenAPI 3.1; it names every API
 * route file with exactly the methods the file exports, and nothing else; and what the server
 * really answers (every documented GET, one write per resource, errors) validates against the
 * schema the document gives for that status. Objects are strict, so an undocumented field fails.
 */
import { compileErrors, validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForPerson } from '../../src/lib/server/auth';
import { systemContext } from '../../src/lib/server/context';
import { baseUrl } from './support/browser';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestIdea } from './support/ideas';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
const DOC_ID = 'https://drehscheibe.invalid/api/v1/openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
	parameters?: { name: string; in: string }[];
	responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
type Document = {
	openapi: string;
	paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
};

let document: Document;
let ajv: Ajv2020;

async function tokenFor(person: TestPerson, scope: 'read' | 'read_write'): Promise<string> {
	return withServerDatabase(async (db) => {
		const created = await createApiTokenForPerson(systemContext(db, 'e2e'), {
			email: person.email,
			name: `openapi ${scope}`,
			scope,
			days: 30
		});
		return created.token;
	});
}

function call(
	pathname: string,
	init: { method?: string; token?: string; body?: unknown } = {}
): Promise<Response> {
	const headers: Record<string, string> = {};
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	return fetch(new URL(pathname, baseUrl()), {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
}

/**
 * Checks a real answer against the schema the document gives for its path, method and status:
 * fails when the status is not documented or the body does not match.
 */
async function expectDocumented(
	template: string,
	method: (typeof METHODS)[number],
	response: Response
): Promise<unknown> {
	const operation = document.paths[template]?.[method];
	expect(operation, `${method} ${template} documented`).toBeDefined();
	const documented = operation!.responses[String(response.status)];
	expect(documented, `${method} ${template} → ${response.status} documented`).toBeDefined();
	if (response.status === 204) return null;
	const body: unknown = await response.json();
	const reference = documented!.content?.['application/json']?.schema.$ref;
	expect(reference).toMatch(/^#\/components\/schemas\//);
	const check = ajv.getSchema(`${DOC_ID}${reference}`);
	expect(check, reference).toBeDefined();
	const valid = check!(body);
	expect(
		{ valid, errors: check!.errors?.slice(0, 5) ?? null, template, method },
		JSON.stringify(body).slice(0, 500)
	).toEqual({ valid: true, errors: null, template, method });
	return body;
}

/** Every API route under src/routes/api/v1 as an OpenAPI path, with the methods it exports. */
function routeFiles(dir = path.resolve('src/routes/api/v1'), prefix = '/api/v1') {
	const found: Record<string, string[]> = {};
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) {
			const segment = name.replace(/^\[(\w+)\]$/, '{$1}');
			Object.assign(found, routeFiles(full, `${prefix}/${segment}`));
		} else if (name === '+server.ts') {
			const source = readFileSync(full, 'utf8');
			found[prefix] = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)]
				.map((match) => match[1]!.toLowerCase())
				.sort();
		}
	}
	return found;
}

const stamp = Date.now().toString(36);
let member: TestPerson;
let memberOfKehl: TestPerson;
let coordinator: TestPerson;
const tokens = { read: '', write: '', kehlWrite: '', coordinator: '' };
const ids = { project: 0, product: 0, adoption: 0, reuseRequest: 0, token: 0, idea: 0 };

beforeAll(async () => {
	const response = await call('/api/v1/openapi.json');
	expect(response.status).toBe(200);
	document = (await response.json()) as Document;
	ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({ ...document, $id: DOC_ID });

	member = await createTestPerson({
		email: `olga-openapi-${stamp}@lahr.example`,
		displayName: 'Olga OpenAPI',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	memberOfKehl = await createTestPerson({
		email: `kai-openapi-${stamp}@kehl.example`,
		displayName: 'Kai OpenAPI',
		memberships: [{ ags: KEHL, role: 'member' }]
	});
	coordinator = await createTestPerson({
		email: `kora-openapi-${stamp}@ortenau.example`,
		displayName: 'Kora OpenAPI',
		isCoordinator: true
	});
	tokens.read = await tokenFor(member, 'read');
	tokens.write = await tokenFor(member, 'read_write');
	tokens.kehlWrite = await tokenFor(memberOfKehl, 'read_write');
	tokens.coordinator = await tokenFor(coordinator, 'read');
	ids.project = await createTestProject({
		ags: KEHL,
		title: `OpenAPI-Testprojekt ${stamp}`,
		visibility: 'public'
	});
	ids.product = await createTestProduct(`OpenAPI-Testprodukt ${stamp}`);
	ids.idea = await createTestIdea({ ags: KEHL, title: `OpenAPI-Testidee ${stamp}` });
});

describe('the document', () => {
	it('is valid OpenAPI 3.1', async () => {
		expect(document.openapi).toBe('3.1.0');
		const result = await validate(structuredClone(document) as never);
		expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
		expect(result.specification).toBe('OpenAPI');
	});

	it('names every API route with the methods it has, and nothing else', () => {
		const routes = routeFiles();
		const documented = Object.fromEntries(
			Object.entries(document.paths).map(([template, item]) => [
				template,
				METHODS.filter((method) => item[method] !== undefined).sort()
			])
		);
		expect(documented).toEqual(routes);
	});
});

describe('real answers match the document', () => {
	it('writes: one per resource', async () => {
		const project = await call('/api/v1/projects', {
			method: 'POST',
			token: tokens.write,
			body: {
				title: `OpenAPI geschrieben ${stamp}`,
				municipality: LAHR,
				status: 'planung',
				visibility: 'network',
				tags: ['Test'],
				products: [ids.product],
				costsYearlyEur: 12.5
			}
		});
		expect(project.status).toBe(201);
		await expectDocumented('/api/v1/projects', 'post', project);

		const solution = await call('/api/v1/solutions', {
			method: 'POST',
			token: tokens.write,
			body: {
				name: `OpenAPI-Produkt ${stamp}`,
				vendorName: 'Beispiel GmbH',
				category: 'dms',
				isOpenSource: true,
				licence: 'EUPL-1.2'
			}
		});
		expect(solution.status).toBe(201);
		await expectDocumented('/api/v1/solutions', 'post', solution);

		const adoption = await call('/api/v1/adoptions', {
			method: 'PUT',
			token: tokens.kehlWrite,
			body: { product: ids.product, stage: 'live', rating: 4, experience: 'Läuft gut.' }
		});
		expect(adoption.status).toBe(201);
		ids.adoption = (
			(await expectDocumented('/api/v1/adoptions', 'put', adoption)) as {
				id: number;
			}
		).id;

		const request = await call('/api/v1/reuse-requests', {
			method: 'POST',
			token: tokens.write,
			body: { project: ids.project, message: 'Das wollen wir auch.' }
		});
		expect(request.status).toBe(201);
		ids.reuseRequest = (
			(await expectDocumented('/api/v1/reuse-requests', 'post', request)) as {
				id: number;
			}
		).id;

		const moved = await call(`/api/v1/reuse-requests/${ids.reuseRequest}/transitions`, {
			method: 'POST',
			token: tokens.kehlWrite,
			body: { status: 'in_discussion' }
		});
		expect(moved.status).toBe(200);
		expect(
			await expectDocumented('/api/v1/reuse-requests/{id}/transitions', 'post', moved)
		).toMatchObject({ status: 'in_discussion', direction: 'incoming' });
	});

	it('every documented GET, with the demo and test data', async () => {
		const tokenList = await call('/api/v1/tokens', { token: tokens.read });
		ids.token = ((await tokenList.json()) as { items: { id: number }[] }).items[0]!.id;
		const discussions = await call('/api/v1/discussions', { token: tokens.read });
		const discussionId = ((await discussions.json()) as { items: { id: number }[] }).items[0]!.id;
		const idFor: Record<string, number> = {
			'/api/v1/projects/{id}': ids.project,
			'/api/v1/solutions/{id}': ids.product,
			'/api/v1/adoptions/{id}': ids.adoption,
			'/api/v1/reuse-requests/{id}': ids.reuseRequest,
			'/api/v1/discussions/{id}': discussionId,
			'/api/v1/ideas/{id}': ids.idea
		};
		// Endpoints that need a parameter to answer 200.
		const requiredQuery: Record<string, string> = {
			'/api/v1/search': '?q=E-Akte',
			'/api/v1/similar': '?title=Online-Terminvergabe'
		};
		const checked: string[] = [];
		for (const [template, item] of Object.entries(document.paths)) {
			if (!item.get) continue;
			const token = template === '/api/v1/audit-events' ? tokens.coordinator : tokens.read;
			let pathname = template.replace('{ags}', KEHL);
			if (pathname.includes('{id}')) pathname = pathname.replace('{id}', String(idFor[template]));
			const response = await call(`${pathname}${requiredQuery[template] ?? ''}`, { token });
			expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
			if (template === '/api/v1/openapi.json') {
				await response.arrayBuffer();
			} else {
				await expectDocumented(template, 'get', response);
			}
			checked.push(template);
		}
		expect(checked.length).toBeGreaterThanOrEqual(12);
		// Lists with content: the checks above ran on real items, not on empty pages.
		for (const list of ['projects', 'solutions', 'adoptions', 'reuse-requests', 'discussions']) {
			const page = (await (await call(`/api/v1/${list}`, { token: tokens.read })).json()) as {
				items: unknown[];
			};
			expect(page.items.length, list).toBeGreaterThan(0);
		}
		// And a visitor's view of the public lists, which hides contact people.
		for (const template of ['/api/v1/projects', '/api/v1/solutions', `/api/v1/adoptions`]) {
			await expectDocumented(template, 'get', await call(template));
		}
		await expectDocumented(
			'/api/v1/solutions/{id}',
			'get',
			await call(`/api/v1/solutions/${ids.product}`)
		);
	});

	it('errors: validation, not found, unauthenticated and read-only answers', async () => {
		const invalid = await call('/api/v1/projects?status=fertig');
		expect(invalid.status).toBe(400);
		expect(await expectDocumented('/api/v1/projects', 'get', invalid)).toMatchObject({
			error: { code: 'INVALID', fields: { status: 'invalid' } }
		});
		const missing = await call('/api/v1/projects/999999999');
		expect(missing.status).toBe(404);
		await expectDocumented('/api/v1/projects/{id}', 'get', missing);
		const visitor = await call('/api/v1/reuse-requests');
		expect(visitor.status).toBe(401);
		await expectDocumented('/api/v1/reuse-requests', 'get', visitor);
		const readOnly = await call('/api/v1/solutions', {
			method: 'POST',
			token: tokens.read,
			body: { name: 'x', category: 'dms' }
		});
		expect(readOnly.status).toBe(403);
		await expectDocumented('/api/v1/solutions', 'post', readOnly);
		const badBody = await call('/api/v1/adoptions', {
			method: 'PUT',
			token: tokens.write,
			body: { product: ids.product, stage: 'forever', rating: 9 }
		});
		expect(badBody.status).toBe(400);
		expect(await expectDocumented('/api/v1/adoptions', 'put', badBody)).toMatchObject({
			error: { code: 'INVALID', fields: { stage: 'stage_invalid', rating: 'rating_invalid' } }
		});
	});
});
