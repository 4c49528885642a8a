/**
 * Events in the browser: the coordination creates the conference and its programme, a member
 * proposes a pitch that is accepted, people register until it is full, the next lands on the
 * waiting list and moves up when someone cancels (mails through a real SMTP listener), and a
 * visitor on a phone files "Das wollen wir auch" from a pitch that the owner then sees.
 * The rules and the concurrency are covered by src/lib/server/events/event.db.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, h1Text, useBrowser, visit, waitForPath } from './support/browser';
import { createTestProject } from './support/catalogue';
import { createTestEvent, createTestPitch } from './support/events';
import { createTestPerson, signInAs, withServerDatabase, type TestPerson } from './support/people';
import { mailsTo } from './support/mail';

const LAHR = '08317065';
const KEHL = '08317057';

/** Subjects of the mails delivered to `to`, once `count` have arrived. */
async function subjectsTo(to: string, count: number): Promise<string[]> {
	return (await mailsTo(to, count)).map((mail) => mail.subject ?? '');
}

/** The path of the last guest link (`bestaetigen` or `abmelden`) in the first `count` mails to `to`. */
async function guestLinkTo(
	to: string,
	count: number,
	kind: 'bestaetigen' | 'abmelden'
): Promise<string> {
	const pattern = new RegExp(`/termine/gast/${kind}/[A-Za-z0-9_-]+`);
	const links = (await mailsTo(to, count))
		.map((mail) => pattern.exec(mail.text ?? '')?.[0])
		.filter((link) => link !== undefined);
	const last = links.at(-1);
	if (!last) throw new Error(`Kein Link ${kind} an ${to}`);
	return last;
}

/**
 * A control's accessible name with a visually hidden suffix ("Bewerten: <title>"): the hidden
 * span is laid out as a block, so the name may carry a space before the colon.
 */
function named(label: string, title: string): RegExp {
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${escape(label)}\\s*:\\s*${escape(title)}$`);
}

async function submit(page: Page, button: string | RegExp): Promise<void> {
	await page.getByRole('button', { name: button, exact: true }).click();
	await page.waitForLoadState('load');
	await expectNoAxeViolations(page);
}

async function statusText(page: Page): Promise<string> {
	return (await page.getByRole('status').first().textContent()) ?? '';
}

describe('events', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('builds the conference with a programme; a member’s pitch is accepted', async () => {
		const stamp = Date.now().toString(36);
		const person = (name: string, ags: string, isCoordinator = false): Promise<TestPerson> =>
			createTestPerson({
				email: `${name.toLowerCase()}-${stamp}@ortenau.example`,
				displayName: name,
				isCoordinator,
				memberships: isCoordinator ? [] : [{ ags, role: 'member' }]
			});
		const coordinator = await person('Kora', '', true);
		const presenter = await person('Paul', KEHL);
		const projectTitle = `Digitaler Bauantrag ${stamp}`;
		await createTestProject({ ags: KEHL, title: projectTitle, visibility: 'public' });
		const title = `Ortenau Digital ${stamp}`;

		// The coordination creates the conference.
		const { page } = session;
		await signInAs(page, coordinator);
		await visit(page, '/termine');
		await page.getByRole('link', { name: 'Neuer Termin' }).click();
		await waitForPath(page, '/termine/neu');
		await expectNoAxeViolations(page);
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Art des Termins').selectOption({ label: 'Konferenz' });
		await page.locator('#startDate').fill('2030-03-29');
		await page.locator('#startTime').fill('09:00');
		await page.locator('#endDate').fill('2030-03-29');
		// An end before the start is refused next to the field.
		await page.locator('#endTime').fill('08:00');
		await page.getByLabel('Ort', { exact: true }).fill('Salmen, Offenburg');
		await page.getByLabel('Anzahl der Plätze').fill('2');
		await page.getByLabel(/Aufruf für Pitches ist offen/).check();
		await submit(page, 'Termin anlegen');
		expect(await page.getByText('Das Ende muss nach dem Beginn liegen.').count()).toBe(1);
		await page.locator('#endTime').fill('17:00');
		await submit(page, 'Termin anlegen');
		expect(page.url()).toMatch(/\/termine\/\d+\/bearbeiten\?angelegt=1$/);
		expect(await statusText(page)).toContain('Der Termin ist angelegt.');
		const eventPath = new URL(page.url()).pathname.replace(/\/bearbeiten$/, '');

		// … and its first programme item.
		await page.locator('#session-title').fill('Begrüßung');
		await page.locator('#session-startTime').fill('09:00');
		await page.locator('#session-endTime').fill('09:30');
		await page.locator('#session-room').fill('Großer Saal');
		await submit(page, 'Programmpunkt hinzufügen');
		expect(await statusText(page)).toContain('Der Programmpunkt ist hinzugefügt.');

		// A member of Kehl proposes the project as a pitch.
		const presenterPage = await session.newPage();
		await signInAs(presenterPage, presenter);
		await visit(presenterPage, eventPath);
		await presenterPage
			.getByLabel('Projekt', { exact: true })
			.selectOption({ label: projectTitle });
		await presenterPage.getByLabel('Worum geht es im Pitch?').fill('Zehn Minuten Bauantrag.');
		await submit(presenterPage, 'Pitch vorschlagen');
		expect(await statusText(presenterPage)).toContain('Ihr Vorschlag ist eingegangen.');

		// The coordination accepts it into the programme at 10:00.
		await visit(page, `${eventPath}/bearbeiten`);
		const proposal = page.getByRole('listitem').filter({ hasText: projectTitle });
		await proposal.locator('input[name="startTime"]').fill('10:00');
		await proposal.locator('input[name="endTime"]').fill('10:15');
		await submit(page, named('Ins Programm aufnehmen', projectTitle));
		expect(await statusText(page)).toContain('Der Pitch ist im Programm.');
		await visit(page, eventPath);
		expect(await h1Text(page)).toBe(title);
		const programme = page.getByRole('list').filter({ hasText: 'Begrüßung' });
		const times = await programme.locator('.time').allTextContents();
		// Whitespace between template parts is not what the test is about.
		const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
		expect(times.map(tidy)).toEqual([
			'Fr., 29.03.2030, 09:00–09:30 Uhr · Großer Saal',
			'Fr., 29.03.2030, 10:00–10:15 Uhr'
		]);
		expect(await page.getByRole('heading', { name: `Pitch ${projectTitle}` }).count()).toBe(1);
	}, 150_000);

	it('fills the places, queues the next and moves them up when someone cancels', async () => {
		const stamp = Date.now().toString(36);
		const person = (name: string): Promise<TestPerson> =>
			createTestPerson({
				email: `${name.toLowerCase()}-${stamp}@lahr.example`,
				displayName: `${name} ${stamp}`,
				memberships: [{ ags: LAHR, role: 'member' }]
			});
		const coordinator = await createTestPerson({
			email: `koordination-${stamp}@ortenau.example`,
			displayName: 'Kora Koordination',
			isCoordinator: true
		});
		const title = `Netzwerktreffen ${stamp}`;
		const eventId = await createTestEvent({ title, audience: 'public', capacity: 2 });
		const eventPath = `/termine/${eventId}`;
		// Two places: Anna and Ben get them, Carla waits, Anna cancels, Carla moves up.
		const [anna, ben, carla] = await Promise.all([person('Anna'), person('Ben'), person('Carla')]);
		const pages: Page[] = [];
		for (const attendee of [anna, ben, carla]) {
			const attendeePage = await session.newPage();
			await signInAs(attendeePage, attendee);
			await visit(attendeePage, eventPath);
			pages.push(attendeePage);
		}
		const [annaPage, benPage, carlaPage] = pages as [Page, Page, Page];
		await submit(annaPage, 'Anmelden');
		expect(await statusText(annaPage)).toContain('Sie sind angemeldet.');
		await submit(benPage, 'Anmelden');
		await visit(carlaPage, eventPath);
		expect(await carlaPage.getByText('0 von 2 Plätzen frei').count()).toBe(1);
		await submit(carlaPage, 'Auf die Warteliste');
		expect(
			await carlaPage.getByText('Sie stehen auf Platz 1 der Warteliste.', { exact: false }).count()
		).toBe(1);
		expect(await subjectsTo(carla.email, 1)).toEqual([`Warteliste: ${title}`]);

		await submit(annaPage, 'Vom Termin abmelden');
		expect(await statusText(annaPage)).toContain('Sie sind abgemeldet.');
		await visit(carlaPage, eventPath);
		expect(await carlaPage.getByText('Sie sind angemeldet.').count()).toBe(1);
		expect(await subjectsTo(carla.email, 2)).toEqual([
			`Warteliste: ${title}`,
			`Platz frei geworden: ${title}`
		]);
		expect((await subjectsTo(anna.email, 2)).sort()).toEqual([
			`Abmeldung bestätigt: ${title}`,
			`Anmeldung bestätigt: ${title}`
		]);

		// The coordination sees who comes and who waits.
		const { page } = session;
		await signInAs(page, coordinator);
		await visit(page, `${eventPath}/teilnehmende`);
		const confirmed = page.getByRole('table', { name: 'Angemeldet (2)' });
		expect(await confirmed.getByRole('row', { name: /Ben/ }).count()).toBe(1);
		expect(await confirmed.getByRole('row', { name: /Carla/ }).count()).toBe(1);
	}, 150_000);

	it('lets a guest without an account register with a confirmed address and cancel by link', async () => {
		const stamp = Date.now().toString(36);
		const coordinator = await createTestPerson({
			email: `koordination-gast-${stamp}@ortenau.example`,
			displayName: 'Kai Koordination',
			isCoordinator: true
		});
		const title = `Offenes Netzwerktreffen ${stamp}`;
		const eventId = await createTestEvent({ title, audience: 'public', capacity: 5 });
		const guestEmail = `gast-${stamp}@schwarzwaldtal.example`;
		const guestPage = await session.newPage();
		await visit(guestPage, `/termine/${eventId}`);
		// A wrong address is named next to the field and nothing is sent.
		await guestPage.getByLabel('Name', { exact: true }).fill('Greta Gast');
		await guestPage
			.getByLabel('Kommune oder Organisation', { exact: true })
			.fill('Gemeinde Schwarzwaldtal');
		await guestPage.getByLabel('E-Mail-Adresse', { exact: true }).fill('keine-adresse');
		await submit(guestPage, 'Bestätigungslink anfordern');
		expect(
			await guestPage.getByText('Bitte geben Sie eine gültige E-Mail-Adresse an').count()
		).toBe(1);
		await guestPage.getByLabel('E-Mail-Adresse', { exact: true }).fill(guestEmail);
		await submit(guestPage, 'Bestätigungslink anfordern');
		expect(await statusText(guestPage)).toContain('Fast geschafft');

		// Opening the link shows a page; only the button takes the place.
		await visit(guestPage, await guestLinkTo(guestEmail, 1, 'bestaetigen'));
		expect(await h1Text(guestPage)).toBe('Anmeldung bestätigen');
		await submit(guestPage, 'Anmeldung bestätigen');
		expect(await statusText(guestPage)).toContain('Ihre Anmeldung ist bestätigt.');
		expect(await subjectsTo(guestEmail, 2)).toEqual([
			`Bitte bestätigen Sie Ihre Anmeldung: ${title}`,
			`Anmeldung bestätigt: ${title}`
		]);

		const { page } = session;
		await signInAs(page, coordinator);
		await visit(page, `/termine/${eventId}/teilnehmende`);
		const confirmed = page.getByRole('table', { name: 'Angemeldet (1)' });
		expect(
			await confirmed
				.getByRole('row', { name: /Greta Gast\s*Gast.*Gemeinde Schwarzwaldtal/ })
				.count()
		).toBe(1);

		await visit(guestPage, await guestLinkTo(guestEmail, 2, 'abmelden'));
		expect(await h1Text(guestPage)).toBe('Vom Termin abmelden');
		await submit(guestPage, 'Abmelden');
		expect(await statusText(guestPage)).toContain('Sie sind abgemeldet.');
		expect((await subjectsTo(guestEmail, 3)).at(-1)).toBe(`Abmeldung bestätigt: ${title}`);
		await visit(page, `/termine/${eventId}/teilnehmende`);
		expect(await page.getByRole('table', { name: 'Angemeldet (1)' }).count()).toBe(0);
	}, 150_000);

	it('files "Das wollen wir auch" from a pitch on a phone; the owner sees the request', async () => {
		const stamp = Date.now().toString(36);
		const owner = await createTestPerson({
			email: `owner-${stamp}@kehl.example`,
			displayName: 'Karla Kontakt',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const visitor = await createTestPerson({
			email: `besuch-${stamp}@lahr.example`,
			displayName: 'Lea Lotsin',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const projectTitle = `Online-Terminvergabe ${stamp}`;
		const projectId = await createTestProject({
			ags: KEHL,
			title: projectTitle,
			visibility: 'public'
		});
		await withServerDatabase((db) =>
			db
				.insertInto('project_contact')
				.values({ project_id: projectId, person_id: owner.personId, position: 0 })
				.execute()
		);
		// The conference is running: it began an hour ago, the pitch ten minutes ago.
		const now = Date.now();
		const eventId = await createTestEvent({
			title: `Ortenau Digital live ${stamp}`,
			audience: 'public',
			startsAt: new Date(now - 3_600_000)
		});
		await createTestPitch({
			eventId,
			projectId,
			title: projectTitle,
			presenterPersonId: owner.personId,
			startsAt: new Date(now - 600_000)
		});

		const phone = await session.newPage({
			viewport: { width: 375, height: 740 },
			isMobile: true,
			hasTouch: true
		});
		await signInAs(phone, visitor);
		await visit(phone, `/termine/${eventId}/vor-ort`);
		const running = phone.getByRole('list').filter({ hasText: projectTitle });
		expect(await running.getByRole('heading', { name: `Pitch ${projectTitle}` }).count()).toBe(1);
		// Rating on the phone: four stars.
		await running.getByLabel('4 von 5 Sternen').check();
		await submit(phone, 'Bewerten');
		expect(await statusText(phone)).toContain('Ihre Bewertung ist gespeichert.');

		await phone.getByRole('link', { name: named('Das wollen wir auch', projectTitle) }).click();
		await waitForPath(phone, `/nachnutzung/neu?projekt=${projectId}`);
		await expectNoAxeViolations(phone);
		await phone
			.getByLabel('Ihre Nachricht')
			.fill('Beim Pitch gesehen: Wie habt ihr das eingeführt?');
		await phone.getByRole('button', { name: 'Anfrage senden' }).click();
		await phone.waitForURL(/\/nachnutzung\/\d+\?gesendet=1$/);
		await expectNoAxeViolations(phone);

		const ownerPage = await session.newPage();
		await signInAs(ownerPage, owner);
		await visit(ownerPage, '/nachnutzung');
		const incoming = ownerPage.getByRole('table', { name: 'An uns gerichtet' });
		expect(await incoming.getByRole('row', { name: new RegExp(projectTitle) }).count()).toBe(1);
		expect(await subjectsTo(owner.email, 1)).toEqual([`Nachnutzung angefragt: ${projectTitle}`]);
	}, 120_000);
});
