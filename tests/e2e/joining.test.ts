/**
 * Joining the network through the browser: the coordination invites Gengenbach's first admin,
 * who creates an account from the link, sets up two-factor sign-in and invites a Digitallotsin,
 * who joins as a member (a hidden `role` field she adds changes nothing); the used link is dead;
 * a municipality applies through "Mitglied werden" and the coordination accepts. Plus the
 * borders: visitors are sent to sign in, members are kept out, and an admin of Lahr cannot reach
 * Kehl's people by changing the address or the ids in a form.
 *
 * The server has no SMTP: mails wait in its outbox, read here from the server's SQLite file.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/lib/server/auth/totp';
import type { MembershipStatus } from '../../src/lib/server/db/schema';
import { baseUrl, expectNoAxeViolations, useBrowser, visit, waitForPath } from './support/browser';
import { createTestPerson, signInAs, withServerDatabase, type TestPerson } from './support/people';

const ADMIN = { email: 'gerda.hauptamt@gengenbach.example', name: 'Gerda Hauptamt' };
const LOTSIN = { email: 'lena.lotsin@gengenbach.example', name: 'Lena Lotsin' };
const APPLICANT = { email: 'buergermeister@kippenheim.example', name: 'Karl Kippenheim' };
const ADMIN_PASSWORD = 'Kinzigtal-Fachwerk-Brunnen-3';
const LOTSIN_PASSWORD = 'Wanderweg-Moos-Kirschblüte';

/** Long journeys with axe on every page: a loaded machine needs more than the default minute. */
const JOURNEY_TIMEOUT = 360_000;

let coordinator: TestPerson;

/**
 * The register as it was before: the other browser tests share this server and count the demo
 * network's members, so the municipalities that join here leave again afterwards.
 */
let registerBefore: {
	id: number;
	membership_status: MembershipStatus;
	member_since: string | null;
	applied_on: string | null;
}[] = [];
let lastActivityBefore = 0;

afterAll(async () => {
	await withServerDatabase(async (db) => {
		for (const row of registerBefore) {
			await db
				.updateTable('municipality')
				.set({
					membership_status: row.membership_status,
					member_since: row.member_since,
					applied_on: row.applied_on
				})
				.where('id', '=', row.id)
				.execute();
		}
		await db.deleteFrom('activity').where('id', '>', lastActivityBefore).execute();
	});
});

beforeAll(async () => {
	await withServerDatabase(async (db) => {
		registerBefore = await db
			.selectFrom('municipality')
			.select(['id', 'membership_status', 'member_since', 'applied_on'])
			.execute();
		const last = await db
			.selectFrom('activity')
			.select((eb) => eb.fn.max('id').as('id'))
			.executeTakeFirst();
		lastActivityBefore = Number(last?.id ?? 0);
	});
	coordinator = await createTestPerson({
		email: 'paula.koordination@joining.example',
		displayName: 'Paula Koordination',
		isCoordinator: true
	});
});

/** Clicks a button in the main area and waits for the POST; returns its HTTP status. */
async function submit(page: Page, button: string, exact = true): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('main').getByRole('button', { name: button, exact }).click()
	]);
	await page.waitForLoadState('load');
	return response.status();
}

async function invitationTokenFor(email: string): Promise<string> {
	const mail = await withServerDatabase((db) =>
		db
			.selectFrom('mail_outbox')
			.select(['text_body'])
			.where('to_address', '=', email)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow()
	);
	const match = /\/einladung\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
	if (!match?.[1]) throw new Error(`Kein Einladungslink in der Mail an ${email}`);
	expect(mail.text_body).toContain(`${baseUrl()}/einladung/${match[1]}`);
	return match[1];
}

async function membershipsOf(email: string) {
	return withServerDatabase((db) =>
		db
			.selectFrom('person as p')
			.innerJoin('person_municipality as pm', 'pm.person_id', 'p.id')
			.innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
			.select(['m.ags', 'pm.role', 'p.is_coordinator'])
			.where('p.email', '=', email)
			.execute()
	);
}

async function statusOf(ags: string) {
	return withServerDatabase((db) =>
		db
			.selectFrom('municipality')
			.select(['membership_status'])
			.where('ags', '=', ags)
			.executeTakeFirstOrThrow()
	);
}

/** Fills the new-account form of an invitation and submits it. */
async function createAccount(page: Page, name: string, password: string): Promise<number> {
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await page.getByLabel('Passwort wiederholen').fill(password);
	return submit(page, 'Konto anlegen und Einladung annehmen');
}

describe('joining the network', () => {
	const session = useBrowser();

	it(
		"invites Gengenbach's first admin, who sets up her account and invites a Digitallotsin",
		async () => {
			const { page } = session;
			await signInAs(page, coordinator);
			await visit(page, '/verwaltung');
			expect(await page.getByRole('link', { name: 'Protokoll' }).count()).toBe(1);
			await page.getByRole('link', { name: 'Einladungen' }).click();
			await waitForPath(page, '/verwaltung/einladungen');
			await expectNoAxeViolations(page);

			await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
			await page.getByLabel('Name (freiwillig)').fill(ADMIN.name);
			await page.getByLabel('Kommune').selectOption('08317034');
			expect(await submit(page, 'Einladung senden')).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').textContent()).toContain(
				`Die Einladung an ${ADMIN.email} ist verschickt.`
			);
			expect(await page.getByRole('rowheader').filter({ hasText: ADMIN.email }).count()).toBe(1);
			// Not a member before the invitation is taken up.
			expect((await statusOf('08317034')).membership_status).toBe('none');

			// The invited admin, in a browser of her own.
			const token = await invitationTokenFor(ADMIN.email);
			const admin = await session.newPage();
			await visit(admin, `/einladung/${token}`);
			expect(await admin.getByText('Paula Koordination lädt Sie').count()).toBe(1);
			expect(await admin.getByLabel('Name', { exact: true }).inputValue()).toBe(ADMIN.name);
			expect(await admin.getByLabel('Passwort', { exact: true }).getAttribute('autocomplete')).toBe(
				'new-password'
			);
			// A mismatch keeps the name, drops the passwords, and creates nobody.
			await admin.getByLabel('Passwort', { exact: true }).fill(ADMIN_PASSWORD);
			await admin.getByLabel('Passwort wiederholen').fill('etwas-ganz-anderes-1');
			expect(await submit(admin, 'Konto anlegen und Einladung annehmen')).toBe(400);
			await expectNoAxeViolations(admin);
			expect(await admin.getByText('Die beiden Passwörter stimmen nicht überein.').count()).toBe(1);
			expect(await admin.getByLabel('Passwort', { exact: true }).inputValue()).toBe('');
			expect(await membershipsOf(ADMIN.email)).toEqual([]);

			expect(await createAccount(admin, ADMIN.name, ADMIN_PASSWORD)).toBe(303);
			// An admin must set up two-factor sign-in before anything else.
			await waitForPath(admin, '/konto/sicherheit/zwei-faktor');
			await expectNoAxeViolations(admin);
			expect(await admin.getByRole('banner').getByText(ADMIN.name).count()).toBe(1);
			const secret = ((await admin.getByTestId('totp-secret').textContent()) ?? '').replace(
				/\s/g,
				''
			);
			await admin.getByLabel('Code', { exact: true }).fill(totpCodeAt(secret, new Date()));
			expect(await submit(admin, 'Einrichtung abschließen')).toBe(200);
			await expectNoAxeViolations(admin);
			expect(await membershipsOf(ADMIN.email)).toEqual([
				{ ags: '08317034', role: 'admin', is_coordinator: false }
			]);
			expect((await statusOf('08317034')).membership_status).toBe('member');

			await visit(admin, '/verwaltung');
			await admin.getByRole('link', { name: 'Gengenbach' }).click();
			await waitForPath(admin, '/verwaltung/kommunen/08317034');
			await expectNoAxeViolations(admin);
			expect(await admin.getByRole('rowheader').filter({ hasText: ADMIN.name }).count()).toBe(1);
			// The only admin cannot make herself a member.
			await admin.getByLabel(`Rolle von ${ADMIN.name}`, { exact: true }).selectOption('member');
			expect(await submit(admin, `Rolle von ${ADMIN.name} speichern`)).toBe(409);
			await expectNoAxeViolations(admin);
			expect(await admin.getByRole('alert').textContent()).toContain(
				'Die letzte Administration der Kommune kann nicht entfernt'
			);

			await admin.getByLabel('E-Mail-Adresse').fill(LOTSIN.email);
			await admin.getByLabel('Name (freiwillig)').fill(LOTSIN.name);
			await admin.getByLabel(/^Mitglied:/).check();
			expect(await submit(admin, 'Einladung senden')).toBe(200);
			await expectNoAxeViolations(admin);
			expect(await admin.getByRole('status').textContent()).toContain(LOTSIN.email);

			// The Digitallotsin accepts; a `role=admin` field slipped into the form changes nothing.
			const lotsinToken = await invitationTokenFor(LOTSIN.email);
			const lotsin = await session.newPage();
			await visit(lotsin, `/einladung/${lotsinToken}`);
			await lotsin.getByLabel('Funktion (freiwillig)').fill('Digitallotsin');
			await lotsin.evaluate(() => {
				const form = document.querySelector('form[action="?/create"]');
				for (const [name, value] of [
					['role', 'admin'],
					['is_coordinator', 'on'],
					['email', 'jemand.anders@kehl.example']
				]) {
					const input = document.createElement('input');
					input.type = 'hidden';
					input.name = name ?? '';
					input.value = value ?? '';
					form?.append(input);
				}
			});
			expect(await createAccount(lotsin, LOTSIN.name, LOTSIN_PASSWORD)).toBe(303);
			await waitForPath(lotsin, '/konto');
			await expectNoAxeViolations(lotsin);
			expect(await lotsin.getByRole('banner').getByText(LOTSIN.name).count()).toBe(1);
			expect(await membershipsOf(LOTSIN.email)).toEqual([
				{ ags: '08317034', role: 'member', is_coordinator: false }
			]);
			// A member has no administration.
			const refused = await lotsin.goto(new URL('/verwaltung', baseUrl()).href);
			expect(refused?.status()).toBe(403);
			await expectNoAxeViolations(lotsin);

			// The link was single-use: opened again, it says so calmly.
			const again = await session.newPage();
			const gone = await visit(again, `/einladung/${lotsinToken}`);
			expect(gone.status()).toBe(410);
			expect(await again.getByRole('heading', { level: 1 }).textContent()).toBe(
				'Diese Einladung gilt nicht mehr'
			);

			await visit(admin, '/verwaltung/kommunen/08317034');
			expect(await admin.getByRole('rowheader').filter({ hasText: LOTSIN.name }).count()).toBe(1);
		},
		JOURNEY_TIMEOUT
	);

	it(
		'accepts a municipality that applied through "Mitglied werden"',
		async () => {
			const { page } = session;
			await visit(page, '/');
			await page.getByRole('contentinfo').getByRole('link', { name: 'Mitglied werden' }).click();
			await waitForPath(page, '/mitglied-werden');
			await expectNoAxeViolations(page);
			// Members are not offered.
			expect(await page.locator('option[value="08317057"]').count()).toBe(0);

			await page.getByLabel('Kommune').selectOption('08317059');
			await page.getByLabel('Ihr Name').fill(APPLICANT.name);
			await page.getByLabel('E-Mail-Adresse').fill('kein-at-zeichen');
			await page.getByLabel('E-Mail-Adresse').evaluate((input) => input.removeAttribute('type'));
			expect(await submit(page, 'Antrag stellen')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('Ihr Name').inputValue()).toBe(APPLICANT.name);
			expect(await page.getByRole('alert').count()).toBe(1);

			await page.getByLabel('E-Mail-Adresse').fill(APPLICANT.email);
			await page
				.getByLabel('Nachricht an die Netzwerkkoordination (freiwillig)')
				.fill('Wir möchten mitmachen.');
			expect(await submit(page, 'Antrag stellen')).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').textContent()).toContain('Kippenheim');
			expect((await statusOf('08317059')).membership_status).toBe('applied');

			const coord = await session.newPage();
			await signInAs(coord, coordinator);
			await visit(coord, '/verwaltung/antraege');
			const application = coord.getByRole('region', { name: 'Kippenheim' });
			expect(await application.getByText('Wir möchten mitmachen.').count()).toBe(1);
			expect(await submit(coord, 'Annehmen und einladen')).toBe(200);
			await expectNoAxeViolations(coord);
			expect(await coord.getByRole('status').textContent()).toContain('Der Antrag ist angenommen');
			expect((await statusOf('08317059')).membership_status).toBe('member');
			await invitationTokenFor(APPLICANT.email);
		},
		JOURNEY_TIMEOUT
	);
});

describe('the borders of the administration', () => {
	const session = useBrowser();

	it(
		'sends visitors to sign in and keeps an admin of Lahr out of Kehl',
		async () => {
			const { page } = session;
			await page.goto(new URL('/verwaltung/einladungen', baseUrl()).href);
			await waitForPath(page, '/anmelden?weiter=%2Fverwaltung%2Feinladungen');
			await expectNoAxeViolations(page);

			const lahrAdmin = await createTestPerson({
				email: 'anton.admin@lahr.example',
				displayName: 'Anton Admin',
				memberships: [{ ags: '08317065', role: 'admin' }]
			});
			const kehlMember = await createTestPerson({
				email: 'klara.kehl@kehl.example',
				displayName: 'Klara Kehl',
				memberships: [{ ags: '08317057', role: 'member' }]
			});
			await signInAs(page, lahrAdmin);
			const kehl = await visit(page, '/verwaltung/kommunen/08317057');
			expect(kehl.status()).toBe(404);
			const coordinatorOnly = await visit(page, '/verwaltung/antraege');
			expect(coordinatorOnly.status()).toBe(403);

			const post = (path: string, form: Record<string, string>) =>
				page.request.post(new URL(path, baseUrl()).href, {
					form,
					headers: { origin: new URL(baseUrl()).origin },
					maxRedirects: 0
				});
			// Kehl's person through Lahr's page, and Kehl's page directly: both refused.
			expect(
				(
					await post('/verwaltung/kommunen/08317065?/remove', {
						personId: String(kehlMember.personId)
					})
				).status()
			).toBe(404);
			expect(
				(
					await post('/verwaltung/kommunen/08317057?/role', {
						personId: String(kehlMember.personId),
						role: 'admin'
					})
				).status()
			).toBe(404);
			// An invitation into Kehl through Lahr's form: the municipality comes from the address.
			await post('/verwaltung/kommunen/08317065?/invite', {
				email: 'eindringling@kehl.example',
				role: 'admin',
				ags: '08317057'
			});
			const planted = await withServerDatabase((db) =>
				db
					.selectFrom('invitation as i')
					.innerJoin('invitation_municipality as im', 'im.invitation_id', 'i.id')
					.innerJoin('municipality as m', 'm.id', 'im.municipality_id')
					.select('m.ags')
					.where('i.email', '=', 'eindringling@kehl.example')
					.execute()
			);
			expect(planted).toEqual([{ ags: '08317065' }]);
			expect(await membershipsOf(kehlMember.email)).toEqual([
				{ ags: '08317057', role: 'member', is_coordinator: false }
			]);
		},
		JOURNEY_TIMEOUT
	);
});
