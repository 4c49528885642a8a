/**
 * The idea pool in the browser, without JavaScript (plain forms): a member of a small
 * municipality posts an idea and sees a similar catalogue project first; three member
 * municipalities say "Wir wären dabei"; the coordination accepts the idea and turns it into a
 * joint project, which then shows its origin and gets a milestone. A second test shows every
 * payload of the XSS corpus in every text field of ideas and joint projects, with JavaScript on,
 * and checks that none ran. The rules are covered by src/lib/server/ideas/ideas.db.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../support/xss-payloads';
import { expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestIdea } from './support/ideas';
import { createTestPerson, signInAs, withServerDatabase } from './support/people';

const DURBACH = '08317021';
const KEHL = '08317057';
const LAHR = '08317065';
const OFFENBURG = '08317096';

async function submit(page: Page, button: string): Promise<void> {
	await page.getByRole('button', { name: button, exact: true }).click();
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page);
}

describe('idea pool', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('takes an idea from a small municipality to a joint project with milestones', async () => {
		const stamp = Date.now().toString(36);
		const poster = await createTestPerson({
			email: `lotse-${stamp}@durbach.example`,
			displayName: 'Dana Durbach',
			memberships: [{ ags: DURBACH, role: 'member' }]
		});
		const supporters = await Promise.all(
			[
				[KEHL, 'Karl Kehl'],
				[LAHR, 'Lina Lahr'],
				[OFFENBURG, 'Olaf Offenburg']
			].map(([ags, name], i) =>
				createTestPerson({
					email: `unterstuetzung-${i}-${stamp}@ortenau.example`,
					displayName: name!,
					memberships: [{ ags: ags!, role: 'member' }]
				})
			)
		);
		const coordinator = await createTestPerson({
			email: `koordination-${stamp}@ortenau.example`,
			displayName: 'Kim Koordination',
			isCoordinator: true
		});
		const existing = `Digitaler Bauantrag ${stamp}`;
		await createTestProject({ ags: KEHL, title: existing, visibility: 'network' });

		// Durbach's member drafts an idea and asks what exists already.
		const { page } = session;
		await signInAs(page, poster);
		await visit(page, '/ideen');
		expect(await h1Text(page)).toBe('Ideenpool');
		await page.getByRole('link', { name: 'Idee einreichen' }).click();
		await page.waitForURL(/\/ideen\/neu$/);
		await expectNoAxeViolations(page);
		const title = `Gemeinsamer digitaler Bauantrag ${stamp}`;
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Problem').fill('Bauanträge kommen auf Papier.');
		await page.getByLabel('Lösungsvorschlag').fill('Ein gemeinsamer **digitaler** Bauantrag.');
		await submit(page, 'Ähnliches suchen');
		const similar = page.getByRole('region', { name: 'Das gibt es schon' });
		expect(await similar.getByRole('link', { name: existing }).count()).toBe(1);
		// The benefit is missing: refused next to the field, nothing saved.
		await submit(page, 'Idee einreichen');
		expect(await page.getByText('Bitte beschreiben Sie den erwarteten Nutzen.').count()).toBe(1);
		await page.getByLabel('Erwarteter Nutzen').fill('Weniger Laufwege für Bauherren.');
		await page.getByRole('button', { name: 'Idee einreichen', exact: true }).click();
		await page.waitForURL(/\/ideen\/\d+\?gespeichert=1$/);
		await expectNoAxeViolations(page);
		expect(await h1Text(page)).toBe(title);
		expect(await page.getByRole('status').textContent()).toContain('Ihre Idee ist eingereicht.');
		expect(await page.locator('.markdown strong').first().textContent()).toBe('digitaler');
		const ideaPath = new URL(page.url()).pathname;

		// Three member municipalities would join.
		for (const [i, supporter] of supporters.entries()) {
			const other = await session.newPage({ javaScriptEnabled: false });
			await signInAs(other, supporter);
			await visit(other, ideaPath);
			await other.getByLabel('Kommentar (freiwillig)').fill(`Wir sind dabei (${i + 1}).`);
			await other.getByLabel('Wer würde mitarbeiten? (freiwillig)').fill(`Bauamt ${i + 1}`);
			await submit(other, 'Wir wären dabei');
			expect(await other.getByRole('status').textContent()).toContain(
				'Ihre Unterstützung ist gespeichert.'
			);
			// A second click changes the support; it does not count twice.
			await submit(other, 'Angaben ändern');
		}
		await visit(page, ideaPath);
		const supportList = page
			.getByRole('region', { name: 'Wir wären dabei' })
			.locator('ul.supporters > li');
		expect(await supportList.count()).toBe(3);
		await visit(page, '/ideen?sortierung=support');
		expect(await page.getByRole('listitem').filter({ hasText: title }).textContent()).toContain(
			'3 Kommunen wären dabei'
		);

		// The coordination accepts it and turns it into a joint project.
		const boss = await session.newPage({ javaScriptEnabled: false });
		await signInAs(boss, coordinator);
		await visit(boss, ideaPath);
		await boss.getByLabel('Neuer Stand').selectOption({ label: 'Angenommen' });
		await submit(boss, 'Stand ändern');
		expect(await boss.getByRole('status').textContent()).toContain('Der Stand ist geändert.');
		await boss.getByLabel('Federführende Kommune').selectOption({ label: 'Durbach' });
		for (const name of [
			'Kehl (wäre dabei)',
			'Lahr/Schwarzwald (wäre dabei)',
			'Offenburg (wäre dabei)'
		]) {
			await boss.getByRole('checkbox', { name }).check();
		}
		await boss.getByRole('button', { name: 'Gemeinsames Projekt anlegen' }).click();
		await boss.waitForURL(/\/projekte\/\d+$/);
		await expectNoAxeViolations(boss);
		expect(await h1Text(boss)).toBe(title);
		const projectPath = new URL(boss.url()).pathname;
		const box = boss.getByRole('region', { name: 'Gemeinsames Projekt' });
		expect(await box.textContent()).toContain('Hervorgegangen aus der Idee');
		expect(await box.textContent()).toContain('Kehl, Lahr/Schwarzwald, Offenburg');
		expect(await box.getByText('Karl Kehl – Bauamt 1').count()).toBe(1);

		// The idea now says it was implemented and links to the project.
		await visit(page, ideaPath);
		expect(await page.getByRole('link', { name: title }).getAttribute('href')).toBe(projectPath);
		expect(await page.getByText('Umgesetzt').count()).toBeGreaterThan(0);

		// Durbach, the lead, adds milestones.
		await visit(page, projectPath);
		await page
			.getByRole('link', { name: 'Meilensteine, Berichte und Mitglieder bearbeiten' })
			.click();
		await page.waitForURL(/\/gemeinsam$/);
		await expectNoAxeViolations(page);
		await page.getByLabel('Titel des Meilensteins').fill('Ausschreibung veröffentlicht');
		await page.getByLabel('Fällig am').fill('2027-03-31');
		await submit(page, 'Meilenstein speichern');
		// A milestone without a title is refused next to the field.
		await page.locator('#dueOn').fill('2027-09-30');
		await submit(page, 'Meilenstein speichern');
		expect(await page.getByText('Bitte geben Sie einen Titel an.').count()).toBe(1);
		await page.locator('#new-milestone-title').fill('Pilotbetrieb');
		await submit(page, 'Meilenstein speichern');
		await page.getByLabel('Bericht', { exact: true }).fill('Die Ausschreibung ist **raus**.');
		await submit(page, 'Bericht veröffentlichen');
		await visit(page, projectPath);
		const milestones = page
			.getByRole('region', { name: 'Gemeinsames Projekt' })
			.locator('ol.milestones > li');
		expect(await milestones.allTextContents()).toEqual([
			expect.stringContaining('Ausschreibung veröffentlicht'),
			expect.stringContaining('Pilotbetrieb')
		]);
		expect(await page.locator('.joint .markdown strong').textContent()).toBe('raus');

		// It is in the catalogue and the search like any project.
		await visit(page, `/suche?q=${encodeURIComponent('digitaler Bauantrag ' + stamp)}`);
		expect(await page.getByRole('link', { name: title }).count()).toBeGreaterThan(0);
	}, 240_000);
});

describe('idea pool with JavaScript', () => {
	const session = useBrowser({ javaScriptEnabled: true });

	it('shows similar ideas while an idea is typed', async () => {
		const stamp = Date.now().toString(36);
		const person = await createTestPerson({
			email: `tippen-${stamp}@kehl.example`,
			displayName: 'Tina Tippt',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const existing = `Friedhofsverwaltung digital ${stamp}`;
		await createTestIdea({ ags: LAHR, title: existing });
		const { page } = session;
		await signInAs(page, person);
		await visit(page, '/ideen/neu');
		await page.getByLabel('Titel').fill('Friedhofsverwaltung für alle');
		const found = page.getByRole('region', { name: 'Ähnliche Ideen im Pool' });
		await found.getByRole('link', { name: existing }).waitFor();
		await expectNoAxeViolations(page);
	});

	it('renders the XSS corpus harmless in every text field of ideas and joint projects', async () => {
		const stamp = Date.now().toString(36);
		const person = await createTestPerson({
			email: `xss-${stamp}@lahr.example`,
			displayName: 'Xaver Test',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const projectId = await createTestProject({
			ags: LAHR,
			title: `XSS-Projekt ${stamp}`,
			visibility: 'network'
		});
		// One idea per payload (titles show in the list); one idea holds them all in its texts.
		const ideaIds: number[] = [];
		for (const payload of XSS_PAYLOADS) {
			ideaIds.push(
				await createTestIdea({ ags: LAHR, title: payload, authorPersonId: person.personId })
			);
		}
		const all = XSS_PAYLOADS.join('\n\n');
		const target = await createTestIdea({
			ags: LAHR,
			title: `XSS-Idee ${stamp}`,
			text: all,
			authorPersonId: person.personId
		});
		await withServerDatabase(async (db) => {
			const now = new Date().toISOString();
			const members = await db
				.selectFrom('municipality')
				.select('id')
				.where('membership_status', '=', 'member')
				.orderBy('id')
				.execute();
			for (const [i, municipality] of members.entries()) {
				await db
					.insertInto('idea_support')
					.values({
						idea_id: target,
						municipality_id: municipality.id,
						person_id: person.personId,
						comment: XSS_PAYLOADS[i % XSS_PAYLOADS.length]!,
						contributors: XSS_PAYLOADS[(i + 11) % XSS_PAYLOADS.length]!,
						updated_at: now
					})
					.execute();
			}
			for (const [i, payload] of XSS_PAYLOADS.entries()) {
				await db
					.insertInto('idea_state_change')
					.values({
						idea_id: target,
						status: i % 2 === 0 ? 'in_review' : 'rejected',
						person_id: person.personId,
						reason: payload,
						created_at: now
					})
					.execute();
				await db
					.insertInto('project_milestone')
					.values({ project_id: projectId, title: payload, position: i, updated_at: now })
					.execute();
				await db
					.insertInto('project_update')
					.values({
						project_id: projectId,
						author_person_id: person.personId,
						body_md: payload,
						created_at: now
					})
					.execute();
			}
			await db
				.insertInto('project_member')
				.values({ project_id: projectId, person_id: person.personId, role: all.slice(0, 100) })
				.execute();
			await db
				.updateTable('idea')
				.set({ project_id: projectId })
				.where('id', '=', target)
				.execute();
		});

		const { page } = session;
		let dialogs = 0;
		page.on('dialog', (dialog) => {
			dialogs++;
			void dialog.dismiss();
		});
		await signInAs(page, person);
		// The list, the idea with everything, the titles that try to break out of <title> or a
		// textarea, the project page and the joint project's edit page.
		const breakouts = XSS_PAYLOADS.flatMap((payload, i) =>
			payload.startsWith('</') || payload.startsWith('"') ? [`/ideen/${ideaIds[i]}`] : []
		);
		const paths = [
			'/ideen',
			`/ideen/${target}`,
			...breakouts,
			`/projekte/${projectId}`,
			`/projekte/${projectId}/gemeinsam`
		];
		for (const path of paths) {
			await visit(page, path);
			expect(
				await page.evaluate(() => (window as { __xss?: unknown }).__xss),
				path
			).toBeUndefined();
			// No element or handler from a payload became live markup.
			const live = await page.evaluate(
				() =>
					document.querySelectorAll(
						'main script, main iframe, main object, main embed, main img, main svg, main details, main math, main base, main meta, main style, main form[action^="javascript"], main [onerror], main [onload], main [onfocus], main [ontoggle], main a[href^="javascript"], main a[href^="data"]'
					).length
			);
			expect(live, path).toBe(0);
		}
		expect(dialogs).toBe(0);
	}, 180_000);
});
