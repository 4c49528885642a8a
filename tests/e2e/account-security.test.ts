/**
 * Account security through the browser: a forgotten password reset by a link from the mail (which
 * works once), two-factor sign-in set up on the security page and then used with an app code and
 * with a backup code, and a coordinator without two-factor kept on the enrolment page.
 *
 * The server has no SMTP: mails wait in its outbox, which the test reads from the server's own
 * SQLite file. Codes are computed from the key the set-up page shows, as an app would.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password.hash';
import { totpCodeAt } from '../../src/lib/server/auth/totp';
import { baseUrl, expectNoAxeViolations, useBrowser, visit, waitForPath } from './support/browser';
import { withServerDatabase } from './support/people';

const PASSWORD = 'Rhein-Ufer-Laterne-47';
const NEW_PASSWORD = 'Neues-Passwort-am-Kinzigufer';
const MEMBER = { email: 'mara.mitglied@sicherheit.example', name: 'Mara Mitglied' };
const ENROLLING = { email: 'emil.einrichtung@sicherheit.example', name: 'Emil Einrichtung' };
const COORDINATOR = { email: 'kai.koordination@sicherheit.example', name: 'Kai Koordination' };
/** Every journey takes many pages, each checked by axe. */
const JOURNEY_TIMEOUT = 180_000;

beforeAll(async () => {
	const passwordHash = await hashPassword(PASSWORD);
	await withServerDatabase(async (db) => {
		for (const person of [MEMBER, ENROLLING, COORDINATOR]) {
			const nowIso = new Date().toISOString();
			await db
				.insertInto('person')
				.values({
					email: person.email,
					email_verified_at: nowIso,
					display_name: person.name,
					password_hash: passwordHash,
					is_coordinator: person === COORDINATOR,
					updated_at: nowIso
				})
				.execute();
		}
	});
});

/** The newest mail to `email` in the server's outbox. */
async function lastMailTo(email: string): Promise<{ subject: string; text_body: string }> {
	return withServerDatabase((db) =>
		db
			.selectFrom('mail_outbox')
			.select(['subject', 'text_body'])
			.where('to_address', '=', email)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow()
	);
}

async function submit(page: Page, button: string, path: string): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse(
			(r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'
		),
		page.getByRole('main').getByRole('button', { name: button, exact: true }).click()
	]);
	await page.waitForLoadState('load');
	return response.status();
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<number> {
	await visit(page, '/anmelden');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	return submit(page, 'Anmelden', '/anmelden');
}

async function signOut(page: Page): Promise<void> {
	await Promise.all([
		page.waitForResponse((r) => new URL(r.url()).pathname === '/abmelden'),
		page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click()
	]);
	await waitForPath(page, '/');
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page);
}

/** Sets up two-factor sign-in on the enrolment page; returns the key and the backup codes. */
async function enrol(page: Page): Promise<{ secret: string; backupCodes: string[] }> {
	const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
	expect(secret).toMatch(/^[A-Z2-7]{32}$/);
	const qr = page.getByRole('img', { name: 'QR-Code für die Authenticator-App' });
	expect(await qr.count()).toBe(1);
	expect(await qr.getAttribute('style')).toBeNull();
	await page.getByLabel('Code', { exact: true }).fill(totpCodeAt(secret, new Date()));
	expect(await submit(page, 'Einrichtung abschließen', '/konto/sicherheit/zwei-faktor')).toBe(200);
	await expectNoAxeViolations(page);
	expect(await page.getByRole('heading', { name: 'Ihre Ersatzcodes' }).count()).toBe(1);
	const backupCodes = (await page.locator('ol.codes code').allTextContents()).map((c) => c.trim());
	expect(backupCodes).toHaveLength(10);
	return { secret, backupCodes };
}

describe('account security', () => {
	const session = useBrowser();

	it(
		'resets a forgotten password by a link that works once, without telling who exists',
		async () => {
			const { page } = session;
			await visit(page, '/anmelden');
			await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
			await waitForPath(page, '/passwort-vergessen');
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('E-Mail-Adresse').getAttribute('autocomplete')).toBe('email');

			// An unknown address gets exactly the same page as a known one.
			await page.getByLabel('E-Mail-Adresse').fill('niemand@sicherheit.example');
			expect(await submit(page, 'Link anfordern', '/passwort-vergessen')).toBe(200);
			await expectNoAxeViolations(page);
			const unknownAnswer = await page.getByRole('main').innerText();

			await visit(page, '/passwort-vergessen');
			await page.getByLabel('E-Mail-Adresse').fill(MEMBER.email);
			expect(await submit(page, 'Link anfordern', '/passwort-vergessen')).toBe(200);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('main').innerText()).toBe(unknownAnswer);
			expect(unknownAnswer).toContain('Wenn zu dieser Adresse ein Konto besteht');

			const mail = await lastMailTo(MEMBER.email);
			expect(mail.subject).toContain('Passwort zurücksetzen');
			const link = /https?:\/\/\S+\/passwort-zuruecksetzen\/[A-Za-z0-9_-]{43}/.exec(
				mail.text_body
			)?.[0];
			expect(link?.startsWith(baseUrl())).toBe(true);

			await visit(page, link ?? '');
			expect(await page.getByLabel('Neues Passwort').getAttribute('autocomplete')).toBe(
				'new-password'
			);
			// A weak password is refused next to the field and the link stays usable.
			await page.getByLabel('Neues Passwort').fill('kurz');
			expect(await submit(page, 'Passwort speichern', new URL(link ?? '').pathname)).toBe(400);
			await expectNoAxeViolations(page);
			expect(
				await page.getByText('Das Passwort muss mindestens 12 Zeichen lang sein').count()
			).toBe(1);
			await page.getByLabel('Neues Passwort').fill(NEW_PASSWORD);
			expect(await submit(page, 'Passwort speichern', new URL(link ?? '').pathname)).toBe(303);
			await waitForPath(page, '/anmelden?zurueckgesetzt=1');
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').textContent()).toContain('Ihr Passwort wurde geändert');
			// Not signed in by the reset.
			expect(await page.getByRole('banner').getByText(MEMBER.name).count()).toBe(0);

			// The link works once.
			await visit(page, link ?? '');
			expect(await page.getByRole('alert').textContent()).toContain('ungültig oder abgelaufen');
			expect(await page.getByLabel('Neues Passwort').count()).toBe(0);

			expect(await signInWithPassword(page, MEMBER.email, PASSWORD)).toBe(400);
			await expectNoAxeViolations(page);
			expect(await signInWithPassword(page, MEMBER.email, NEW_PASSWORD)).toBe(303);
			await waitForPath(page, '/');
			await expectNoAxeViolations(page);
			expect(await page.getByRole('banner').getByText(MEMBER.name).count()).toBe(1);
		},
		JOURNEY_TIMEOUT
	);

	it(
		'sets up two-factor sign-in and signs in with an app code and with a backup code',
		async () => {
			const { page } = session;
			expect(await signInWithPassword(page, ENROLLING.email, PASSWORD)).toBe(303);
			await waitForPath(page, '/');
			await expectNoAxeViolations(page);

			await visit(page, '/konto/sicherheit');
			expect(await page.getByRole('heading', { name: 'Angemeldete Geräte' }).count()).toBe(1);
			expect(await page.getByText('Dieses Gerät').count()).toBe(1);
			await page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
			await waitForPath(page, '/konto/sicherheit/zwei-faktor');
			await expectNoAxeViolations(page);
			const { secret, backupCodes } = await enrol(page);
			await page.getByRole('link', { name: 'Ich habe die Codes gesichert' }).click();
			await waitForPath(page, '/konto/sicherheit');
			await expectNoAxeViolations(page);
			expect(await page.getByText('Eingerichtet. Ersatzcodes übrig: 10').count()).toBe(1);
			await signOut(page);

			// Password, then the app's code. The set-up used this time step: the next one is accepted.
			expect(await signInWithPassword(page, ENROLLING.email, PASSWORD)).toBe(303);
			await waitForPath(page, '/anmelden/bestaetigen?weiter=%2F');
			await expectNoAxeViolations(page);
			expect(await page.getByRole('banner').getByText(ENROLLING.name).count()).toBe(0);
			expect(await page.getByLabel('Code', { exact: true }).getAttribute('autocomplete')).toBe(
				'one-time-code'
			);
			await page.getByLabel('Code', { exact: true }).fill('000000');
			expect(await submit(page, 'Bestätigen', '/anmelden/bestaetigen')).toBe(400);
			await expectNoAxeViolations(page);
			expect(await page.getByText('Der Code ist nicht richtig').count()).toBe(1);
			await page
				.getByLabel('Code', { exact: true })
				.fill(totpCodeAt(secret, new Date(Date.now() + 30_000)));
			expect(await submit(page, 'Bestätigen', '/anmelden/bestaetigen')).toBe(303);
			await waitForPath(page, '/');
			await expectNoAxeViolations(page);
			expect(await page.getByRole('banner').getByText(ENROLLING.name).count()).toBe(1);
			await signOut(page);

			// Password, then a backup code instead; the same backup code does not work twice.
			for (const expected of [303, 400]) {
				expect(await signInWithPassword(page, ENROLLING.email, PASSWORD)).toBe(303);
				await waitForPath(page, '/anmelden/bestaetigen?weiter=%2F');
				await expectNoAxeViolations(page);
				await page.getByLabel('Code', { exact: true }).fill(backupCodes[0] ?? '');
				expect(await submit(page, 'Bestätigen', '/anmelden/bestaetigen')).toBe(expected);
				await expectNoAxeViolations(page);
				if (expected === 303) {
					await waitForPath(page, '/');
					expect(await page.getByRole('banner').getByText(ENROLLING.name).count()).toBe(1);
					await signOut(page);
				} else {
					expect(await page.getByText('Der Code ist nicht richtig').count()).toBe(1);
				}
			}
		},
		JOURNEY_TIMEOUT
	);

	it(
		'keeps a coordinator without two-factor on the enrolment page until it is set up',
		async () => {
			const { page } = session;
			expect(await signInWithPassword(page, COORDINATOR.email, PASSWORD)).toBe(303);
			await waitForPath(page, '/konto/sicherheit/zwei-faktor');
			await expectNoAxeViolations(page);
			expect(
				await page.getByText('Für Ihre Rolle ist die Zwei-Faktor-Anmeldung vorgeschrieben').count()
			).toBe(1);

			for (const path of ['/', '/kommunen', '/konto/sicherheit', '/konto/sicherheit/passwort']) {
				await page.goto(new URL(path, baseUrl()).href);
				await waitForPath(page, '/konto/sicherheit/zwei-faktor');
			}
			await expectNoAxeViolations(page);
			const api = await page.request.get(new URL('/api/v1/municipalities', baseUrl()).href);
			expect(api.status()).toBe(403);
			expect(((await api.json()) as { error: { code: string } }).error.code).toBe(
				'TWO_FACTOR_REQUIRED'
			);

			await enrol(page);
			await visit(page, '/kommunen');
			expect(new URL(page.url()).pathname).toBe('/kommunen');
			await visit(page, '/konto/sicherheit/zwei-faktor');
			expect(await page.getByText('kann für Ihre Rolle nicht abgeschaltet werden').count()).toBe(1);
		},
		JOURNEY_TIMEOUT
	);
});
