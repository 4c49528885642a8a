/**
 * The catalogue API against the running server: a read-write token creates, reads, changes and
 * deletes a project; pages of projects follow one another by cursor without duplicates or gaps,
 * even when a project is added between two pages; a read-only token is refused every write; an
 * anonymous caller never gets a members-only or draft project, in the list or by id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForPerson } from '../../src/lib/server/auth';
import { systemContext } from '../../src/lib/server/context';
import { baseUrl } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';

interface ProjectItem {
	id: number;
	title: string;
	visibility: string;
	tags: string[];
	municipality: { ags: string };
}
interface ProjectPage {
	items: ProjectItem[];
	nextCursor: string | null;
}
interface ErrorBody {
	error: { code: string; message: string; fields?: Record<string, string> };
}

async function tokenFor(person: TestPerson, scope: 'read' | 'read_write'): Promise<string> {
	return withServerDatabase(async (db) => {
		const created = await createApiTokenForPerson(systemContext(db, 'e2e'), {
			email: person.email,
			name: `catalogue ${scope}`,
			scope,
			days: 30
		});
		return created.token;
	});
}

function call(
	path: string,
	init: { method?: string; token?: string; body?: unknown } = {}
): Promise<Response> {
	const headers: Record<string, string> = {};
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	return fetch(new URL(path, baseUrl()), {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
		redirect: 'manual'
	});
}

async function page(path: string, token?: string): Promise<ProjectPage> {
	const response = await call(path, { token });
	expect(response.status).toBe(200);
	return (await response.json()) as ProjectPage;
}

/** Every item of a filtered list, page by page; fails on a repeated id. */
async function allPages(path: string, token?: string, onPage?: () => Promise<void>) {
	const ids: number[] = [];
	let cursor: string | null = null;
	let pages = 0;
	do {
		const separator = path.includes('?') ? '&' : '?';
		const next: ProjectPage = await page(
			cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
			token
		);
		ids.push(...next.items.map((item) => item.id));
		cursor = next.nextCursor;
		pages += 1;
		if (onPage) await onPage();
	} while (cursor && pages < 50);
	expect(new Set(ids).size).toBe(ids.length);
	return { ids, pages };
}

const stamp = Date.now().toString(36);
const tag = `apitest${stamp}`;
let anna: TestPerson;
let bert: TestPerson;
let annaWrite: string;
let annaRead: string;
let bertRead: string;
let hidden: { network: number; draft: number; public: number };

beforeAll(async () => {
	anna = await createTestPerson({
		email: `anna-katalog-${stamp}@lahr.example`,
		displayName: 'Anna Katalog',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	bert = await createTestPerson({
		email: `bert-katalog-${stamp}@kehl.example`,
		displayName: 'Bert Katalog',
		memberships: [{ ags: KEHL, role: 'member' }]
	});
	annaWrite = await tokenFor(anna, 'read_write');
	annaRead = await tokenFor(anna, 'read');
	bertRead = await tokenFor(bert, 'read');
	hidden = {
		public: await createTestProject({
			ags: LAHR,
			title: `Sichtbar ${stamp}`,
			visibility: 'public'
		}),
		network: await createTestProject({
			ags: LAHR,
			title: `Nur Netzwerk ${stamp}`,
			visibility: 'network'
		}),
		draft: await createTestProject({ ags: LAHR, title: `Entwurf ${stamp}`, visibility: 'draft' })
	};
});

describe('a read-write token', () => {
	it('creates a project, reads it, changes it and deletes it', async () => {
		const created = await call('/api/v1/projects', {
			method: 'POST',
			token: annaWrite,
			body: {
				title: `E-Akte per API ${stamp}`,
				summary: 'Über die Schnittstelle angelegt.',
				municipality: LAHR,
				status: 'umsetzung',
				visibility: 'public',
				tags: ['E-Akte', tag],
				costsOnceEur: 1234.5,
				links: [{ label: 'Hersteller', url: 'https://example.org/e-akte' }]
			}
		});
		expect(created.status).toBe(201);
		const project = (await created.json()) as ProjectItem & {
			costsOnceEur: number | null;
			statusHistory: { status: string }[];
		};
		expect(created.headers.get('location')).toBe(`/api/v1/projects/${project.id}`);
		expect(project).toMatchObject({
			title: `E-Akte per API ${stamp}`,
			municipality: { ags: LAHR, name: 'Lahr/Schwarzwald' },
			status: 'umsetzung',
			costsOnceEur: 1234.5,
			links: [{ label: 'Hersteller', url: 'https://example.org/e-akte' }]
		});
		expect(project.tags).toEqual(expect.arrayContaining(['E-Akte', tag]));
		expect(project.statusHistory.map((change) => change.status)).toEqual(['umsetzung']);

		const read = await call(`/api/v1/projects/${project.id}`);
		expect(read.status).toBe(200);
		expect(await read.json()).toEqual(project);

		const changed = await call(`/api/v1/projects/${project.id}`, {
			method: 'PATCH',
			token: annaWrite,
			body: { status: 'betrieb', costsYearlyEur: 99 }
		});
		expect(changed.status).toBe(200);
		expect(await changed.json()).toMatchObject({
			id: project.id,
			title: `E-Akte per API ${stamp}`,
			status: 'betrieb',
			costsOnceEur: 1234.5,
			costsYearlyEur: 99
		});

		const deleted = await call(`/api/v1/projects/${project.id}`, {
			method: 'DELETE',
			token: annaWrite
		});
		expect(deleted.status).toBe(204);
		expect((await call(`/api/v1/projects/${project.id}`, { token: annaRead })).status).toBe(404);
	});

	it('is told which fields are wrong, and nothing is created', async () => {
		const response = await call('/api/v1/projects', {
			method: 'POST',
			token: annaWrite,
			body: { title: '', municipality: '99999999', status: 'fertig', visibility: 'public', x: 1 }
		});
		expect(response.status).toBe(400);
		const body = (await response.json()) as ErrorBody;
		expect(body.error.code).toBe('INVALID');
		expect(body.error.fields).toMatchObject({
			title: 'title_required',
			status: 'status_invalid',
			x: 'unknown_field'
		});
	});

	it('may not add a project for another municipality', async () => {
		const response = await call('/api/v1/projects', {
			method: 'POST',
			token: annaWrite,
			body: { title: `Fremd ${stamp}`, municipality: KEHL, status: 'idee', visibility: 'public' }
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as ErrorBody).error.fields).toEqual({
			municipality: 'municipality_not_yours'
		});
	});
});

describe('cursor pagination', () => {
	it('walks through every project of a filter once, even when one is added meanwhile', async () => {
		const made: number[] = [];
		for (let index = 0; index < 7; index += 1) {
			const response = await call('/api/v1/projects', {
				method: 'POST',
				token: annaWrite,
				body: {
					title: `Seite ${index} ${stamp}`,
					municipality: LAHR,
					status: 'idee',
					visibility: 'public',
					tags: [`${tag}-seiten`]
				}
			});
			expect(response.status).toBe(201);
			made.push(((await response.json()) as ProjectItem).id);
		}
		let added = false;
		const { ids, pages } = await allPages(
			`/api/v1/projects?tag=${tag}-seiten&limit=3`,
			undefined,
			async () => {
				if (added) return;
				added = true;
				// A project added after the first page is newer than everything paged: it must not
				// shift the later pages (an offset would repeat one item).
				const response = await call('/api/v1/projects', {
					method: 'POST',
					token: annaWrite,
					body: {
						title: `Dazwischen ${stamp}`,
						municipality: LAHR,
						status: 'idee',
						visibility: 'public',
						tags: [`${tag}-seiten`]
					}
				});
				expect(response.status).toBe(201);
			}
		);
		expect(pages).toBe(3);
		// Newest change first: the reverse order of creation.
		expect(ids).toEqual([...made].reverse());
	});

	it('refuses an edited cursor and a malformed filter with INVALID', async () => {
		const first = await page(`/api/v1/projects?limit=1`);
		expect(first.nextCursor).not.toBeNull();
		const edited = `x${first.nextCursor!.slice(1)}`;
		const response = await call(`/api/v1/projects?cursor=${encodeURIComponent(edited)}`);
		expect(response.status).toBe(400);
		expect(((await response.json()) as ErrorBody).error).toMatchObject({
			code: 'INVALID',
			fields: { cursor: 'invalid' }
		});
		const wrong = await call('/api/v1/projects?status=fertig&limit=1000&colour=blue');
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as ErrorBody).error.fields).toEqual({
			status: 'invalid',
			limit: 'invalid',
			colour: 'unknown_parameter'
		});
	});
});

describe('a read-only token', () => {
	it('is refused every write with 403 FORBIDDEN', async () => {
		const attempts: [string, string, unknown][] = [
			[
				'POST',
				'/api/v1/projects',
				{ title: 'Nein', municipality: LAHR, status: 'idee', visibility: 'public' }
			],
			['PATCH', `/api/v1/projects/${hidden.public}`, { title: 'Nein' }],
			['DELETE', `/api/v1/projects/${hidden.public}`, undefined],
			['POST', '/api/v1/solutions', { name: 'Nein', category: 'dms' }],
			['PUT', '/api/v1/adoptions', { product: 1, stage: 'live' }]
		];
		for (const [method, path, body] of attempts) {
			const response = await call(path, { method, token: annaRead, body });
			expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
			expect(((await response.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
		}
		expect(await page(`/api/v1/projects/${hidden.public}`, annaRead)).toMatchObject({
			title: `Sichtbar ${stamp}`
		});
	});
});

describe('visibility', () => {
	it('never shows an anonymous caller a members-only or draft project', async () => {
		const { ids } = await allPages(`/api/v1/projects?q=${stamp}&limit=2`);
		expect(ids).toContain(hidden.public);
		expect(ids).not.toContain(hidden.network);
		expect(ids).not.toContain(hidden.draft);
		const whole = await page('/api/v1/projects?limit=100');
		expect(whole.items.every((item) => item.visibility === 'public')).toBe(true);
		for (const id of [hidden.network, hidden.draft]) {
			const response = await call(`/api/v1/projects/${id}`);
			expect(response.status).toBe(404);
			expect(((await response.json()) as ErrorBody).error.code).toBe('NOT_FOUND');
		}
	});

	it('shows members network projects, and drafts only to their own municipality', async () => {
		const own = await allPages(`/api/v1/projects?q=${stamp}`, annaRead);
		expect(own.ids).toEqual(expect.arrayContaining([hidden.network, hidden.draft]));
		const other = await allPages(`/api/v1/projects?q=${stamp}`, bertRead);
		expect(other.ids).toContain(hidden.network);
		expect(other.ids).not.toContain(hidden.draft);
		expect((await call(`/api/v1/projects/${hidden.draft}`, { token: bertRead })).status).toBe(404);
	});
});
