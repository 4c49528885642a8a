/**
 * API tokens and the audit log through the browser: a person makes a token on
 * /konto/api-schluessel (shown once, never again), a script uses it against /api/v1/me, the
 * person revokes it and the script is turned away; the coordination reads the sign-ins with
 * their addresses on /verwaltung/protokoll, which members cannot find. With and without
 * JavaScript, axe on every page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.hash';
import {
	baseUrl,
	expectNoAxeViolations,
	h1Text,
	useBrowser,
	visit,
	waitForPath,
	type BrowserSession
} from './support/browser';
import { createTestPerson, signInAs, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const PASSWORD = 'Rhein-Ufer-Laterne-47';
/** Journeys with many pages (axe on each) need longer than the default on a busy machine. */
const JOURNEY_TIMEOUT = 180_000;
let people = 0;

async function member(name: string): Promise<TestPerson> {
	return createTestPerson({
		email: `api-${++people}-${Date.now()}@lahr.example`,
		displayName: name,
		memberships: [{ ags: LAHR, role: 'member' }]
	});
}

function me(token: string): Promise<Response> {
	return fetch(new URL('/api/v1/me', baseUrl()), {
		headers: { authorization: `Bearer ${token}` }
	});
}

/** Submits a form by its button and waits for the page that answers. */
async function submit(page: Page, button: string, path: string): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse(
			(r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'
		),
		page.getByRole('button', { name: button }).click()
	]);
	await page.waitForLoadState('load');
	return response.status();
}

function tokenJourney(session: BrowserSession) {
	it(
		'makes a token that is shown once, works for /api/v1/me, and stops working when revoked',
		async () => {
			const { page } = session;
			const anna = await member('Anna Api');
			await signInAs(page, anna);
			await visit(page, '/konto/api-schluessel');
			expect(await h1Text(page)).toBe('API-Schlüssel');
			expect(await page.getByText('Sie haben noch keinen API-Schlüssel.').count()).toBe(1);

			// Without a lifetime nothing is made; the label stays, the problem stands next to it.
			await page.getByLabel('Bezeichnung').fill('Auswertung Kreistag');
			expect(await submit(page, 'Schlüssel erstellen', '/konto/api-schluessel')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('Bezeichnung').inputValue()).toBe('Auswertung Kreistag');
			expect(
				await page.getByText('Bitte wählen Sie, wie lange der Schlüssel gelten soll.').count()
			).toBe(1);

			await page.getByLabel('Nur lesen').check();
			await page.getByLabel('Gültigkeit').selectOption({ label: '90 Tage' });
			expect(await submit(page, 'Schlüssel erstellen', '/konto/api-schluessel')).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByText('Er wird nur dieses eine Mal angezeigt').count()).toBe(1);
			const token = await page.getByLabel('API-Schlüssel', { exact: true }).inputValue();
			expect(token).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);

			const response = await me(token);
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({
				id: anna.personId,
				name: 'Anna Api',
				isCoordinator: false,
				municipalities: [{ ags: LAHR, name: 'Lahr/Schwarzwald', role: 'member' }],
				scope: 'read',
				authentication: { method: 'token' }
			});

			// A new visit lists the token by its first characters, never in full.
			await visit(page, '/konto/api-schluessel');
			expect(await page.content()).not.toContain(token.slice(3));
			const row = page.getByRole('row', { name: /Auswertung Kreistag/ });
			expect(await row.textContent()).toContain(`ds_${token.slice(3, 11)}…`);
			expect(await row.textContent()).toContain('Nur lesen');
			expect(await row.textContent()).toContain('gültig');
			expect(await row.textContent()).not.toContain('noch nie');

			expect(
				await submit(page, 'Schlüssel „Auswertung Kreistag“ widerrufen', '/konto/api-schluessel')
			).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').allTextContents()).toContain(
				'Der Schlüssel „Auswertung Kreistag“ wurde widerrufen. Er funktioniert ab sofort nicht mehr.'
			);
			expect(await page.getByRole('row', { name: /Auswertung Kreistag/ }).textContent()).toContain(
				'widerrufen'
			);

			const refused = await me(token);
			expect(refused.status).toBe(401);
			expect(refused.headers.get('www-authenticate')).toContain('Bearer');
			expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
		},
		JOURNEY_TIMEOUT
	);
}

describe('API tokens', () => {
	const session = useBrowser();
	tokenJourney(session);

	it('sends visitors to the sign-in first', async () => {
		const { page } = session;
		await page.goto(new URL('/konto/api-schluessel', baseUrl()).href);
		await waitForPath(page, '/anmelden?weiter=%2Fkonto%2Fapi-schluessel');
		await expectNoAxeViolations(page);
	});
});

describe('API tokens without JavaScript', () => {
	tokenJourney(useBrowser({ javaScriptEnabled: false }));
});

describe('audit log', () => {
	const session = useBrowser();

	it(
		'does not exist for members and municipality admins',
		async () => {
			// The administration's layout turns plain members away (403) before this page is asked.
			const mia = await member('Mia Mitglied');
			const { page } = session;
			await signInAs(page, mia);
			expect((await visit(page, '/verwaltung/protokoll')).status()).toBe(403);
			expect(await page.getByRole('table').count()).toBe(0);

			// An admin passes the administration's door, but to them the log does not exist either.
			const admin = await createTestPerson({
				email: `admin-protokoll-${Date.now()}@lahr.example`,
				displayName: 'Adam Admin',
				memberships: [{ ags: LAHR, role: 'admin' }]
			});
			const adminPage = await session.newPage();
			await signInAs(adminPage, admin);
			expect((await visit(adminPage, '/verwaltung/protokoll')).status()).toBe(403);
			expect(await adminPage.getByRole('table').count()).toBe(0);
		},
		JOURNEY_TIMEOUT
	);

	it(
		'shows the coordination sign-ins with their address, filtered by action and person',
		async () => {
			// A member signs in through the sign-in form's action: that is what the log must show.
			const email = `protokoll-${Date.now()}@lahr.example`;
			const passwordHash = await hashPassword(PASSWORD);
			const memberId = await withServerDatabase(async (db) => {
				const row = await db
					.insertInto('person')
					.values({
						email,
						email_verified_at: new Date().toISOString(),
						display_name: 'Mia Mitglied',
						password_hash: passwordHash,
						is_coordinator: false,
						updated_at: new Date().toISOString()
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				return row.id;
			});
			const signedIn = await fetch(new URL('/anmelden', baseUrl()), {
				method: 'POST',
				// As a browser without JavaScript posts the form (SvelteKit answers JSON otherwise).
				headers: { origin: baseUrl(), accept: 'text/html' },
				body: new URLSearchParams({ email, password: PASSWORD, weiter: '/' }),
				redirect: 'manual'
			});
			expect(signedIn.status).toBe(303);

			const { page } = session;
			const coordinator = await createTestPerson({
				email: `koordination-${Date.now()}@ortenau.example`,
				displayName: 'Kora Koordination',
				isCoordinator: true
			});
			await signInAs(page, coordinator);
			await visit(page, '/verwaltung/protokoll');
			expect(await h1Text(page)).toBe('Protokoll');

			await page.getByLabel('Aktion').selectOption({ label: 'Anmeldung erfolgreich' });
			await Promise.all([
				waitForPath(page, /^\/verwaltung\/protokoll\?action=auth\.sign_in\.succeeded(&|$)/),
				page.getByRole('button', { name: 'Filtern' }).click()
			]);
			await page.waitForLoadState('load');
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('Aktion').inputValue()).toBe('auth.sign_in.succeeded');

			const labels = await page.getByRole('table').getByRole('rowheader').allTextContents();
			expect(labels.length).toBeGreaterThan(0);
			expect(new Set(labels.map((label) => label.trim()))).toEqual(
				new Set(['Anmeldung erfolgreich'])
			);
			const mia = page
				.getByRole('table')
				.getByRole('row')
				.filter({ hasText: `Mia Mitglied (Nr. ${memberId})` });
			expect(await mia.count()).toBe(1);
			const text = (await mia.textContent()) ?? '';
			expect(text).toContain('127.0.0.1');
			expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}/);

			// Following the person keeps the action filter and narrows the list to them.
			await Promise.all([
				waitForPath(page, new RegExp(`action=auth\\.sign_in\\.succeeded&actor=${memberId}$`)),
				mia.getByRole('link', { name: `Mia Mitglied (Nr. ${memberId})` }).click()
			]);
			await page.waitForLoadState('load');
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('Person (Nummer oder E-Mail-Adresse)').inputValue()).toBe(
				String(memberId)
			);
			expect(await page.getByRole('table').getByRole('rowheader').count()).toBe(1);
		},
		JOURNEY_TIMEOUT
	);

	it('sends visitors to the sign-in first', async () => {
		const { page } = session;
		await page.goto(new URL('/verwaltung/protokoll?action=auth.sign_in.failed', baseUrl()).href);
		await waitForPath(
			page,
			'/anmelden?weiter=%2Fverwaltung%2Fprotokoll%3Faction%3Dauth.sign_in.failed'
		);
		await expectNoAxeViolations(page);
	});
});
