/**
 * Discussions in the browser: a Digitallotsin of Kehl asks a question on a product page, a
 * colleague from Lahr quotes and answers (mentioning her), edits the answer, the asker marks it
 * accepted; a member reports a post and the coordination hides it with a reason. And the XSS
 * corpus in titles, bodies and reasons, shown with JavaScript on, stays text. The rules are
 * covered by src/lib/server/discussions/discussion.db.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../support/xss-payloads';
import type { Ctx } from '../../src/lib/server/context';
import { createDiscussion, replyToDiscussion, reportPost } from '../../src/lib/server/discussions';
import { baseUrl, expectNoAxeViolations, h1Text, useBrowser, visit } from './support/browser';
import { createTestProduct } from './support/catalogue';
import { mailsTo, rawHeader } from './support/mail';
import { createTestPerson, signInAs, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
const OFFENBURG = '08317096';

async function listed(person: TestPerson): Promise<void> {
	await withServerDatabase((db) =>
		db.updateTable('person').set({ is_listed: true }).where('id', '=', person.personId).execute()
	);
}

async function clickAndCheck(page: Page, name: string, role: 'link' | 'button' = 'link') {
	await Promise.all([page.waitForNavigation(), page.getByRole(role, { name }).first().click()]);
	await expectNoAxeViolations(page);
}

async function eventKinds(discussionId: number) {
	return withServerDatabase(async (db) => {
		const events = await db
			.selectFrom('notification_event')
			.select(['id', 'kind'])
			.where('url', 'like', `/austausch/${discussionId}%`)
			.orderBy('id')
			.execute();
		const recipients = await db
			.selectFrom('notification_event_recipient')
			.select(['event_id', 'person_id', 'reason'])
			.where(
				'event_id',
				'in',
				events.map((e) => e.id)
			)
			.execute();
		return events.map((e) => ({
			kind: e.kind,
			recipients: recipients
				.filter((r) => r.event_id === e.id)
				.map((r) => `${r.person_id}:${r.reason}`)
		}));
	});
}

describe('discussions', () => {
	const session = useBrowser({ javaScriptEnabled: false });

	it('a question on a product page, answered from another town and accepted', async () => {
		// Letters only: a mention is made of words (see discussion.mentions.ts).
		const stamp = Date.now()
			.toString(36)
			.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x');
		const asker = await createTestPerson({
			email: `lotsin-${stamp}@kehl.example`,
			displayName: `Karin Kehl${stamp}`,
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const colleague = await createTestPerson({
			email: `kollege-${stamp}@lahr.example`,
			displayName: `Lukas Lahr${stamp}`,
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		// Someone from Offenburg follows the product: she learns of the question.
		const follower = await createTestPerson({
			email: `folgt-${stamp}@offenburg.example`,
			displayName: `Olga Offenburg${stamp}`,
			memberships: [{ ags: OFFENBURG, role: 'member' }]
		});
		await listed(asker);
		const productId = await createTestProduct(`Terminbuchung ${stamp}`);
		const { page } = session;
		await signInAs(page, follower);
		await visit(page, `/loesungen/${productId}`);
		await clickAndCheck(page, `Terminbuchung ${stamp} folgen`, 'button');
		expect(
			await page.getByRole('button', { name: `Terminbuchung ${stamp} nicht mehr folgen` }).count()
		).toBe(1);
		await page.context().clearCookies();

		// Visitors see a hint to sign in, no threads.
		await visit(page, `/loesungen/${productId}`);
		expect(await page.getByRole('heading', { name: 'Fragen und Austausch' }).count()).toBe(1);
		expect(await page.getByRole('link', { name: 'Frage stellen' }).count()).toBe(0);

		await signInAs(page, asker);
		await visit(page, `/loesungen/${productId}`);
		await clickAndCheck(page, 'Frage stellen');
		expect(new URL(page.url()).search).toBe(`?bezug=product:${productId}&art=frage`);
		expect(await h1Text(page)).toBe('Frage stellen');
		// Nothing filled in: the problems are shown next to the fields, nothing is saved.
		await page.getByLabel('Titel').fill('   ');
		await page.getByLabel('Text', { exact: true }).fill('   ');
		await clickAndCheck(page, 'Veröffentlichen', 'button');
		expect(await page.getByText('Bitte geben Sie einen Titel ein.').count()).toBe(1);
		expect(await page.getByText('Bitte schreiben Sie einen Text.').count()).toBe(1);

		const title = `Wie lange dauert die Einführung? ${stamp}`;
		await page.getByLabel('Titel').fill(title);
		await page
			.getByLabel('Text', { exact: true })
			.fill('Wir wollen **im Frühjahr** starten. Wer hat Erfahrung?');
		await clickAndCheck(page, 'Veröffentlichen', 'button');
		expect(await h1Text(page)).toBe(title);
		expect(await page.getByText('Ihr Beitrag ist veröffentlicht.').count()).toBe(1);
		expect(await page.getByText('Diese Frage ist noch offen.').count()).toBe(1);
		const discussionId = Number(/\/austausch\/(\d+)/.exec(page.url())?.[1]);
		expect(await page.locator('strong', { hasText: 'im Frühjahr' }).count()).toBe(1);

		// The colleague from Lahr quotes the question and answers, mentioning the asker.
		await signInAs(page, colleague);
		await visit(page, `/austausch/${discussionId}`);
		await clickAndCheck(page, 'Zitieren');
		const reply = page.getByLabel('Ihre Antwort');
		expect(await reply.inputValue()).toContain(`> **Karin Kehl${stamp}** [schrieb](`);
		await reply.fill(`${await reply.inputValue()}Bei uns drei Monate, @Karin Kehl${stamp}.`);
		await clickAndCheck(page, 'Antwort senden', 'button');
		expect(await page.getByText('Ihre Antwort ist veröffentlicht.').count()).toBe(1);
		const answer = page.locator('article', { hasText: 'Bei uns drei Monate' });
		expect(await answer.locator('blockquote').count()).toBe(1);
		expect(
			await answer.getByRole('link', { name: `@Karin Kehl${stamp}` }).getAttribute('href')
		).toBe(`/personen/${asker.personId}`);
		// The colleague may not accept; she edits her answer, the earlier version is kept.
		expect(await page.getByRole('button', { name: 'Als Antwort annehmen' }).count()).toBe(0);
		await clickAndCheck(page, 'Bearbeiten');
		await page
			.getByLabel('Text', { exact: true })
			.fill(`Bei uns drei Monate mit Schulung, @Karin Kehl${stamp}.`);
		await clickAndCheck(page, 'Änderung speichern', 'button');
		expect(await page.getByText('Ihre Änderung ist gespeichert.').count()).toBe(1);
		await clickAndCheck(page, 'Frühere Fassungen');
		expect(await h1Text(page)).toBe('Fassungen eines Beitrags');
		expect(await page.getByText('Bei uns drei Monate mit Schulung').count()).toBe(1);
		expect(await page.getByRole('heading', { name: /^Fassung vom / }).count()).toBe(1);

		// The asker marks the answer; it is shown at the top, the lists say "beantwortet".
		await signInAs(page, asker);
		await visit(page, `/austausch/${discussionId}`);
		await clickAndCheck(page, 'Als Antwort annehmen', 'button');
		expect(await page.getByText('Die Antwort ist als angenommene Antwort markiert.').count()).toBe(
			1
		);
		const top = page.locator('section', {
			has: page.getByRole('heading', { name: 'Angenommene Antwort' })
		});
		expect(await top.getByText('Bei uns drei Monate mit Schulung').count()).toBe(1);
		await visit(page, `/loesungen/${productId}`);
		const block = page.locator('section', {
			has: page.getByRole('heading', { name: 'Fragen und Austausch' })
		});
		expect(await block.getByRole('link', { name: title }).count()).toBe(1);
		expect(await block.getByText('beantwortet').count()).toBe(1);
		await visit(page, `/austausch?bezug=product:${productId}`);
		expect(await page.getByRole('link', { name: title }).count()).toBe(1);

		// The events for followers were published (fan-out is the notification module's).
		expect(await eventKinds(discussionId)).toEqual([
			{ kind: 'discussion.question_asked', recipients: [] },
			{ kind: 'discussion.replied', recipients: [`${asker.personId}:mention`] },
			{ kind: 'discussion.answer_accepted', recipients: [`${colleague.personId}:answer_accepted`] }
		]);

		// Followers are notified by mail (the server's workers, its real SMTP listener): the
		// product's follower of the question, the asker (who follows her question) of the answer,
		// the colleague (who follows the thread she answered) of the acceptance.
		const thread = `${baseUrl()}/austausch/${discussionId}`;
		for (const person of [follower, asker, colleague]) {
			const mails = await mailsTo(person.email);
			expect(mails.every((mail) => mail.text?.includes(thread))).toBe(true);
			expect(rawHeader(mails[0]!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		}
		expect((await mailsTo(colleague.email)).map((mail) => mail.subject).join(' ')).toContain(title);
	}, 180_000);

	it('a member reports a post and the coordination hides it with a reason', async () => {
		const stamp = Date.now().toString(36);
		const author = await createTestPerson({
			email: `autor-${stamp}@kehl.example`,
			displayName: 'Anton Autor',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const reader = await createTestPerson({
			email: `leser-${stamp}@lahr.example`,
			displayName: 'Lea Leserin',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const coordination = await createTestPerson({
			email: `koordination-${stamp}@netz.example`,
			displayName: 'Kora Koordination',
			isCoordinator: true
		});
		const productId = await createTestProduct(`Kassenverfahren ${stamp}`);
		const { page } = session;
		await signInAs(page, author);
		await visit(page, `/austausch/neu?bezug=product:${productId}`);
		await page.getByLabel('Titel').fill(`Günstige Lizenzen ${stamp}`);
		await page.getByLabel('Text', { exact: true }).fill('Kaufen Sie jetzt bei meinem Schwager!');
		await clickAndCheck(page, 'Veröffentlichen', 'button');
		const threadPath = new URL(page.url()).pathname;

		await signInAs(page, reader);
		await visit(page, threadPath);
		await clickAndCheck(page, 'Melden');
		await page.getByLabel('Grund der Meldung').fill('Werbung');
		await clickAndCheck(page, 'Meldung senden', 'button');
		expect(
			await page
				.getByText('Danke. Ihre Meldung ist bei der Netzwerkkoordination eingegangen.')
				.count()
		).toBe(1);

		await signInAs(page, coordination);
		await visit(page, '/verwaltung/meldungen');
		const report = page.locator('section', { hasText: `Günstige Lizenzen ${stamp}` });
		expect(await report.getByText('Grund der Meldung: Werbung').count()).toBe(1);
		await report
			.getByLabel('Grund für das Ausblenden (wird angezeigt)')
			.fill('Werbung ist nicht erlaubt');
		await Promise.all([
			page.waitForNavigation(),
			report.getByRole('button', { name: 'Beitrag ausblenden' }).click()
		]);
		await expectNoAxeViolations(page);
		expect(await page.getByText('Der Beitrag ist ausgeblendet.').count()).toBe(1);

		await signInAs(page, reader);
		await visit(page, threadPath);
		expect(
			await page
				.getByText('Beitrag von der Koordination ausgeblendet: Werbung ist nicht erlaubt')
				.count()
		).toBe(1);
		expect(await page.getByText('Kaufen Sie jetzt').count()).toBe(0);
		const audit = await withServerDatabase((db) =>
			db
				.selectFrom('audit_event')
				.select('actor_person_id')
				.where('action', '=', 'discussion.post_hidden')
				.execute()
		);
		expect(audit.map((a) => a.actor_person_id)).toContain(coordination.personId);
	}, 180_000);

	it('shows the XSS corpus in titles, posts and reasons as text, with JavaScript on', async () => {
		const stamp = Date.now().toString(36);
		const asker = await createTestPerson({
			email: `xss-a-${stamp}@kehl.example`,
			displayName: 'Xss Fragende',
			memberships: [{ ags: KEHL, role: 'member' }]
		});
		const answerer = await createTestPerson({
			email: `xss-b-${stamp}@lahr.example`,
			displayName: 'Xss Antwortender',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const coordination = await createTestPerson({
			email: `xss-koordination-${stamp}@netz.example`,
			displayName: 'Xss Koordination',
			isCoordinator: true
		});
		const productId = await createTestProduct(`XSS-Produkt ${stamp}`);
		// Written through the discussions service on the server's database (one thread per
		// payload, as titles are short); what is tested here is how the pages show them.
		const all = XSS_PAYLOADS.join('\n\n');
		const { threadId, replyId } = await withServerDatabase(async (db) => {
			const rows = await db
				.selectFrom('municipality')
				.select(['id', 'ags'])
				.where('ags', 'in', [KEHL, LAHR])
				.execute();
			const idOf = (ags: string) => rows.find((row) => row.ags === ags)?.id ?? 0;
			const as = (person: TestPerson, ags: string, minutes: number): Ctx => ({
				db,
				now: () => new Date(Date.now() + minutes * 60_000),
				actor: {
					kind: 'person',
					personId: person.personId,
					displayName: person.email,
					isCoordinator: false,
					municipalities: [{ municipalityId: idOf(ags), role: 'member' }],
					sessionId: null,
					auth: { method: 'session' },
					hasTwoFactor: false,
					isEmailVerified: true
				}
			});
			let first = 0;
			for (const [index, payload] of XSS_PAYLOADS.entries()) {
				// Each in its own window of the posting limit.
				const id = await createDiscussion(as(asker, KEHL, index * 11), `product:${productId}`, {
					kind: 'question',
					title: `Frage ${payload}`.slice(0, 200),
					body: payload,
					domainId: ''
				});
				first ||= id;
			}
			const reply = await replyToDiscussion(as(answerer, LAHR, 0), {
				discussionId: first,
				body: all
			});
			await reportPost(as(asker, KEHL, 1000), { postId: reply.postId, reason: all.slice(0, 1000) });
			return { threadId: first, replyId: reply.postId };
		});
		const page = await session.newPage({ javaScriptEnabled: true });
		const expectInert = async (scope: string) => {
			expect(
				await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
			).toBeUndefined();
			expect(
				await page
					.locator(
						`${scope} :is(script, iframe, img, svg, object, embed, form, input, style, math)`
					)
					.count()
			).toBe(0);
		};
		await signInAs(page, asker);
		await visit(page, `/austausch/${threadId}`);
		await expectInert('.markdown');
		expect(await page.locator(`#beitrag-${replyId}`).count()).toBe(1);
		await visit(page, `/austausch?bezug=product:${productId}`);
		await expectInert('.discussion-list');
		// Titles are shown as the text that was typed (the newest 30 are on the first page).
		for (const payload of XSS_PAYLOADS.slice(-5)) {
			expect(await page.getByRole('link', { name: `Frage ${payload}`, exact: true }).count()).toBe(
				1
			);
		}
		await visit(page, `/loesungen/${productId}`);
		await expectInert('.subject-discussions');
		await signInAs(page, coordination);
		await visit(page, '/verwaltung/meldungen');
		await expectInert('blockquote');
		expect(
			await page.getByText(`Grund der Meldung: ${XSS_PAYLOADS[0]}`, { exact: false }).count()
		).toBe(1);
	}, 180_000);
});
