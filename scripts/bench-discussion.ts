/**
 * One discussion thread with BENCH_DISCUSSION_REPLIES (2,000) replies for the `discussion`
 * benchmark targets, bulk-inserted by the bench people (authors `Lasttest 000` …). The thread is
 * opened through the discussions service (so it is as the application writes it); the replies
 * bypass it (the service rate-limits per person) but store HTML rendered by the same
 * renderMarkdown, as the service does at write time.
 */
import type { Db } from '../src/lib/server/db';
import { systemContext } from '../src/lib/server/context';
import { createDiscussion } from '../src/lib/server/discussions';
import { renderMarkdown } from '../src/lib/server/text/markdown';

const TEXTS = [
	'Wir haben die **E-Akte** im Bauamt zuerst eingeführt. Der Aktenplan kam vom Land, angepasst an unsere Ämter.',
	'Bei uns lief die Einführung in drei Stufen:\n\n- Posteingang scannen\n- laufende Vorgänge digital\n- Altakten nur bei Bedarf',
	'> Wie lange hat die Schulung gedauert?\n\nZwei halbe Tage pro Amt, danach eine Sprechstunde pro Woche.',
	'Die Online-Terminvergabe hat die Wartezeiten im Bürgerbüro deutlich verkürzt; 80 % der Zeiten sind buchbar.',
	'Für die Schnittstelle zum Fachverfahren brauchten wir eine Anpassung des Herstellers, rund 4.000 € einmalig.',
	'Wichtig war die frühe Einbindung des Personalrats und der Datenschutzbeauftragten.',
	'Wir nutzen das Verfahren seit 2023 gemeinsam mit zwei Nachbargemeinden im Verwaltungsverband.',
	'Gern stelle ich unsere Dienstanweisung zur Verfügung, bitte kurz per E-Mail melden.'
];

export async function seedBenchDiscussion(
	db: Db,
	now: () => Date,
	replies = Number(process.env.BENCH_DISCUSSION_REPLIES ?? 2000)
): Promise<{ id: number; replies: number }> {
	const domain = await db
		.insertInto('domain')
		.values({ name: 'Lasttest Austausch', name_sort: 'lasttest austausch' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const authors = (
		await db.selectFrom('person').select('id').orderBy('id').limit(50).execute()
	).map((row) => row.id);
	const coordinatorCtx = {
		...systemContext(db, 'bench', now),
		actor: {
			kind: 'person' as const,
			personId: authors[0]!,
			displayName: 'Lasttest 000',
			isCoordinator: true,
			municipalities: [],
			sessionId: null,
			auth: { method: 'session' as const },
			hasTwoFactor: false,
			isEmailVerified: true
		}
	};
	const id = await createDiscussion(coordinatorCtx, null, {
		kind: 'question',
		title: 'Erfahrungen mit der Einführung der E-Akte',
		body: 'Wir planen die Einführung der E-Akte. Welche Erfahrungen haben Sie gemacht?',
		domainId: String(domain.id)
	});
	const rendered = TEXTS.map((text) => ({ source: text, html: renderMarkdown(text) }));
	const start = now().getTime() - replies * 60_000;
	const rows = Array.from({ length: replies }, (_, n) => {
		const text = rendered[n % rendered.length]!;
		return {
			discussion_id: id,
			author_person_id: authors[n % authors.length]!,
			body_source: text.source,
			body_html: text.html,
			created_at: new Date(start + n * 60_000).toISOString()
		};
	});
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('discussion_post')
			.values(rows.slice(i, i + 500))
			.execute();
	}
	await db
		.updateTable('discussion')
		.set({ reply_count: replies, last_post_at: now().toISOString() })
		.where('id', '=', id)
		.execute();
	return { id, replies };
}
