/**
 * Attachments in the browser: an editor uploads a PDF through the form (without JavaScript) and
 * downloads it with safe headers; an HTML file named .pdf is refused with a German message and
 * nothing is stored; a 200 MB upload is refused with 413 before its body is read; a visitor
 * never gets a members-only project's file. The rules behind these are tested in
 * src/lib/server/attachments (unit and database tests).
 */
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, minimalPdf } from '../../src/lib/server/attachments/attachment.test-support';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { attachmentRowCount, createTestAttachment, storedFileCount } from './support/attachments';
import { createTestProject } from './support/catalogue';
import { createTestPerson, signInAs, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
const FILE_NAME = 'Leistungsbeschreibung Grünflächen.pdf';

let editor: TestPerson;
let ownProject: number;
let membersOnlyProject: number;
let membersOnlyFile: number;

beforeAll(async () => {
	const suffix = Date.now().toString(36);
	editor = await createTestPerson({
		email: `anhaenge-${suffix}@lahr.example`,
		displayName: 'Ella Editorin',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	ownProject = await createTestProject({
		ags: LAHR,
		title: `Grünflächenkataster ${suffix}`,
		visibility: 'network'
	});
	membersOnlyProject = await createTestProject({
		ags: KEHL,
		title: `Internes Projekt mit Anhang ${suffix}`,
		visibility: 'network'
	});
	membersOnlyFile = await createTestAttachment(membersOnlyProject, 'Vertrag intern.pdf');
});

describe('attachments', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	async function signIn(): Promise<void> {
		await signInAs(session.page, editor);
	}

	it('lets an editor upload a PDF through the form and download it with safe headers', async () => {
		const { page } = session;
		await signIn();
		await visit(page, `/projekte/${ownProject}/anhaenge`);
		expect(await h1Text(page)).toContain('Anhänge: Grünflächenkataster');
		expect(await page.locator('#file-hint').textContent()).toContain('höchstens 20 MB');

		await page.getByLabel('Datei', { exact: true }).setInputFiles({
			name: FILE_NAME,
			mimeType: 'application/pdf',
			buffer: Buffer.from(minimalPdf())
		});
		await page.getByLabel('Titel (freiwillig)').fill('Leistungsbeschreibung');
		await page.getByRole('button', { name: 'Hochladen' }).click();
		await page.getByText('Die Datei „Leistungsbeschreibung“ wurde hinzugefügt.').waitFor();
		await expectNoAxeViolations(page);

		const link = page.getByRole('link', { name: 'Leistungsbeschreibung' });
		const href = await link.getAttribute('href');
		expect(href).toMatch(new RegExp(`^/projekte/${ownProject}/anhaenge/\\d+$`));
		const response = await fetch(new URL(href!, baseUrl()), {
			headers: { cookie: editor.cookie }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="Leistungsbeschreibung Gruenflaechen.pdf"; filename*=UTF-8''Leistungsbeschreibung%20Gr%C3%BCnfl%C3%A4chen.pdf`
		);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(minimalPdf());
	});

	it('refuses an HTML file named .pdf with a German message and stores nothing', async () => {
		const { page } = session;
		await signIn();
		await visit(page, `/projekte/${ownProject}/anhaenge`);
		const files = storedFileCount();
		const rows = await attachmentRowCount();

		await page.getByLabel('Datei', { exact: true }).setInputFiles({
			name: 'bericht.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(htmlPage())
		});
		const [answer] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Hochladen' }).click()
		]);
		expect(answer.status()).toBe(415);
		const field = page.getByLabel('Datei', { exact: true });
		await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#file-error').textContent()).toContain(
			'Diese Dateiart ist nicht erlaubt.'
		);
		await expectNoAxeViolations(page);
		expect(storedFileCount()).toBe(files);
		expect(await attachmentRowCount()).toBe(rows);
	});
});

describe('requests that must not get through', () => {
	it('answers a 200 MB upload with 413 before reading it, and stores nothing', async () => {
		const files = storedFileCount();
		const rows = await attachmentRowCount();
		const url = new URL(`/projekte/${ownProject}/anhaenge?/upload`, baseUrl());
		const size = 200 * 1024 * 1024;
		const { status, body, sent } = await new Promise<{
			status: number;
			body: string;
			sent: number;
		}>((resolve, reject) => {
			let sent = 0;
			let answered = false;
			const request = httpRequest(url, {
				method: 'POST',
				headers: {
					'content-type': 'multipart/form-data; boundary=grenze',
					'content-length': String(size),
					origin: url.origin,
					cookie: editor.cookie
				}
			});
			request.on('response', (response) => {
				answered = true;
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => {
					// Stop sending: the server has answered and discards the rest.
					request.destroy();
					resolve({ status: response.statusCode ?? 0, body: text, sent });
				});
			});
			request.on('error', (error) => {
				if (!answered) reject(error);
			});
			// Stream the body in small pieces, as a browser would, until the server answers.
			const chunk = Buffer.alloc(64 * 1024, 0x61);
			const pump = () => {
				if (answered || request.destroyed || sent >= size) return;
				sent += chunk.length;
				if (request.write(chunk)) setImmediate(pump);
				else request.once('drain', pump);
			};
			request.write(
				'--grenze\r\nContent-Disposition: form-data; name="file"; filename="gross.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n'
			);
			pump();
		});
		expect(status).toBe(413);
		expect(body).toContain('Dateien dürfen höchstens 20 MB groß sein');
		// The server answered long before the 200 MB were through.
		expect(sent).toBeLessThan(size);
		expect(storedFileCount()).toBe(files);
		expect(await attachmentRowCount()).toBe(rows);
	});

	it('gives a visitor 404 for a members-only project’s file', async () => {
		const path = `/projekte/${membersOnlyProject}/anhaenge/${membersOnlyFile}`;
		const anonymous = await fetch(new URL(path, baseUrl()));
		expect(anonymous.status).toBe(404);
		expect(anonymous.headers.get('content-disposition')).toBeNull();
		expect(await anonymous.text()).not.toContain('%PDF');
		const member = await fetch(new URL(path, baseUrl()), { headers: { cookie: editor.cookie } });
		expect(member.status).toBe(200);
		await member.arrayBuffer();
	});
});
