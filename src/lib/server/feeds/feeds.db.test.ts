/** The project feed and the sitemap show public content only, on both databases. */
import { beforeAll, describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { useTestDatabase } from '../../../../tests/support/database';
import { loadSeedData } from '../app';
import { findAppRoot } from '../config';
import { systemContext } from '../context';
import { seedDatabase } from '../seed';
import { FEED_SIZE, projectFeed, robotsTxt, sitemap, SITEMAP_PAGES } from './feeds.service';

const ORIGIN = 'https://netzwerk.example';

/** Parses strictly (throws on malformed XML) and returns the root element. */
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

describe('feed and sitemap', () => {
	const t = useTestDatabase();
	const ids = { public: 0, network: 0, draft: 0, deleted: 0 };

	beforeAll(async () => {
		const outcome = await seedDatabase(
			systemContext(t.db, 'test', t.ctx().now),
			'demo',
			loadSeedData('demo', findAppRoot())
		);
		if (outcome.status !== 'seeded') throw new Error('not seeded');
		const byTitle = async (title: string) =>
			(
				await t.db
					.selectFrom('project')
					.select('id')
					.where('title', '=', title)
					.executeTakeFirstOrThrow()
			).id;
		ids.public = await byTitle('E-Akte auf Basis von enaio');
		ids.network = await byTitle('Digitale Gremienarbeit mit ALLRIS');
		ids.draft = await byTitle('Online-Bürgerbeteiligung');
		ids.deleted = await byTitle('Sicherer Dateiaustausch mit Nextcloud');
		// A deleted public project; updated_at newest, so it would lead the feed if it counted.
		await t.db
			.updateTable('project')
			.set({ deleted_at: '2026-11-25T11:00:00.000Z', updated_at: '2026-11-25T11:00:00.000Z' })
			.where('id', '=', ids.deleted)
			.execute();
	});

	it('the Atom feed lists public projects only, newest change first, with their owner', async () => {
		const root = parse(await projectFeed(t.ctx(), ORIGIN));
		expect(root.name).toBe('feed');
		expect(root.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom');
		const entries = children(root, 'entry');
		const links = entries.map((entry) => children(entry, 'link')[0]?.attributes?.href);
		expect(links).toContain(`${ORIGIN}/projekte/${ids.public}`);
		for (const hidden of [ids.network, ids.draft, ids.deleted]) {
			expect(links).not.toContain(`${ORIGIN}/projekte/${hidden}`);
		}
		const publicCount = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('visibility', '=', 'public')
			.where('deleted_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(entries).toHaveLength(Math.min(FEED_SIZE, Number(publicCount.n)));
		const updated = entries.map((entry) => textOf(children(entry, 'updated')[0]));
		expect([...updated].sort().reverse()).toEqual(updated);

		const lahr = entries.find(
			(entry) => children(entry, 'link')[0]?.attributes?.href === `${ORIGIN}/projekte/${ids.public}`
		);
		if (!lahr) throw new Error('entry missing');
		expect(textOf(children(lahr, 'title')[0])).toBe('E-Akte auf Basis von enaio');
		expect(textOf(children(lahr, 'summary')[0])).toContain('enaio');
		expect(textOf(children(children(lahr, 'author')[0] ?? {}, 'name')[0])).toBe('Lahr/Schwarzwald');
	});

	it('the sitemap names public pages, municipalities, products and public projects only', async () => {
		const xml = await sitemap(t.ctx(), ORIGIN, undefined);
		if (xml === undefined) throw new Error('no sitemap');
		const root = parse(xml);
		expect(root.name).toBe('urlset');
		const locs = children(root, 'url').map((url) => textOf(children(url, 'loc')[0]));
		for (const page of SITEMAP_PAGES) expect(locs).toContain(ORIGIN + page);
		expect(locs).toContain(`${ORIGIN}/kommunen/08317057`);
		expect(locs).toContain(`${ORIGIN}/projekte/${ids.public}`);
		for (const hidden of [ids.network, ids.draft, ids.deleted]) {
			expect(locs).not.toContain(`${ORIGIN}/projekte/${hidden}`);
		}
		const products = await t.db.selectFrom('product').select('id').execute();
		expect(products.length).toBeGreaterThan(0);
		for (const product of products) expect(locs).toContain(`${ORIGIN}/loesungen/${product.id}`);
		expect(new Set(locs).size).toBe(locs.length);
		expect(await sitemap(t.ctx(), ORIGIN, 2)).toBeUndefined();
	});

	it('a sitemap too large for one file becomes an index of parts', async () => {
		const municipalities = await t.db
			.selectFrom('municipality')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const products = await t.db
			.selectFrom('product')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		// Room for the pages, municipalities and products, but not for the projects as well.
		const max = SITEMAP_PAGES.length + Number(municipalities.n) + Number(products.n);
		const index = await sitemap(t.ctx(), ORIGIN, undefined, max);
		if (index === undefined) throw new Error('no index');
		const root = parse(index);
		expect(root.name).toBe('sitemapindex');
		const parts = children(root, 'sitemap').map((s) => textOf(children(s, 'loc')[0]));
		expect(parts[0]).toBe(`${ORIGIN}/sitemap.xml?teil=1`);
		const seen: string[] = [];
		for (const [i] of parts.entries()) {
			const part = await sitemap(t.ctx(), ORIGIN, i + 1, max);
			if (part === undefined) throw new Error(`part ${i + 1} missing`);
			seen.push(...children(parse(part), 'url').map((url) => textOf(children(url, 'loc')[0])));
		}
		expect(seen).toContain(`${ORIGIN}/projekte/${ids.public}`);
		expect(seen).not.toContain(`${ORIGIN}/projekte/${ids.network}`);
		expect(await sitemap(t.ctx(), ORIGIN, parts.length + 1, max)).toBeUndefined();
	});

	it('robots.txt points to the sitemap', () => {
		expect(robotsTxt(ORIGIN)).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
	});
});
