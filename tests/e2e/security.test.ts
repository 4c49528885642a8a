import { describe, expect, it } from 'vitest';
import { baseUrl, useBrowser, visit } from './support/browser';

function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((tokens) => tokens[0])
			.map(([name, ...values]) => [name!, values])
	);
}

describe('security headers', () => {
	const session = useBrowser();

	it('a page comes with a strict CSP and the usual protective headers', async () => {
		const { page } = session;
		const response = await visit(page, '/');
		const headers = await response.allHeaders();
		const csp = headers['content-security-policy'] ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		const policy = directives(csp);
		expect(policy.get('default-src')).toEqual(["'self'"]);
		expect(policy.get('object-src')).toEqual(["'none'"]);
		const scriptSrc = policy.get('script-src') ?? [];
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc.some((value) => /^'(nonce|sha256)-/.test(value))).toBe(true);
		expect(scriptSrc).not.toContain("'unsafe-inline'");
		expect(scriptSrc).not.toContain("'unsafe-eval'");
		expect(policy.get('style-src') ?? []).not.toContain("'unsafe-inline'");

		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBeTruthy();
		expect(headers['x-frame-options']).toBe('DENY');
	});

	it('the 404 page carries the protective headers too', async () => {
		const { page } = session;
		const response = await visit(page, '/kommunen/08317999');
		expect(response.status()).toBe(404);
		const headers = await response.allHeaders();
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBeTruthy();
	});

	it('the language switch redirects only to paths of this site and rejects cross-site forms', async () => {
		const { context } = session;
		const post = (redirectTo: string, origin = baseUrl()) =>
			context.request.post(`${baseUrl()}/sprache`, {
				form: { locale: 'en', redirectTo },
				headers: { origin },
				maxRedirects: 0
			});

		const local = await post('/kommunen?membership=member');
		expect(local.status()).toBe(303);
		expect(local.headers()['location']).toBe('/kommunen?membership=member');

		for (const target of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
			const response = await post(target);
			expect(response.status(), target).toBe(303);
			expect(response.headers()['location'], target).toBe('/');
		}

		const crossSite = await post('/', 'https://evil.example');
		expect(crossSite.status()).toBe(403);
	});
});
