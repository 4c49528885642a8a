import { describe, expect, it } from 'vitest';
import { germanSize, refuseOversizedRequest, requestBodyLimit } from './upload-limit';

const MAX = 20 * 1024 * 1024;
const LIMIT = requestBodyLimit(MAX);

function post(path: string, contentLength: string | null): [Request, URL] {
	const url = new URL(`http://localhost${path}`);
	const headers = new Headers();
	if (contentLength !== null) headers.set('content-length', contentLength);
	return [new Request(url, { method: 'POST', headers }), url];
}

describe('refuseOversizedRequest', () => {
	it('lets through what fits, and requests without a length', () => {
		expect(
			refuseOversizedRequest(...post('/projekte/1/anhaenge', String(LIMIT)), LIMIT, MAX)
		).toBeNull();
		expect(refuseOversizedRequest(...post('/projekte/1/anhaenge', null), LIMIT, MAX)).toBeNull();
	});

	it('answers 413 in German to a 200 MB form post', async () => {
		const response = refuseOversizedRequest(
			...post('/projekte/1/anhaenge', String(200 * 1024 * 1024)),
			LIMIT,
			MAX
		);
		expect(response?.status).toBe(413);
		expect(response?.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await response!.text();
		expect(html).toContain('<html lang="de">');
		expect(html).toContain('Dateien dürfen höchstens 20 MB groß sein');
		expect(html).toContain('href="/projekte/1/anhaenge"');
	});

	it('answers the API in its error format', async () => {
		const response = refuseOversizedRequest(
			...post('/api/v1/projects', String(LIMIT + 1)),
			LIMIT,
			MAX
		);
		expect(response?.status).toBe(413);
		expect(await response!.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
	});
});

describe('germanSize', () => {
	it('writes the limit as people read it', () => {
		expect(germanSize(MAX)).toBe('20 MB');
		expect(germanSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
		expect(germanSize(512 * 1024)).toBe('512 KB');
	});
});
