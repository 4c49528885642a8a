/**
 * The public project feed, the sitemap and robots.txt against the running server: plain HTTP, no
 * browser. A members-only or draft project never appears, whoever asks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './support/test-server';
import { xml2js, type Element } from 'xml-js';
import { createTestProduct, createTestProject } from './support/catalogue';
import { createTestPerson, type TestPerson } from './support/people';

const KEHL = '08317057';
const LAHR = '08317065';

function parse(xml: string): Element {
	const document = xml2js(xml, { compact: false }) as Element;
	const root = document.elements?.find((element) => element.type === 'element');
	if (!root) throw new Error('no root element');
	return root;
}
const children = (element: Element, name: string): Element[] =>
	(element.elements ?? []).filter((child) => child.name === name);
const textOf = (element: Element | undefined): string =>
	(element?.elements ?? []).map((child) => String(child.text ?? child.cdata ?? '')).join('');

async function get(path: string, cookie?: string) {
	const response = await fetch(testServer().baseUrl + path, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
	return { response, text: await response.text() };
}

describe('feed and sitemap', () => {
	const suffix = Date.now().toString(36);
	let ids: { public: number; network: number; draft: number; product: number };
	let member: TestPerson;

	beforeAll(async () => {
		ids = {
			public: await createTestProject({
				ags: KEHL,
				title: `Feed öffentlich ${suffix}`,
				summary: `Öffentliche Zusammenfassung ${suffix} & mehr`,
				visibility: 'public'
			}),
			network: await createTestProject({
				ags: KEHL,
				title: `Feed intern ${suffix}`,
				visibility: 'network'
			}),
			draft: await createTestProject({
				ags: LAHR,
				title: `Feed Entwurf ${suffix}`,
				visibility: 'draft'
			}),
			product: await createTestProduct(`Feedprodukt ${suffix}`)
		};
		member = await createTestPerson({
			email: `feed-${suffix}@lahr.example`,
			displayName: 'Fee Feed',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
	});

	it('the Atom feed has the public project and nothing for members or drafts', async () => {
		const { response, text } = await get('/projekte/feed.xml');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/atom+xml');
		expect(response.headers.get('cache-control')).toContain('public');
		const root = parse(text);
		expect(root.name).toBe('feed');
		const entries = children(root, 'entry');
		const titles = entries.map((entry) => textOf(children(entry, 'title')[0]));
		expect(titles).toContain(`Feed öffentlich ${suffix}`);
		expect(titles).not.toContain(`Feed intern ${suffix}`);
		expect(titles).not.toContain(`Feed Entwurf ${suffix}`);
		const entry = entries.find(
			(e) => textOf(children(e, 'title')[0]) === `Feed öffentlich ${suffix}`
		);
		if (!entry) throw new Error('entry missing');
		expect(children(entry, 'link')[0]?.attributes?.href).toBe(
			`${testServer().baseUrl}/projekte/${ids.public}`
		);
		expect(textOf(children(entry, 'summary')[0])).toBe(
			`Öffentliche Zusammenfassung ${suffix} & mehr`
		);
		expect(textOf(children(children(entry, 'author')[0] ?? {}, 'name')[0])).toBe('Kehl');

		// A signed-in member gets the same public feed, never the members-only project.
		const signedIn = await get('/projekte/feed.xml', member.cookie);
		expect(signedIn.response.status).toBe(200);
		expect(signedIn.text).not.toContain(`Feed intern ${suffix}`);
		expect(signedIn.text).toContain(`Feed öffentlich ${suffix}`);
	});

	it('the sitemap lists public pages, the public project and the product, nothing else', async () => {
		const { response, text } = await get('/sitemap.xml');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/xml');
		const root = parse(text);
		expect(root.name).toBe('urlset');
		const base = testServer().baseUrl;
		const locs = children(root, 'url').map((url) => textOf(children(url, 'loc')[0]));
		for (const path of ['/', '/kommunen', '/projekte', '/loesungen', '/netzwerk', '/impressum']) {
			expect(locs).toContain(base + path);
		}
		expect(locs).toContain(`${base}/kommunen/${KEHL}`);
		expect(locs).toContain(`${base}/projekte/${ids.public}`);
		expect(locs).toContain(`${base}/loesungen/${ids.product}`);
		expect(locs).not.toContain(`${base}/projekte/${ids.network}`);
		expect(locs).not.toContain(`${base}/projekte/${ids.draft}`);
		expect(locs.some((loc) => /\/(konto|verwaltung|personen)/.test(loc))).toBe(false);
		expect((await get('/sitemap.xml?teil=99')).response.status).toBe(404);
	});

	it('robots.txt points to the sitemap', async () => {
		const { response, text } = await get('/robots.txt');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		expect(text).toContain(`Sitemap: ${testServer().baseUrl}/sitemap.xml`);
	});
});
