/**
 * Import and export through the browser: the coordination uploads a CSV with one bad row (without
 * JavaScript), sees row, column and problem in a table, nothing is saved; fixes the file and the
 * projects arrive. An anonymous download of the project export holds no members-only project.
 * The rules themselves are covered by the database tests (interchange.db.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestPerson, signInAs, withServerDatabase } from './support/people';

const LAHR = '08317065';

describe('import and export', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('shows the problems of a bad file, imports nothing, then imports the fixed file', async () => {
		const { page } = session;
		const stamp = Date.now();
		const coordinator = await createTestPerson({
			email: `import-${stamp}@netz.example`,
			displayName: 'Ida Import',
			isCoordinator: true
		});
		await signInAs(page, coordinator);

		await visit(page, '/verwaltung/import');
		expect(await h1Text(page)).toBe('Daten importieren');
		await expectNoAxeViolations(page);

		const publicTitle = `Import öffentlich ${stamp}`;
		const networkTitle = `Import Netzwerk ${stamp}`;
		const dir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-import-'));
		const file = path.join(dir, 'projekte.csv');
		const write = (status: string) =>
			writeFileSync(
				file,
				`title;municipality_ags;status;visibility\n${publicTitle};${LAHR};In Betrieb;öffentlich\n${networkTitle};${LAHR};${status};Netzwerk\n`
			);

		write('fertig');
		await page.getByLabel('Datei', { exact: true }).setInputFiles(file);
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Datei hochladen' }).click()
		]);
		const table = page.getByRole('table', { name: 'Probleme in der Datei projekte.csv' });
		const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
		expect(cells[0]).toBe('3');
		expect(cells[1]).toBe('status');
		expect(cells[2]).toContain('„fertig“ ist kein zulässiger Wert');
		await expectNoAxeViolations(page);
		const saved = await withServerDatabase((db) =>
			db.selectFrom('project').select('id').where('title', '=', publicTitle).execute()
		);
		expect(saved).toEqual([]);

		write('Planung');
		await page.getByLabel('Datei', { exact: true }).setInputFiles(file);
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Datei hochladen' }).click()
		]);
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain('Importiert: 2 Projekte aus projekte.csv.');

		const anonymous = await fetch(new URL('/projekte/export?format=csv', baseUrl()));
		expect(anonymous.headers.get('content-disposition')).toMatch(
			/^attachment; filename="drehscheibe-projekte-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		const text = await anonymous.text();
		expect(text).toContain(publicTitle);
		expect(text).not.toContain(networkTitle);

		const member = await fetch(new URL('/projekte/export?format=json', baseUrl()), {
			headers: { cookie: coordinator.cookie }
		});
		expect(member.headers.get('content-type')).toContain('application/json');
		expect(await member.text()).toContain(networkTitle);
	});
});
