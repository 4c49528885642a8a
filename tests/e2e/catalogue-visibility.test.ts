/**
 * One members-only project, one draft and their files, tried on every path that can show a
 * project: the list, the detail page, the attachment, the municipality's page, the product page,
 * the search, the API (list and by id), the exports, the feed and the sitemap. Neither an
 * anonymous visitor nor a token of a person without rights may learn anything of them; a member
 * sees the members-only project. Plain HTTP: what is checked is what the server sends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForPerson } from '../../src/lib/server/auth';
import { systemContext } from '../../src/lib/server/context';
import { createTestAttachment } from './support/attachments';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestPerson, withServerDatabase } from './support/people';
import { testServer } from './support/test-server';

const KEHL = '08317057';
const LAHR = '08317065';

const stamp = Date.now().toString(36);
const secretTitle = `Geheimprojekt Netz ${stamp}`;
const draftTitle = `Entwurfsprojekt ${stamp}`;
const publicTitle = `Offenes Projekt ${stamp}`;
const fileName = `Vertrag-${stamp}.pdf`;

let ids: { secret: number; draft: number; open: number; file: number; product: number };
let readToken = '';
let memberCookie = '';

async function get(path: string, auth: { token?: string; cookie?: string } = {}) {
	const headers: Record<string, string> = { accept: 'text/html,application/json' };
	if (auth.token) headers.authorization = `Bearer ${auth.token}`;
	if (auth.cookie) headers.cookie = auth.cookie;
	const response = await fetch(testServer().baseUrl + path, { headers, redirect: 'manual' });
	return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
	const product = await createTestProduct(`Prüfprodukt ${stamp}`);
	const secret = await createTestProject({ ags: KEHL, title: secretTitle, visibility: 'network' });
	const draft = await createTestProject({ ags: KEHL, title: draftTitle, visibility: 'draft' });
	const open = await createTestProject({ ags: KEHL, title: publicTitle, visibility: 'public' });
	await withServerDatabase(async (db) => {
		for (const projectId of [secret, draft, open]) {
			await db
				.insertInto('project_product')
				.values({ project_id: projectId, product_id: product })
				.execute();
		}
	});
	ids = { secret, draft, open, product, file: await createTestAttachment(secret, fileName) };

	// A person of Lahr: a member of the network, but not of Kehl (the draft stays hidden).
	const lahr = await createTestPerson({
		email: `pruefer-${stamp}@lahr.example`,
		displayName: 'Paula Prüfer',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	memberCookie = lahr.cookie;
	readToken = await withServerDatabase(async (db) => {
		const created = await createApiTokenForPerson(systemContext(db, 'e2e'), {
			email: lahr.email,
			name: 'Sichtbarkeit',
			scope: 'read',
			days: 1
		});
		return created.token;
	});
});

/** Every path that lists or shows projects, as a visitor would call it. */
const LISTING_PATHS = () => [
	'/projekte',
	`/projekte?q=${encodeURIComponent(stamp)}`,
	`/kommunen/${KEHL}`,
	`/loesungen/${ids.product}`,
	`/suche?q=${encodeURIComponent(stamp)}`,
	`/api/v1/search?q=${encodeURIComponent(stamp)}`,
	`/api/v1/similar?title=${encodeURIComponent(`Geheimprojekt ${stamp}`)}`,
	`/api/v1/projects?q=${encodeURIComponent(stamp)}`,
	'/projekte/export?format=json',
	'/projekte/export?format=csv',
	'/projekte/feed.xml',
	'/sitemap.xml'
];

describe('a members-only project and a draft', () => {
	it('never reach an anonymous visitor, on any path', async () => {
		for (const path of LISTING_PATHS()) {
			const { status, body } = await get(path);
			expect(status, path).toBe(200);
			expect(body, path).not.toContain(secretTitle);
			expect(body, path).not.toContain(draftTitle);
			expect(body, path).not.toContain(fileName);
		}
		// The public project of the same municipality does show where projects are listed.
		expect((await get(`/projekte?q=${encodeURIComponent(stamp)}`)).body).toContain(publicTitle);
		expect((await get('/projekte/export?format=json')).body).toContain(publicTitle);
		expect((await get(`/suche?q=${encodeURIComponent(stamp)}`)).body).toContain(publicTitle);
		expect((await get(`/api/v1/search?q=${encodeURIComponent(stamp)}`)).body).toContain(
			publicTitle
		);

		for (const path of [
			`/projekte/${ids.secret}`,
			`/projekte/${ids.draft}`,
			`/projekte/${ids.secret}/anhaenge`,
			`/projekte/${ids.secret}/anhaenge/${ids.file}`
		]) {
			const { status, body } = await get(path);
			expect(status, path).toBe(404);
			expect(body, path).not.toContain(secretTitle);
			expect(body, path).not.toContain('%PDF');
		}
		for (const path of [`/api/v1/projects/${ids.secret}`, `/api/v1/projects/${ids.draft}`]) {
			expect((await get(path)).status, path).toBe(404);
		}
	});

	it('never reach a token of a person without rights; a member sees the members-only one', async () => {
		const list = await get(`/api/v1/projects?q=${encodeURIComponent(stamp)}`, {
			token: readToken
		});
		expect(list.status).toBe(200);
		expect(list.body).toContain(secretTitle);
		expect(list.body).not.toContain(draftTitle);
		expect((await get(`/api/v1/projects/${ids.draft}`, { token: readToken })).status).toBe(404);
		const found = await get(`/api/v1/search?q=${encodeURIComponent(stamp)}`, { token: readToken });
		expect(found.body).toContain(secretTitle);
		expect(found.body).not.toContain(draftTitle);
		expect((await get(`/api/v1/projects/${ids.secret}`, { token: readToken })).status).toBe(200);

		const file = await get(`/projekte/${ids.secret}/anhaenge/${ids.file}`, {
			cookie: memberCookie
		});
		expect(file.status).toBe(200);
		expect(file.body.startsWith('%PDF')).toBe(true);
		const draft = await get(`/projekte/${ids.draft}`, { cookie: memberCookie });
		expect(draft.status).toBe(404);
		const exported = await get('/projekte/export?format=json', { cookie: memberCookie });
		expect(exported.body).toContain(secretTitle);
		expect(exported.body).not.toContain(draftTitle);
	});
});
