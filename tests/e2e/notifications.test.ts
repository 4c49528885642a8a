/**
 * Notifications in the browser: a member of Lahr follows a project of Kehl, a member of Kehl
 * changes its status, the Lahr member sees it in the notification centre with an unread count
 * and receives a German mail with one-click unsubscribe (through the server's worker and its real
 * SMTP listener); the unsubscribe link works without a session. The rules (audience, digests,
 * never twice) are covered by src/lib/server/notifications/notifications.db.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestPerson, signInAs, withServerDatabase } from './support/people';
import { mailsTo, rawHeader } from './support/mail';

const LAHR = '08317065';
const KEHL = '08317057';

/** Reloads the centre until the worker has fanned the event out. */
async function waitForNotification(page: Page, title: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		await visit(page, '/benachrichtigungen');
		if ((await page.getByRole('link', { name: title }).count()) > 0) return;
		if (Date.now() > deadline) throw new Error(`Benachrichtigung „${title}“ fehlt`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

function mailModeOf(personId: number) {
	return withServerDatabase((db) =>
		db
			.selectFrom('notification_preference')
			.select('mail_mode')
			.where('person_id', '=', personId)
			.executeTakeFirst()
	);
}

describe('notifications', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it(
		'follows a project, learns of its change in the centre and by mail, and unsubscribes in one click',
		{ timeout: 240_000 },
		async () => {
			const stamp = Date.now().toString(36);
			const follower = await createTestPerson({
				email: `folgt-${stamp}@lahr.example`,
				displayName: 'Fiona Folgt',
				memberships: [{ ags: LAHR, role: 'member' }]
			});
			const editor = await createTestPerson({
				email: `pflegt-${stamp}@kehl.example`,
				displayName: 'Paul Pflegt',
				memberships: [{ ags: KEHL, role: 'member' }]
			});
			const title = `Digitale Bauakte ${stamp}`;
			const projectId = await createTestProject({
				ags: KEHL,
				title,
				visibility: 'public',
				status: 'planung'
			});

			// Visitors see no follow button.
			const { page } = session;
			await visit(page, `/projekte/${projectId}`);
			expect(await page.getByRole('button', { name: `${title} folgen` }).count()).toBe(0);

			// Lahr follows the project from its page.
			await signInAs(page, follower);
			await visit(page, `/projekte/${projectId}`);
			await page.getByRole('button', { name: `${title} folgen` }).click();
			await page.waitForURL(new RegExp(`/projekte/${projectId}$`));
			await expectNoAxeViolations(page);
			expect(await page.getByRole('button', { name: `${title} nicht mehr folgen` }).count()).toBe(
				1
			);
			await visit(page, '/benachrichtigungen/gefolgt');
			expect(await h1Text(page)).toBe('Wem ich folge');
			expect(await page.getByRole('link', { name: title }).count()).toBe(1);

			// Kehl changes the status.
			const other = await session.newPage({ javaScriptEnabled: false });
			await signInAs(other, editor);
			await visit(other, `/projekte/${projectId}/bearbeiten`);
			await other.getByLabel('Stand', { exact: true }).selectOption({ label: 'In Betrieb' });
			await other.getByRole('button', { name: 'Änderungen speichern' }).click();
			await other.waitForURL(new RegExp(`/projekte/${projectId}\\?gespeichert=1$`));
			await expectNoAxeViolations(other);

			// Lahr sees it in the centre, unread, with the count in the header.
			const news = `„${title}“: Status jetzt „In Betrieb“`;
			await waitForNotification(page, news);
			await expectNoAxeViolations(page);
			expect(await h1Text(page)).toBe('Benachrichtigungen');
			expect(await page.getByText('Ungelesen: 1').count()).toBe(1);
			const headerLink = page
				.getByRole('navigation', { name: 'Hauptnavigation' })
				.getByRole('link', {
					name: /Benachrichtigungen/
				});
			expect(await headerLink.textContent()).toContain('1 ungelesen');
			// The editor is not notified of their own change.
			await visit(other, '/benachrichtigungen');
			expect(await other.getByRole('link', { name: news }).count()).toBe(0);

			// … and by mail: German, with the link, a plain-text part and one-click unsubscribe.
			const received = await mailsTo(follower.email);
			const mail = received[0]!;
			const count = received.length;
			expect(count).toBe(1);
			expect(mail.subject).toBe(news);
			expect(mail.text).toContain('Guten Tag,');
			expect(mail.text).toContain(`${baseUrl()}/projekte/${projectId}`);
			expect(mail.html).toContain(`href="${baseUrl()}/projekte/${projectId}"`);
			const header = (name: string) => rawHeader(mail, name);
			expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
			const unsubscribe = /^<(.+)>$/.exec(header('list-unsubscribe') ?? '')?.[1] ?? '';
			expect(unsubscribe.startsWith(`${baseUrl()}/benachrichtigungen/abbestellen?token=`)).toBe(
				true
			);

			// Marking read empties the count.
			await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
			await page.waitForLoadState('load');
			await expectNoAxeViolations(page);
			expect(await page.getByText('Ungelesen: 0').count()).toBe(1);
			expect(await headerLink.textContent()).not.toContain('ungelesen');

			// The link in a browser without a session: a confirmation page, nothing changed yet.
			const stranger = await session.newPage({ javaScriptEnabled: false });
			await visit(stranger, unsubscribe.slice(baseUrl().length));
			await expectNoAxeViolations(stranger);
			expect(await h1Text(stranger)).toBe('Benachrichtigungen per E-Mail abbestellen');
			expect(await mailModeOf(follower.personId)).toBeUndefined();

			// The mail client's one-click POST (RFC 8058): no cookie, no Origin, no CSRF token.
			const oneClick = await fetch(unsubscribe, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'List-Unsubscribe=One-Click',
				redirect: 'manual'
			});
			expect(oneClick.status).toBe(200);
			expect(await mailModeOf(follower.personId)).toEqual({ mail_mode: 'none' });
			await visit(page, '/konto/benachrichtigungen');
			await expectNoAxeViolations(page);
			expect(await page.getByLabel('Keine E-Mails').isChecked()).toBe(true);

			// Other forms still refuse a post from elsewhere.
			const forged = await fetch(`${baseUrl()}/benachrichtigungen/folgen`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: 'https://evil.example',
					cookie: follower.cookie
				},
				body: `bezug=project%3A${projectId}&aktion=entfolgen&zurueck=%2F`,
				redirect: 'manual'
			});
			expect(forged.status).toBe(403);

			// Choosing the daily digest in the account; unfollowing from the list.
			await page.getByLabel('Eine Tagesübersicht (täglich um 7 Uhr)').check();
			await page.getByRole('button', { name: 'E-Mail-Einstellung speichern' }).click();
			await page.waitForURL(/\/konto\/benachrichtigungen\?zustellung=gespeichert/);
			await expectNoAxeViolations(page);
			expect(await page.getByRole('status').first().textContent()).toContain(
				'Die E-Mail-Einstellung wurde gespeichert.'
			);
			expect(await mailModeOf(follower.personId)).toEqual({ mail_mode: 'daily' });
			await visit(page, '/benachrichtigungen/gefolgt');
			await page.getByRole('button', { name: `${title} nicht mehr folgen` }).click();
			await page.waitForURL(/\/benachrichtigungen\/gefolgt$/);
			await expectNoAxeViolations(page);
			expect(await page.getByText('Sie folgen noch nichts.').count()).toBe(1);
		}
	);
});
