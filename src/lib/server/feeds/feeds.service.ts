/**
 * The public Atom feed of the project catalogue and the sitemap. Both show public content only,
 * whoever asks: a feed reader or a search engine has no session, and one answer for everyone
 * lets caches keep it.
 */
import { Feed } from 'feed';
import type { Ctx } from '../context';
import {
	countPublicProjects,
	findMunicipalityStamps,
	findNetworkName,
	findProductStamps,
	findPublicProjectStamps,
	findRecentPublicProjects
} from './feeds.repository';

/** Entries of the project feed. */
export const FEED_SIZE = 50;
/** URLs in one sitemap file (the sitemap protocol's limit). */
export const SITEMAP_MAX_URLS = 50_000;

/** Public pages that are always there, in the order they appear in the sitemap. */
export const SITEMAP_PAGES: readonly string[] = [
	'/',
	'/kommunen',
	'/projekte',
	'/loesungen',
	'/netzwerk',
	'/impressum',
	'/datenschutz',
	'/barrierefreiheit',
	'/datenquellen'
];

const toDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

/** The Atom feed of the most recently changed public projects. */
export async function projectFeed(ctx: Ctx, origin: string): Promise<string> {
	const [network, projects] = await Promise.all([
		findNetworkName(ctx.db),
		findRecentPublicProjects(ctx.db, FEED_SIZE)
	]);
	const first = projects[0];
	const feed = new Feed({
		id: `${origin}/projekte`,
		link: `${origin}/projekte`,
		title: network?.name ? `Projekte – ${network.name}` : 'Projekte',
		description: 'Zuletzt geänderte öffentliche Projekte des Netzwerks',
		language: 'de',
		updated: first ? toDate(first.updated_at) : toDate(network?.updated_at ?? ctx.now()),
		generator: 'Drehscheibe',
		feedLinks: { atom: `${origin}/projekte/feed.xml` }
	});
	for (const project of projects) {
		const link = `${origin}/projekte/${project.id}`;
		feed.addItem({
			id: link,
			link,
			title: project.title,
			description: project.summary || project.title,
			date: toDate(project.updated_at),
			published: toDate(project.created_at),
			author: [
				{ name: project.municipality_name, link: `${origin}/kommunen/${project.municipality_ags}` }
			]
		});
	}
	return feed.atom1();
}

function escapeXml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

interface SitemapUrl {
	path: string;
	lastmod?: string | Date;
}

function urlset(origin: string, urls: readonly SitemapUrl[]): string {
	const lines = urls.map((url) => {
		const lastmod = url.lastmod ? `<lastmod>${toDate(url.lastmod).toISOString()}</lastmod>` : '';
		return `<url><loc>${escapeXml(origin + url.path)}</loc>${lastmod}</url>`;
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
		...lines,
		'</urlset>',
		''
	].join('\n');
}

/**
 * The sitemap: the public pages, every municipality's fact sheet, every product and every public
 * project. When that is more than one file may hold (`maxUrls`), `/sitemap.xml` is an index of parts
 * (`?teil=1`: pages, municipalities and products; `?teil=2…`: the projects, 50,000 each).
 * Returns undefined for a part that does not exist.
 */
export async function sitemap(
	ctx: Ctx,
	origin: string,
	part: number | undefined,
	maxUrls: number = SITEMAP_MAX_URLS
): Promise<string | undefined> {
	const [municipalities, products, projectCount] = await Promise.all([
		findMunicipalityStamps(ctx.db),
		findProductStamps(ctx.db),
		countPublicProjects(ctx.db)
	]);
	const pages: SitemapUrl[] = [
		...SITEMAP_PAGES.map((path) => ({ path })),
		...municipalities.map((m) => ({ path: `/kommunen/${m.ags}`, lastmod: m.updated_at })),
		...products.map((p) => ({ path: `/loesungen/${p.id}`, lastmod: p.updated_at }))
	];
	const single = pages.length + projectCount <= maxUrls;
	if (single) {
		if (part !== undefined && part !== 1) return undefined;
		const projects = await findPublicProjectStamps(ctx.db, 0, maxUrls);
		return urlset(origin, [
			...pages,
			...projects.map((p) => ({ path: `/projekte/${p.id}`, lastmod: p.updated_at }))
		]);
	}
	const projectParts = Math.ceil(projectCount / maxUrls);
	if (part === undefined) {
		const parts = Array.from(
			{ length: 1 + projectParts },
			(_, i) => `<sitemap><loc>${escapeXml(`${origin}/sitemap.xml?teil=${i + 1}`)}</loc></sitemap>`
		);
		return [
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
			...parts,
			'</sitemapindex>',
			''
		].join('\n');
	}
	if (part === 1) return urlset(origin, pages.slice(0, maxUrls));
	if (part < 2 || part > projectParts + 1) return undefined;
	const projects = await findPublicProjectStamps(ctx.db, (part - 2) * maxUrls, maxUrls);
	return urlset(
		origin,
		projects.map((p) => ({ path: `/projekte/${p.id}`, lastmod: p.updated_at }))
	);
}

/** Areas for signed-in people and forms: nothing there for a search engine. */
const NOT_FOR_CRAWLERS = ['/api/', '/konto', '/verwaltung', '/anmelden', '/personen'];

/** robots.txt: the public pages may be crawled; the sitemap says what is there. */
export function robotsTxt(origin: string): string {
	return [
		'User-agent: *',
		'Allow: /',
		...NOT_FOR_CRAWLERS.map((path) => `Disallow: ${path}`),
		'',
		`Sitemap: ${origin}/sitemap.xml`,
		''
	].join('\n');
}
