/**
 * Browser helpers for the end-to-end tests: one Chromium per test file, a fresh context and page
 * per test, axe on every page, and a guard that fails a test on CSP violations, script errors,
 * requests to any host but the app's own, and pages visited without an accessibility check.
 */
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type Response
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { testServer } from './test-server';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export function baseUrl(): string {
	return testServer().baseUrl;
}

/** What went wrong on one page; checked after every test. */
interface PageWatch {
	problems: string[];
	/** URL of the document shown now, and whether axe has looked at it. */
	current: string | null;
	checked: boolean;
	unchecked: string[];
}

const watches = new WeakMap<Page, PageWatch>();
/** Contexts opened with JavaScript switched off: axe cannot run inside their pages. */
const scriptless = new WeakSet<BrowserContext>();

function withoutHash(url: string): string {
	const parsed = new URL(url);
	parsed.hash = '';
	return parsed.href;
}

/**
 * Starts watching a page: console messages about the Content Security Policy, uncaught errors,
 * requests to other origins, and every document the page shows (each must get an axe run).
 */
export function watchPage(page: Page, origin = new URL(baseUrl()).origin): PageWatch {
	const watch: PageWatch = { problems: [], current: null, checked: false, unchecked: [] };
	watches.set(page, watch);

	page.on('console', (message) => {
		const text = message.text();
		if (text.includes('Content Security Policy') || text.includes('Refused to')) {
			watch.problems.push(`CSP (${message.type()}): ${text}`);
		}
	});
	page.on('pageerror', (error) => {
		watch.problems.push(`Skriptfehler / page error: ${error.message}`);
	});
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return; // data:, blob:
		if (url.origin !== origin) {
			watch.problems.push(`Anfrage an fremden Host / third-party request: ${request.url()}`);
		}
	});
	page.on('framenavigated', (frame) => {
		if (frame !== page.mainFrame()) return;
		const url = withoutHash(frame.url());
		if (url === 'about:blank' || url === watch.current) return;
		if (watch.current !== null && !watch.checked) watch.unchecked.push(watch.current);
		watch.current = url;
		watch.checked = false;
	});
	return watch;
}

/** Fails when the page had CSP violations, script errors, third-party requests or unchecked pages. */
export function expectCleanPage(page: Page): void {
	const watch = watches.get(page);
	if (!watch) return;
	const unchecked = [...watch.unchecked];
	if (watch.current !== null && !watch.checked) unchecked.push(watch.current);
	const problems = [
		...watch.problems,
		...unchecked.map((url) => `Seite ohne axe-Prüfung / page visited without axe: ${url}`)
	];
	expect(problems, problems.join('\n')).toEqual([]);
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails on any serious or
 * critical violation, listing rule ids and the elements concerned.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const key = await documentKey(page);
	if (!checkedDocuments.has(key)) {
		const results = scriptless.has(page.context())
			? await analyzeSnapshot(page)
			: await axe(page).analyze();
		const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact));
		const report = blocking
			.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.help}\n` +
					v.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n')
			)
			.join('\n');
		expect(blocking.length, `axe-Verstöße auf ${page.url()}:\n${report}`).toBe(0);
		checkedDocuments.add(key);
	}
	const watch = watches.get(page);
	if (watch && watch.current === withoutHash(page.url())) watch.checked = true;
}

/** Only violations are collected: gathering the passing checks too takes a third longer. */
function axe(page: Page): AxeBuilder {
	return new AxeBuilder({ page }).options({
		runOnly: { type: 'tag', values: AXE_TAGS },
		resultTypes: ['violations']
	});
}

/**
 * Documents that already passed axe in this test file. Many tests open the same page in the same
 * state (the unfiltered register, say); the markup, the focused element and the viewport decide
 * what axe sees, so an identical document is not analysed twice. This keeps the run short.
 */
const checkedDocuments = new Set<string>();

async function documentKey(page: Page): Promise<string> {
	const markup = withoutScripts(await page.content()).replace(/\snonce="[^"]*"/g, '');
	const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300) ?? '');
	const viewport = page.viewportSize();
	return createHash('sha256')
		.update(`${viewport?.width}x${viewport?.height}\n${focused}\n${markup}`)
		.digest('hex');
}

function withoutScripts(html: string): string {
	return html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
}

/**
 * With JavaScript off, timers never fire in the page, so axe (which needs them) would hang there.
 * Check the very same document instead: its markup, minus the scripts a browser without
 * JavaScript ignores anyway, served under its own address to a scripted page of the same size.
 */
async function analyzeSnapshot(page: Page) {
	const browser = page.context().browser();
	if (!browser) throw new Error('Kein Browser für die axe-Prüfung');
	const url = page.url();
	const html = withoutScripts(await page.content());
	const context = await browser.newContext({ viewport: page.viewportSize() });
	try {
		const copy = await context.newPage();
		await copy.route(
			(address) => address.href === url,
			(route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
		);
		await copy.goto(url);
		return await axe(copy).analyze();
	} finally {
		await context.close();
	}
}

/** Opens a path of the app, checks it with axe and returns the response. */
export async function visit(page: Page, path: string): Promise<Response> {
	const response = await page.goto(new URL(path, baseUrl()).href);
	if (!response) throw new Error(`Keine Antwort für ${path}`);
	await expectNoAxeViolations(page);
	return response;
}

export interface BrowserSession {
	readonly browser: Browser;
	readonly context: BrowserContext;
	readonly page: Page;
	/** Another context in the same test (e.g. without JavaScript); closed after the test. */
	newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers the hooks of one test file: Chromium starts once, every test gets a fresh context
 * (German locale) and page, and after each test the page guard must be clean.
 */
export function useBrowser(options: BrowserContextOptions = {}): BrowserSession {
	let browser: Browser | undefined;
	let contexts: BrowserContext[] = [];
	let pages: Page[] = [];

	async function open(extra: BrowserContextOptions = {}): Promise<Page> {
		if (!browser) throw new Error('Browser nicht gestartet');
		const context = await browser.newContext({
			locale: 'de-DE',
			baseURL: baseUrl(),
			...options,
			...extra
		});
		context.setDefaultTimeout(10_000);
		if ((extra.javaScriptEnabled ?? options.javaScriptEnabled) === false) scriptless.add(context);
		const page = await context.newPage();
		watchPage(page);
		contexts.push(context);
		pages.push(page);
		return page;
	}

	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: CHROMIUM_ARGS
		});
	});

	afterAll(async () => {
		await browser?.close();
	});

	beforeEach(async () => {
		await open();
	});

	afterEach(async () => {
		const checked = pages;
		const open = contexts;
		pages = [];
		contexts = [];
		try {
			for (const page of checked) expectCleanPage(page);
		} finally {
			await Promise.all(open.map((context) => context.close()));
		}
	});

	return {
		get browser() {
			if (!browser) throw new Error('Browser nicht gestartet');
			return browser;
		},
		get context() {
			const context = contexts[0];
			if (!context) throw new Error('Kein Browser-Kontext: nur innerhalb eines Tests verfügbar');
			return context;
		},
		get page() {
			const page = pages[0];
			if (!page) throw new Error('Keine Seite: nur innerhalb eines Tests verfügbar');
			return page;
		},
		newPage: open
	};
}

/** Text of the page's only first-level heading (fails when there is none or several). */
export async function h1Text(page: Page): Promise<string> {
	const headings = page.getByRole('heading', { level: 1 });
	expect(await headings.count(), `genau eine h1 auf ${page.url()}`).toBe(1);
	return ((await headings.textContent()) ?? '').trim();
}

/** Names in the first column of the register table, in display order. */
export async function rowNames(page: Page): Promise<string[]> {
	const names = await page.getByRole('table').getByRole('rowheader').allTextContents();
	return names.map((name) => name.trim());
}

/** Waits until a path of the app (with query) is shown, after a click or a form submission. */
export async function waitForPath(page: Page, pathAndQuery: string | RegExp): Promise<void> {
	await page.waitForURL((url) => {
		const shown = url.pathname + url.search;
		return typeof pathAndQuery === 'string' ? shown === pathAndQuery : pathAndQuery.test(shown);
	});
}
