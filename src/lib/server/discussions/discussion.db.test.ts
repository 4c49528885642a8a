/**
 * Discussions against a real database (SQLite and PostgreSQL): the question journey with its
 * events and follows, visibility of attached threads, mentions, quotes, edits with history,
 * reports and hiding, the rate limit, pagination and the XSS corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { XSS_PAYLOADS } from '../../../../tests/support/xss-payloads';
import type { PersonActor } from '../context';
import type { Db } from '../db';
import type { ProjectVisibility } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import {
	actorFor,
	at,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import {
	acceptAnswer,
	createDiscussion,
	DISCUSSION_WRITES_PER_PERSON,
	dismissReport,
	editPost,
	getDiscussion,
	getPostHistory,
	hideReportedPost,
	listDiscussions,
	listOpenReports,
	listSubjectDiscussions,
	quoteForReply,
	replyToDiscussion,
	reportPost
} from './index';

const t = useTestDatabase();

let world: World;
let kehlAsker: PersonActor;
let lahrColleague: PersonActor;
let lahrOther: PersonActor;
let coordinatorActor: PersonActor;
let productId: number;
let domainId: number;
let draftProjectId: number;

async function addProduct(db: Db, name: string): Promise<number> {
	const row = await db
		.insertInto('product')
		.values({
			name,
			name_sort: germanSortKey(name),
			category: 'fachverfahren',
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function addProject(
	db: Db,
	municipalityId: number,
	title: string,
	visibility: ProjectVisibility
): Promise<number> {
	const row = await db
		.insertInto('project')
		.values({
			title,
			title_sort: germanSortKey(title),
			summary: `${title} in kurz.`,
			municipality_id: municipalityId,
			status: 'betrieb',
			visibility,
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Every write gets its own ten-minute window unless a test wants the limit. */
let clock = 0;
const ctx = (actor: PersonActor | { kind: 'anonymous' }) => {
	clock += DISCUSSION_WRITES_PER_PERSON.windowSeconds + 1;
	return ctxOf(t.db, actor, clock);
};

beforeAll(async () => {
	const db = t.db;
	world = await buildWorld(db);
	kehlAsker = await personIn(db, [{ municipalityId: world.kehl, role: 'member' }], 'Anna Schmidt');
	lahrColleague = await personIn(
		db,
		[{ municipalityId: world.lahr, role: 'member' }],
		'Bernd Müller'
	);
	lahrOther = await personIn(db, [{ municipalityId: world.lahr, role: 'member' }], 'Clara Vogt');
	coordinatorActor = await coordinator(db);
	await db
		.updateTable('person')
		.set({ is_listed: true })
		.where('id', 'in', [kehlAsker.personId, lahrColleague.personId])
		.execute();
	productId = await addProduct(db, 'Terminvergabe Plus');
	draftProjectId = await addProject(db, world.lahr, 'E-Akte Entwurf Lahr', 'draft');
	const domain = await db
		.insertInto('domain')
		.values({ name: 'Bürgerbüro', name_sort: 'burgerburo' })
		.returning('id')
		.executeTakeFirstOrThrow();
	domainId = domain.id;
});

async function eventsOf(kind: string) {
	const events = await t.db
		.selectFrom('notification_event')
		.select(['id', 'actor_person_id', 'url', 'title', 'audience'])
		.where('kind', '=', kind)
		.orderBy('id')
		.execute();
	return Promise.all(
		events.map(async (event) => ({
			...event,
			subjects: (
				await t.db
					.selectFrom('notification_event_subject')
					.select(['subject_type', 'subject_id'])
					.where('event_id', '=', event.id)
					.orderBy('subject_type')
					.execute()
			).map((s) => `${s.subject_type}:${s.subject_id}`),
			recipients: (
				await t.db
					.selectFrom('notification_event_recipient')
					.select(['person_id', 'reason'])
					.where('event_id', '=', event.id)
					.execute()
			).map((r) => `${r.person_id}:${r.reason}`)
		}))
	);
}

async function follows(personId: number): Promise<string[]> {
	const rows = await t.db
		.selectFrom('follow')
		.select(['subject_type', 'subject_id'])
		.where('person_id', '=', personId)
		.execute();
	return rows.map((r) => `${r.subject_type}:${r.subject_id}`);
}

async function countRows(table: 'discussion' | 'discussion_post' | 'discussion_report') {
	const row = await t.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** No live markup from a payload: no dangerous elements, no event handlers, no script URLs. */
function expectHarmless(html: string): void {
	expect(html).not.toMatch(
		/<(script|iframe|object|embed|svg|math|style|form|input|button|meta|base|img|details|body|noscript|textarea|title|div)\b/i
	);
	expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
	expect(html).not.toMatch(/(href|src|action|data)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
}

describe('a question on a product, answered by a colleague from another town', () => {
	let discussionId: number;
	let answerId: number;

	it('is asked, answered and marked, with events and follows', async () => {
		discussionId = await createDiscussion(ctx(kehlAsker), `product:${productId}`, {
			kind: 'question',
			title: 'Wie binden Sie Terminvergabe Plus an das Fachverfahren an?',
			body: 'Wir starten im Frühjahr. **Wer** hat Erfahrung?',
			domainId: ''
		});
		const { postId, href } = await replyToDiscussion(ctx(lahrColleague), {
			discussionId,
			body: 'Wir nutzen die Schnittstelle seit 2024. @Anna Schmidt, rufen Sie gern an.'
		});
		answerId = postId;
		expect(href).toBe(`/austausch/${discussionId}#beitrag-${postId}`);

		const before = await getDiscussion(ctx(kehlAsker), discussionId);
		expect(before.isAnswered).toBe(false);
		expect(before.replies.map((r) => r.canAccept)).toEqual([true]);
		// The answer's author may not accept; the asker may.
		const asColleague = await getDiscussion(ctx(lahrColleague), discussionId);
		expect(asColleague.replies[0]?.canAccept).toBe(false);
		expect((await errorOf(acceptAnswer(ctx(lahrColleague), { discussionId, postId }))).code).toBe(
			'FORBIDDEN'
		);

		await acceptAnswer(ctx(kehlAsker), { discussionId, postId });
		const view = await getDiscussion(ctx(lahrOther), discussionId);
		expect(view.isAnswered).toBe(true);
		expect(view.accepted?.id).toBe(postId);
		expect(view.accepted?.html).toContain(`<a href="/personen/${kehlAsker.personId}"`);
		expect(view.opening.html).toContain('<strong>Wer</strong>');
		expect(view.subject).toMatchObject({
			type: 'product',
			id: productId,
			href: `/loesungen/${productId}`
		});

		const list = await listSubjectDiscussions(ctx(lahrOther), { type: 'product', id: productId });
		expect(list.items).toMatchObject([
			{ id: discussionId, kind: 'question', isAnswered: true, replyCount: 1 }
		]);

		expect(await eventsOf('discussion.question_asked')).toMatchObject([
			{
				actor_person_id: kehlAsker.personId,
				audience: 'members',
				url: `/austausch/${discussionId}`,
				subjects: [`discussion:${discussionId}`, `product:${productId}`],
				recipients: []
			}
		]);
		expect(await eventsOf('discussion.replied')).toMatchObject([
			{
				actor_person_id: lahrColleague.personId,
				subjects: [`discussion:${discussionId}`],
				recipients: [`${kehlAsker.personId}:mention`]
			}
		]);
		expect(await eventsOf('discussion.answer_accepted')).toMatchObject([
			{
				subjects: [`discussion:${discussionId}`],
				recipients: [`${lahrColleague.personId}:answer_accepted`]
			}
		]);
		expect(await follows(kehlAsker.personId)).toContain(`discussion:${discussionId}`);
		expect(await follows(lahrColleague.personId)).toContain(`discussion:${discussionId}`);
	});

	it('lets the asker change the accepted answer, once per change', async () => {
		const { postId } = await replyToDiscussion(ctx(lahrOther), {
			discussionId,
			body: 'Bei uns lief es über den Zweckverband.'
		});
		await acceptAnswer(ctx(kehlAsker), { discussionId, postId });
		await acceptAnswer(ctx(kehlAsker), { discussionId, postId });
		expect((await getDiscussion(ctx(kehlAsker), discussionId)).accepted?.id).toBe(postId);
		expect(await eventsOf('discussion.answer_accepted')).toHaveLength(2);
		await acceptAnswer(ctx(coordinatorActor), { discussionId, postId: answerId });
		expect((await getDiscussion(ctx(kehlAsker), discussionId)).accepted?.id).toBe(answerId);
	});

	it('quotes a post as a block attributed to its author', async () => {
		const quote = await quoteForReply(ctx(lahrOther), discussionId, answerId);
		expect(quote).toBe(
			`> **Bernd Müller** [schrieb](/austausch/${discussionId}#beitrag-${answerId}):\n>\n` +
				'> Wir nutzen die Schnittstelle seit 2024. @Anna Schmidt, rufen Sie gern an.\n\n'
		);
		expect(await quoteForReply(ctx(lahrOther), discussionId + 999, answerId)).toBe('');
	});

	it('keeps every earlier version of an edited post', async () => {
		await editPost(ctx(lahrColleague), { postId: answerId, body: 'Zweite Fassung.' });
		await editPost(ctx(lahrColleague), { postId: answerId, body: 'Dritte Fassung.' });
		const history = await getPostHistory(ctx(lahrOther), answerId);
		expect(history.versions.map((v) => [v.isCurrent, v.html])).toEqual([
			[true, '<p>Dritte Fassung.</p>'],
			[false, '<p>Zweite Fassung.</p>'],
			[false, expect.stringContaining('Wir nutzen die Schnittstelle')]
		]);
		const view = await getDiscussion(ctx(lahrOther), discussionId);
		expect(view.accepted?.editedAt).not.toBeNull();
		expect(
			(await errorOf(editPost(ctx(kehlAsker), { postId: answerId, body: 'Fremd.' }))).code
		).toBe('FORBIDDEN');
	});
});

describe('who may read and write', () => {
	it('hides threads on a draft project from those who may not see the project', async () => {
		const id = await createDiscussion(ctx(lahrOther), `project:${draftProjectId}`, {
			kind: 'discussion',
			title: 'Aktenplan für die E-Akte abstimmen',
			body: 'Entwurf im Anhang.',
			domainId: ''
		});
		expect((await getDiscussion(ctx(lahrColleague), id)).subject?.type).toBe('project');
		expect((await errorOf(getDiscussion(ctx(kehlAsker), id))).code).toBe('NOT_FOUND');
		const kehlList = await listDiscussions(ctx(kehlAsker), {});
		expect(kehlList.items.map((item) => item.id)).not.toContain(id);
		const lahrList = await listDiscussions(ctx(lahrColleague), {});
		expect(lahrList.items.map((item) => item.id)).toContain(id);
		expect((await getDiscussion(ctx(coordinatorActor), id)).id).toBe(id);
		expect(
			(
				await errorOf(
					createDiscussion(ctx(kehlAsker), `project:${draftProjectId}`, {
						kind: 'question',
						title: 'Darf ich hier fragen?',
						body: 'Text',
						domainId: ''
					})
				)
			).code
		).toBe('NOT_FOUND');
	});

	it('refuses visitors, people without a municipality or confirmed address, and read-only tokens', async () => {
		const input = {
			kind: 'discussion',
			title: 'Ein neuer Austausch',
			body: 'Text',
			domainId: String(domainId)
		};
		expect((await errorOf(listDiscussions(ctx({ kind: 'anonymous' }), {}))).code).toBe(
			'UNAUTHENTICATED'
		);
		const unverified = { ...kehlAsker, isEmailVerified: false };
		expect((await errorOf(createDiscussion(ctx(unverified), null, input))).code).toBe('FORBIDDEN');
		const nobody = await personIn(t.db, []);
		expect((await errorOf(createDiscussion(ctx(nobody), null, input))).code).toBe('FORBIDDEN');
		const readOnly: PersonActor = {
			...kehlAsker,
			auth: { method: 'token', scope: 'read', tokenId: 1 }
		};
		expect((await errorOf(createDiscussion(ctx(readOnly), null, input))).code).toBe('FORBIDDEN');
		// Reading with a read-only token is fine.
		expect((await listDiscussions(ctx(readOnly), {})).canPost).toBe(false);
	});

	it('needs a domain for a thread that is not attached, and changes nothing on bad input', async () => {
		const before = await countRows('discussion');
		const missing = await errorOf(
			createDiscussion(ctx(kehlAsker), null, {
				kind: 'discussion',
				title: 'Ohne Fachbereich',
				body: 'Text',
				domainId: ''
			})
		);
		expect(missing.fields).toEqual({ domainId: 'domain_required' });
		const bad = await errorOf(
			createDiscussion(ctx(kehlAsker), null, {
				kind: 'umfrage',
				title: 'ab',
				body: ' ',
				domainId: String(domainId)
			})
		);
		expect(bad.fields).toEqual({
			kind: 'kind_invalid',
			title: 'title_too_short',
			body: 'body_required'
		});
		expect(
			(
				await errorOf(
					createDiscussion(ctx(kehlAsker), 'product:999999', {
						kind: 'question',
						title: 'Unbekannt',
						body: 'x',
						domainId: ''
					})
				)
			).code
		).toBe('NOT_FOUND');
		expect(await countRows('discussion')).toBe(before);

		const id = await createDiscussion(ctx(kehlAsker), null, {
			kind: 'discussion',
			title: 'Öffnungszeiten im Bürgerbüro',
			body: 'Wie handhaben Sie das?',
			domainId: String(domainId)
		});
		const inDomain = await listDiscussions(ctx(lahrOther), { domainId: String(domainId) });
		expect(inDomain.domainName).toBe('Bürgerbüro');
		expect(inDomain.items.map((item) => item.id)).toEqual([id]);
		expect((await eventsOf('discussion.started')).at(-1)?.subjects).toEqual([`discussion:${id}`]);
	});
});

describe('mentions', () => {
	it('links listed people by their exact name and leaves others as text', async () => {
		const id = await createDiscussion(ctx(lahrOther), null, {
			kind: 'discussion',
			title: 'Erwähnungen prüfen',
			body: 'Danke @Bernd Müller. Und @Clara Vogt (nicht im Verzeichnis), mail@Anna Schmidt nicht.\n\n```\n@Anna Schmidt\n```',
			domainId: String(domainId)
		});
		const view = await getDiscussion(ctx(kehlAsker), id);
		expect(view.opening.html).toContain(
			`<a href="/personen/${lahrColleague.personId}" rel="noopener noreferrer nofollow">@Bernd Müller</a>.`
		);
		expect(view.opening.html).toContain('@Clara Vogt');
		expect(view.opening.html).not.toContain(`/personen/${kehlAsker.personId}`);
		expect((await eventsOf('discussion.started')).at(-1)?.recipients).toEqual([
			`${lahrColleague.personId}:mention`
		]);
	});
});

describe('reports and hiding', () => {
	it('lets a member report, and the coordination hide with a reason (logged) or dismiss', async () => {
		const id = await createDiscussion(ctx(kehlAsker), null, {
			kind: 'discussion',
			title: 'Werbung im Austausch',
			body: 'Ausgangsfrage.',
			domainId: String(domainId)
		});
		const { postId } = await replyToDiscussion(ctx(lahrColleague), {
			discussionId: id,
			body: 'Kaufen Sie bei uns!'
		});
		const { postId: fine } = await replyToDiscussion(ctx(lahrColleague), {
			discussionId: id,
			body: 'Sachlicher Hinweis.'
		});
		expect(
			(await errorOf(reportPost(ctx(lahrColleague), { postId, reason: 'eigener' }))).code
		).toBe('FORBIDDEN');
		expect((await errorOf(reportPost(ctx(kehlAsker), { postId, reason: ' ' }))).fields).toEqual({
			reason: 'reason_required'
		});
		await reportPost(ctx(kehlAsker), { postId, reason: 'Werbung' });
		expect((await errorOf(reportPost(ctx(kehlAsker), { postId, reason: 'Nochmal' }))).code).toBe(
			'CONFLICT'
		);
		await reportPost(ctx(lahrOther), { postId, reason: 'Spam' });
		await reportPost(ctx(kehlAsker), { postId: fine, reason: 'Unsicher' });

		expect((await errorOf(listOpenReports(ctx(kehlAsker)))).code).toBe('FORBIDDEN');
		const reports = await listOpenReports(ctx(coordinatorActor));
		const ofPost = reports.filter((r) => r.postId === postId);
		expect(ofPost.map((r) => r.reason)).toEqual(['Werbung', 'Spam']);
		expect(
			(await errorOf(hideReportedPost(ctx(kehlAsker), { reportId: ofPost[0]!.id, reason: 'x' })))
				.code
		).toBe('FORBIDDEN');

		await hideReportedPost(ctx(coordinatorActor), {
			reportId: ofPost[0]!.id,
			reason: 'Werbung ist hier nicht erlaubt'
		});
		const view = await getDiscussion(ctx(kehlAsker), id);
		const hidden = view.replies.find((r) => r.id === postId);
		expect(hidden).toMatchObject({
			html: null,
			hiddenReason: 'Werbung ist hier nicht erlaubt',
			canEdit: false,
			canQuote: false
		});
		expect((await errorOf(editPost(ctx(lahrColleague), { postId, body: 'Neu' }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(getPostHistory(ctx(kehlAsker), postId))).code).toBe('NOT_FOUND');
		expect((await getPostHistory(ctx(coordinatorActor), postId)).versions).toHaveLength(1);
		expect(await quoteForReply(ctx(kehlAsker), id, postId)).toBe('');

		const left = await listOpenReports(ctx(coordinatorActor));
		expect(left.map((r) => r.postId)).toEqual([fine]);
		await dismissReport(ctx(coordinatorActor), { reportId: left[0]!.id });
		expect(await listOpenReports(ctx(coordinatorActor))).toEqual([]);
		expect((await getDiscussion(ctx(kehlAsker), id)).replies.find((r) => r.id === fine)?.html).toBe(
			'<p>Sachlicher Hinweis.</p>'
		);
		expect(
			(await errorOf(dismissReport(ctx(coordinatorActor), { reportId: left[0]!.id }))).code
		).toBe('CONFLICT');

		const audit = await t.db
			.selectFrom('audit_event')
			.select(['action', 'actor_person_id', 'subject_id'])
			.where('action', 'like', 'discussion.%')
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{
				action: 'discussion.post_hidden',
				actor_person_id: coordinatorActor.personId,
				subject_id: postId
			},
			{
				action: 'discussion.report_dismissed',
				actor_person_id: coordinatorActor.personId,
				subject_id: fine
			}
		]);
	});
});

describe('rate limit and pagination', () => {
	it('refuses the write after the limit within the window and writes nothing', async () => {
		const poster = await actorFor(
			t.db,
			(await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }])).personId
		);
		const start = clock + 10_000;
		clock = start + 10_000;
		const fixed = ctxOf(t.db, poster, start);
		const id = await createDiscussion(fixed, null, {
			kind: 'discussion',
			title: 'Viele Antworten',
			body: 'Start',
			domainId: String(domainId)
		});
		for (let i = 1; i < DISCUSSION_WRITES_PER_PERSON.limit; i++) {
			await replyToDiscussion(fixed, { discussionId: id, body: `Antwort ${i}` });
		}
		const posts = await countRows('discussion_post');
		const refused = await errorOf(
			replyToDiscussion(fixed, { discussionId: id, body: 'Eine zu viel' })
		);
		expect(refused.code).toBe('RATE_LIMITED');
		expect(await countRows('discussion_post')).toBe(posts);
		// After the window, writing works again.
		await replyToDiscussion(
			ctxOf(t.db, poster, start + DISCUSSION_WRITES_PER_PERSON.windowSeconds + 1),
			{
				discussionId: id,
				body: 'Wieder möglich'
			}
		);
	});

	it('shows 50 replies a page and links each post to its page', async () => {
		const id = await createDiscussion(ctx(kehlAsker), null, {
			kind: 'question',
			title: 'Lange Diskussion',
			body: 'Start',
			domainId: String(domainId)
		});
		const now = at().toISOString();
		const rows = Array.from({ length: 120 }, (_, i) => ({
			discussion_id: id,
			author_person_id: lahrColleague.personId,
			body_source: `Antwort ${i + 1}`,
			body_html: `<p>Antwort ${i + 1}</p>`,
			created_at: now
		}));
		await t.db.insertInto('discussion_post').values(rows).execute();
		await t.db.updateTable('discussion').set({ reply_count: 120 }).where('id', '=', id).execute();
		const third = await getDiscussion(ctx(kehlAsker), id, { page: 3 });
		expect(third.pageCount).toBe(3);
		expect(third.replies).toHaveLength(20);
		expect(third.replies[0]?.html).toBe('<p>Antwort 101</p>');
		expect(third.replies[0]?.href).toBe(`/austausch/${id}?seite=3#beitrag-${third.replies[0]?.id}`);
		expect((await getDiscussion(ctx(kehlAsker), id, { page: 99 })).page).toBe(3);
		await acceptAnswer(ctx(kehlAsker), { discussionId: id, postId: third.replies[5]!.id });
		const first = await getDiscussion(ctx(kehlAsker), id);
		expect(first.accepted?.href).toBe(`/austausch/${id}?seite=3#beitrag-${third.replies[5]?.id}`);
	});
});

describe('the XSS corpus', () => {
	it('is stored harmless in every text field', async () => {
		for (const payload of XSS_PAYLOADS) {
			const id = await createDiscussion(ctx(kehlAsker), null, {
				kind: 'question',
				title: `Frage ${payload}`,
				body: payload,
				domainId: String(domainId)
			});
			const { postId } = await replyToDiscussion(ctx(lahrColleague), {
				discussionId: id,
				body: `Antwort ${payload}`
			});
			await editPost(ctx(lahrColleague), { postId, body: `${payload} bearbeitet` });
			await reportPost(ctx(kehlAsker), { postId, reason: payload });
			const view = await getDiscussion(ctx(lahrOther), id);
			// Titles and reasons are plain text, escaped where shown; stored as written.
			expect(view.title).toBe(`Frage ${payload.trim()}`.trim());
			for (const html of [view.opening.html, view.replies[0]?.html]) expectHarmless(html ?? '');
			for (const version of (await getPostHistory(ctx(lahrOther), postId)).versions)
				expectHarmless(version.html);
		}
		for (const report of await listOpenReports(ctx(coordinatorActor)))
			expectHarmless(report.postHtml);
	});
});
