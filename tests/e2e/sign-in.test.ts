/**
 * Signing in and out through the real form, with and without JavaScript: the generic German
 * error, the header with the person's name, the session cookie's flags, the way back to the page
 * one came from, and password guessing stopped with HTTP 429.
 *
 * The demo database has no people; the coordinator is created in the server's own SQLite file
 * (its data directory comes from the global setup) through the same use case the CLI calls.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './support/test-server';
import { createCoordinator } from '../../src/lib/server/auth';
import { systemContext } from '../../src/lib/server/context';
import { openDatabase } from '../../src/lib/server/db';
import { isDomainError } from '../../src/lib/server/errors';
import { baseUrl, expectNoAxeViolations, useBrowser, visit, waitForPath } from './support/browser';

const EMAIL = 'petra.koordination@ortenau.example';
const PASSWORD = 'Rhein-Ufer-Laterne-47';
const NAME = 'Petra Koordination';

beforeAll(async () => {
	const database = openDatabase({ databaseUrl: undefined, dataDir: testServer().dataDir });
	try {
		await createCoordinator(systemContext(database.db, 'e2e'), {
			email: EMAIL,
			displayName: NAME,
			password: PASSWORD
		});
	} catch (error) {
		// Both describe blocks share the server: the second finds the person already there.
		if (!(isDomainError(error) && error.code === 'CONFLICT')) throw error;
	} finally {
		// A coordinator without two-factor sign-in would be sent to the enrolment page after
		// signing in; this journey is about the form, so Petra signs in as a plain member
		// (two-factor sign-in: account-security.test.ts).
		await database.db
			.updateTable('person')
			.set({ is_coordinator: false })
			.where('email', '=', EMAIL)
			.execute();
		await database.close();
	}
});

/** Fills the form and submits it; returns the HTTP status of the POST. */
async function submitSignIn(page: Page, email: string, password: string): Promise<number> {
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	const [response] = await Promise.all([
		page.waitForResponse(
			(r) => new URL(r.url()).pathname === '/anmelden' && r.request().method() === 'POST'
		),
		page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click()
	]);
	await page.waitForLoadState('load');
	return response.status();
}

function journey(session: { page: Page }) {
	it('fails with a wrong password, signs in with the right one and out again', async () => {
		const { page } = session;
		await visit(page, '/');
		const banner = page.getByRole('banner');
		await banner.getByRole('link', { name: 'Anmelden' }).click();
		await waitForPath(page, '/anmelden');
		await expectNoAxeViolations(page);
		expect(await page.getByLabel('E-Mail-Adresse').getAttribute('autocomplete')).toBe('username');
		expect(await page.getByLabel('Passwort', { exact: true }).getAttribute('autocomplete')).toBe(
			'current-password'
		);

		expect(await submitSignIn(page, EMAIL, 'Falsches-Passwort-1')).toBe(400);
		const alert = page.getByRole('alert');
		expect(await alert.textContent()).toContain('E-Mail-Adresse oder Passwort ist nicht richtig');
		// The address stays, the password does not.
		expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(EMAIL);
		expect(await page.getByLabel('Passwort', { exact: true }).inputValue()).toBe('');
		await expectNoAxeViolations(page);

		expect(await submitSignIn(page, EMAIL, PASSWORD)).toBe(303);
		await waitForPath(page, '/');
		await expectNoAxeViolations(page);
		expect(await banner.getByText(NAME).count()).toBe(1);
		expect(await banner.getByRole('link', { name: 'Anmelden' }).count()).toBe(0);

		const cookies = await page.context().cookies(baseUrl());
		const cookie = cookies.find((c) => c.name === 'sitzung');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
		expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

		// Signed in, the sign-in page sends one on.
		await page.goto(new URL('/anmelden', baseUrl()).href);
		await waitForPath(page, '/');
		await expectNoAxeViolations(page);

		await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/abmelden'),
			banner.getByRole('button', { name: 'Abmelden' }).click()
		]);
		await waitForPath(page, '/');
		await page.waitForLoadState('load');
		await expectNoAxeViolations(page);
		expect(await banner.getByRole('link', { name: 'Anmelden' }).count()).toBe(1);
		expect(await banner.getByText(NAME).count()).toBe(0);
		const after = await page.context().cookies(baseUrl());
		expect(after.find((c) => c.name === 'sitzung')).toBeUndefined();
	});

	it('returns after sign-in to the page the person came from', async () => {
		const { page } = session;
		await visit(page, '/kommunen?membership=member');
		await page.getByRole('banner').getByRole('link', { name: 'Anmelden' }).click();
		await waitForPath(page, '/anmelden?weiter=%2Fkommunen%3Fmembership%3Dmember');
		await expectNoAxeViolations(page);
		expect(await submitSignIn(page, EMAIL, PASSWORD)).toBe(303);
		await waitForPath(page, '/kommunen?membership=member');
		await expectNoAxeViolations(page);
		expect(await page.getByRole('banner').getByText(NAME).count()).toBe(1);
	});
}

describe('sign-in', () => {
	const session = useBrowser();
	journey(session);

	it('slows password guessing down with 429 and a German waiting time', async () => {
		const { page } = session;
		const guessed = 'geraten@ortenau.example';
		await visit(page, '/anmelden');
		for (let attempt = 1; attempt <= 5; attempt++) {
			expect(await submitSignIn(page, guessed, `Versuch-Nummer-${attempt}`)).toBe(400);
		}
		expect(await submitSignIn(page, guessed, 'Versuch-Nummer-6')).toBe(429);
		expect(await page.getByRole('alert').textContent()).toContain(
			'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten'
		);
		await expectNoAxeViolations(page);
	});

	it('does not sign out on a GET', async () => {
		const { page } = session;
		const response = await page.request.get(new URL('/abmelden', baseUrl()).href);
		expect(response.status()).toBe(405);
	});
});

describe('sign-in without JavaScript', () => {
	journey(useBrowser({ javaScriptEnabled: false }));
});
