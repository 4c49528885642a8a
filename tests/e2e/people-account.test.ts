/**
 * A member's own account and the people directory, as a person uses them: signing in, filling
 * in the profile and opting in to the directory, finding themself and a colleague with a filter
 * (the colleague's hidden phone number stays hidden), downloading the data export, and deleting
 * the account, after which they are signed out and cannot sign in again.
 *
 * The people are written straight into the server's SQLite file (like support/people.ts does);
 * the member signs in through the real form, because deleting needs the password.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth';
import { germanSortKey } from '../../src/lib/server/text/sort-key';
import { baseUrl, expectNoAxeViolations, useBrowser, visit, waitForPath } from './support/browser';
import { withServerDatabase } from './support/people';

const KEHL = '08317057';
const PASSWORD = 'Kinzig-Bruecke-Abend-83';
const MEMBER = { email: 'greta.beispiel@kehl.example', name: 'Greta Beispiel' };
const COLLEAGUE = {
	email: 'hanna.kollegin@kehl.example',
	name: 'Hanna Kollegin',
	phone: '07851 99-1234'
};
/** A tag nobody in the demo data has, so the filter finds exactly these two. */
const TAG = 'Testfeld Drehscheibe';

let memberId = 0;

beforeAll(async () => {
	const passwordHash = await hashPassword(PASSWORD);
	await withServerDatabase(async (db) => {
		const kehl = await db
			.selectFrom('municipality')
			.select('id')
			.where('ags', '=', KEHL)
			.executeTakeFirstOrThrow();
		const nowIso = new Date().toISOString();
		const member = await db
			.insertInto('person')
			.values({
				email: MEMBER.email,
				email_verified_at: nowIso,
				display_name: MEMBER.name,
				password_hash: passwordHash,
				is_coordinator: false,
				updated_at: nowIso
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		memberId = member.id;
		const colleague = await db
			.insertInto('person')
			.values({
				email: COLLEAGUE.email,
				email_verified_at: nowIso,
				display_name: COLLEAGUE.name,
				name_sort: germanSortKey(COLLEAGUE.name),
				job_title: 'Digitallotsin',
				phone: COLLEAGUE.phone,
				phone_visibility: 'hidden',
				email_visibility: 'network',
				is_listed: true,
				is_coordinator: false,
				updated_at: nowIso
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('person_municipality')
			.values([
				{ person_id: member.id, municipality_id: kehl.id, role: 'member' },
				{ person_id: colleague.id, municipality_id: kehl.id, role: 'member' }
			])
			.execute();
		await db
			.insertInto('person_expertise')
			.values({ person_id: colleague.id, tag: TAG, tag_sort: germanSortKey(TAG) })
			.execute();
	});
});

/** Submits the form around `button` and waits for the answer to the POST; returns its status. */
async function submit(page: Page, button: string): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('main').getByRole('button', { name: button }).click()
	]);
	await page.waitForLoadState('load');
	return response.status();
}

describe('own account and people directory', () => {
	const session = useBrowser();

	// A long journey across eight pages, each checked with axe.
	it(
		'a person edits the profile, finds colleagues, exports and deletes their account',
		{
			timeout: 180_000
		},
		async () => {
			const { page } = session;

			// The account area is for signed-in people: it sends visitors to the sign-in page.
			await visit(page, '/konto');
			await waitForPath(page, '/anmelden?weiter=%2Fkonto');
			await page.getByLabel('E-Mail-Adresse').fill(MEMBER.email);
			await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
			expect(await submit(page, 'Anmelden')).toBe(303);
			await waitForPath(page, '/konto');
			await expectNoAxeViolations(page);
			const accountNav = page.getByRole('navigation', { name: 'Kontobereich' });
			expect(await accountNav.getByRole('link', { name: 'Meine Daten' }).count()).toBe(1);
			// Privacy by default: not listed until the person opts in.
			expect(await page.getByLabel('Im Personenverzeichnis zeigen').isChecked()).toBe(false);

			// A bad phone number: the problem shows next to the field, the typed values stay.
			await page.getByLabel(/^Funktion/).fill('Digitalisierungsbeauftragte');
			await page.getByLabel('Telefon').fill('ruf mich an');
			expect(await submit(page, 'Profil speichern')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('alert').textContent()).toContain('Bitte prüfen Sie');
			expect(await page.locator('#phone-error').textContent()).toContain('Telefonnummer');
			expect(await page.getByLabel(/^Funktion/).inputValue()).toBe('Digitalisierungsbeauftragte');

			await page.getByLabel('Telefon').fill('07851 88-4321');
			await page.getByLabel('Fachgebiete').fill(`${TAG}, E-Akte`);
			await page.getByLabel('Ansprechbar für').fill('Bauen & Wohnen');
			await page
				.getByRole('group', { name: 'Wer sieht Ihre Telefonnummer?' })
				.getByLabel('Niemand')
				.check();
			await page.getByLabel('Im Personenverzeichnis zeigen').check();
			expect(await submit(page, 'Profil speichern')).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').first().textContent()).toContain('gespeichert');

			// The directory, filtered by the shared expertise: the person and the colleague.
			await page.getByRole('banner').getByRole('link', { name: 'Personen' }).click();
			await waitForPath(page, '/personen');
			await expectNoAxeViolations(page);
			await page.getByLabel('Fachgebiet').selectOption({ label: TAG });
			await page.getByRole('button', { name: 'Filtern' }).click();
			// A GET form: the URL holds the filter, so the result can be bookmarked and shared.
			await waitForPath(page, /^\/personen\?(.*&)?expertise=Testfeld\+Drehscheibe(&|$)/);
			await expectNoAxeViolations(page);
			const list = page.getByRole('list', { name: 'Gefundene Personen' });
			const names = (await list.getByRole('heading', { level: 2 }).allTextContents()).map((n) =>
				n.trim()
			);
			expect(names).toEqual([MEMBER.name, COLLEAGUE.name]);
			expect(await page.getByRole('status').textContent()).toContain('2 Personen');

			// The colleague's address is shared with the network, the phone number with nobody.
			const colleagueCard = list.getByRole('article', { name: COLLEAGUE.name });
			expect(await colleagueCard.textContent()).toContain(COLLEAGUE.email);
			expect(await colleagueCard.textContent()).not.toContain(COLLEAGUE.phone);
			await colleagueCard.getByRole('link', { name: COLLEAGUE.name }).click();
			await waitForPath(page, /^\/personen\/\d+$/);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('main').textContent()).not.toContain(COLLEAGUE.phone);

			// The data export: a JSON download with the profile and without any secret.
			await visit(page, '/konto/daten');
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: 'Meine Daten herunterladen (JSON)' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/^drehscheibe-konto-\d{4}-\d{2}-\d{2}\.json$/);
			const file = await download.path();
			const text = await readFile(file, 'utf8');
			const exported = JSON.parse(text) as {
				profile: Record<string, unknown>;
				memberships: unknown[];
				auditEvents: { action: string }[];
			};
			expect(exported.profile).toMatchObject({
				id: memberId,
				email: MEMBER.email,
				displayName: MEMBER.name,
				jobTitle: 'Digitalisierungsbeauftragte',
				phone: '07851 88-4321',
				phoneVisibility: 'hidden',
				isListedInDirectory: true
			});
			expect(exported.memberships).toEqual([{ ags: KEHL, municipality: 'Kehl', role: 'member' }]);
			expect(exported.auditEvents.map((e) => e.action)).toContain('account.exported');
			expect(text).not.toMatch(/password_?hash|argon2/i);
			const direct = await page.request.get(new URL('/konto/daten/export', baseUrl()).href);
			expect(direct.headers()['content-type']).toContain('application/json');
			// The session hook makes it `private, no-store` for every signed-in response.
			expect(direct.headers()['cache-control']).toContain('no-store');
			expect(direct.headers()['content-disposition']).toMatch(/^attachment; filename="/);

			// Deleting needs the password and the confirmation.
			await page.getByLabel('Aktuelles Passwort').fill('Falsches-Passwort-1');
			await page.getByLabel('Ja, ich möchte mein Konto endgültig löschen.').check();
			expect(await submit(page, 'Konto endgültig löschen')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.locator('#password-error').textContent()).toContain(
				'Das Passwort ist nicht richtig'
			);
			await page.getByLabel('Aktuelles Passwort').fill(PASSWORD);
			expect(await submit(page, 'Konto endgültig löschen')).toBe(303);
			await waitForPath(page, '/konto-geloescht');
			await expectNoAxeViolations(page);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
				'Konto gelöscht'
			);
			const banner = page.getByRole('banner');
			expect(await banner.getByRole('link', { name: 'Anmelden' }).count()).toBe(1);
			const cookies = await page.context().cookies(baseUrl());
			expect(cookies.find((c) => c.name === 'sitzung')).toBeUndefined();

			// Signed out for good: the account area asks for sign-in, and the password opens nothing.
			await visit(page, '/konto');
			await waitForPath(page, '/anmelden?weiter=%2Fkonto');
			await expectNoAxeViolations(page);
			await page.getByLabel('E-Mail-Adresse').fill(MEMBER.email);
			await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
			expect(await submit(page, 'Anmelden')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('alert').textContent()).toContain(
				'E-Mail-Adresse oder Passwort ist nicht richtig'
			);

			// What stays is an empty row under "Ehemaliges Mitglied", for authored content.
			const row = await withServerDatabase((db) =>
				db
					.selectFrom('person')
					.select(['display_name', 'email', 'password_hash', 'deleted_at'])
					.where('id', '=', memberId)
					.executeTakeFirstOrThrow()
			);
			expect(row).toMatchObject({
				display_name: 'Ehemaliges Mitglied',
				email: `geloescht-${memberId}@invalid`,
				password_hash: null
			});
			expect(row.deleted_at).not.toBeNull();
		}
	);

	it('keeps the directory from visitors', async () => {
		const { page } = session;
		await visit(page, '/personen?expertise=E-Akte');
		await waitForPath(page, '/anmelden?weiter=%2Fpersonen%3Fexpertise%3DE-Akte');
		await expectNoAxeViolations(page);
		const response = await page.request.get(new URL('/konto/daten/export', baseUrl()).href, {
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
	});
});
