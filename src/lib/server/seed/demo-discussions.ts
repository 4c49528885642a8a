/**
 * A few demo threads for the exchange (decision 0026): questions on products and a project, one
 * thread in a category, with replies and an accepted answer. Written through the discussions
 * services by demo people, after the catalogue is committed (the services count writes against a
 * rate limit, which must not run inside a transaction). Threads are marked as demo.
 */
import type { Ctx } from '../context';
import type { Db } from '../db';
import { acceptAnswer, createDiscussion, replyToDiscussion } from '../discussions';
import { demoPersonActor } from './demo-catalogue';

interface DemoThread {
	by: string;
	/** `product:<name>`, `project:<key>` or `domain:<name>`. */
	about: string;
	kind: 'question' | 'discussion';
	title: string;
	body: string;
	daysAgo: number;
	replies: { by: string; body: string; daysAgo: number; isAccepted?: boolean }[];
}

const THREADS: readonly DemoThread[] = [
	{
		by: 'stefanie.braun@achern.example',
		about: 'product:enaio',
		kind: 'question',
		title: 'E-Akte mit enaio: Wie haben Sie den Aktenplan übernommen?',
		body: 'Wir führen im Frühjahr die E-Akte ein. Haben Sie den Aktenplan aus dem Boorberg-Muster übernommen oder einen eigenen erstellt? Und wie lange hat die Migration der Altakten gedauert?',
		daysAgo: 21,
		replies: [
			{
				by: 'markus.schaefer@lahr.example',
				body: 'Wir haben den Aktenplan des Landes als Grundlage genommen und auf unsere Ämter gekürzt. Altakten haben wir **nicht** migriert, sondern nur laufende Vorgänge ab Stichtag digital geführt. Das hat uns viel Zeit gespart.\n\nGern zeige ich Ihnen das einmal per Videokonferenz.',
				daysAgo: 20,
				isAccepted: true
			},
			{
				by: 'stefanie.braun@achern.example',
				body: 'Danke @Markus Schäfer, das mit dem Stichtag übernehmen wir. Ich melde mich für einen Termin.',
				daysAgo: 19
			}
		]
	},
	{
		by: 'thomas.vogt@oberkirch.example',
		about: 'product:tevis',
		kind: 'question',
		title: 'Online-Terminvergabe: Wie viele Termine halten Sie für Spontanbesuche frei?',
		body: 'Bei uns kommen viele Bürgerinnen und Bürger weiterhin ohne Termin. Wie teilen Sie die Schalterzeiten zwischen gebuchten Terminen und Spontanbesuchen auf?',
		daysAgo: 9,
		replies: [
			{
				by: 'jonas.weber@kehl.example',
				body: 'In Kehl sind vormittags 80 % der Zeiten buchbar, nachmittags die Hälfte. Die Wartezeiten sind seitdem deutlich kürzer.',
				daysAgo: 8
			}
		]
	},
	{
		by: 'aylin.demir@lahr.example',
		about: 'project:kehl-online-termine',
		kind: 'discussion',
		title: 'Erinnerungs-SMS vor dem Termin: Erfahrungen?',
		body: 'Kehl verschickt Erinnerungen vor dem Termin. Lohnt sich der Aufwand, oder reicht die E-Mail?',
		daysAgo: 5,
		replies: [
			{
				by: 'leonie.hartmann@kehl.example',
				body: 'Die E-Mail reicht meist. Seit der Erinnerung sind aber deutlich weniger Termine verfallen.',
				daysAgo: 4
			}
		]
	},
	{
		by: 'sabine.keller@offenburg.example',
		about: 'domain:Organisation und IT',
		kind: 'discussion',
		title: 'Austausch der Digitallotsen: Themen für das nächste Treffen',
		body: 'Welche Themen wünschen Sie sich für das nächste Treffen der Digitallotsen? Vorschläge bitte hier als Antwort.',
		daysAgo: 3,
		replies: []
	}
];

const dayClock = (now: Date, daysAgo: number) => () =>
	new Date(now.getTime() - daysAgo * 24 * 60 * 60 * 1000);

/** Writes the demo threads; returns how many were written. */
export async function seedDemoDiscussions(
	db: Db,
	projectIds: Readonly<Record<string, number>>,
	now: () => Date
): Promise<number> {
	const today = now();
	const people = new Map(
		(await db.selectFrom('person').select(['id', 'email']).execute()).map((p) => [p.email, p.id])
	);
	const products = new Map(
		(await db.selectFrom('product').select(['id', 'name']).execute()).map((p) => [
			p.name.toLowerCase(),
			p.id
		])
	);
	const domains = new Map(
		(await db.selectFrom('domain').select(['id', 'name']).execute()).map((d) => [d.name, d.id])
	);
	const as = async (email: string, daysAgo: number): Promise<Ctx | null> => {
		const personId = people.get(email);
		if (personId === undefined) return null;
		return { db, actor: await demoPersonActor(db, personId), now: dayClock(today, daysAgo) };
	};
	const ids: number[] = [];
	for (const thread of THREADS) {
		const [type = '', key = ''] = thread.about.split(/:(.*)/);
		const subjectId =
			type === 'product' ? products.get(key) : type === 'project' ? projectIds[key] : undefined;
		const domainId = type === 'domain' ? domains.get(key) : undefined;
		const ctx = await as(thread.by, thread.daysAgo);
		if (!ctx || (subjectId === undefined && domainId === undefined)) continue;
		const id = await createDiscussion(
			ctx,
			subjectId === undefined ? null : `${type}:${subjectId}`,
			{
				kind: thread.kind,
				title: thread.title,
				body: thread.body,
				domainId: domainId === undefined ? '' : String(domainId)
			}
		);
		ids.push(id);
		for (const reply of thread.replies) {
			const replyCtx = await as(reply.by, reply.daysAgo);
			if (!replyCtx) continue;
			const { postId } = await replyToDiscussion(replyCtx, { discussionId: id, body: reply.body });
			if (reply.isAccepted) await acceptAnswer(ctx, { discussionId: id, postId });
		}
	}
	if (ids.length > 0) {
		await db.updateTable('discussion').set({ is_demo: true }).where('id', 'in', ids).execute();
	}
	return ids.length;
}
