/**
 * Seeds the benchmark database: a synthetic register of BENCH_MUNICIPALITIES municipalities
 * (default 1,100, about Baden-Württemberg) of which about 30 % are members, so that member
 * filters return data. Run by scripts/bench.js as a child process:
 *
 *   BENCH_DATA_DIR=/tmp/x [BENCH_DATABASE_URL=postgres://…] node --import tsx scripts/bench-seed.ts
 *
 * With BENCH_NETWORK=1 the network is also configured, with an imprint and a privacy notice in
 * Markdown, as every public installation in Germany needs them.
 *
 * It also creates BENCH_SIGNIN_PEOPLE (200) people for the sign-in scenario: plain members of a
 * member municipality, address confirmed, no two-factor sign-in, all with the same password
 * (hashed once with the app's argon2id parameters, so a sign-in costs what a real one costs).
 *
 * With BENCH_CATALOGUE=1 it also adds the catalogue (scripts/bench-catalogue.ts): BENCH_PROJECTS
 * (100,000) projects and BENCH_PRODUCTS (5,000) products, bulk-inserted, and 40 topics of the
 * adoption matrix (each theme by its name and tags, and one per further tag; three products each).
 *
 * With BENCH_DISCUSSION=1 it also adds one discussion thread with 2,000 replies
 * (scripts/bench-discussion.ts).
 *
 * Prints one JSON line with what the benchmark needs (counts, a sample AGS, the sign-in people,
 * the catalogue's sample project and list filter).
 */
import { sql } from 'kysely';
import { systemContext } from '../src/lib/server/context';
import { openDatabase } from '../src/lib/server/db';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { hashPassword } from '../src/lib/server/auth/password.hash';
import { seedDatabase } from '../src/lib/server/seed';
import { registerSource, syntheticRegister } from '../tests/support/factories';
import { rebuildSearchIndex } from '../src/lib/server/search';
import { createTopic } from '../src/lib/server/overview';
import { seedBenchCatalogue, THEMES, type BenchCatalogue } from './bench-catalogue';
import { seedBenchDiscussion } from './bench-discussion';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const count = Number(process.env.BENCH_MUNICIPALITIES ?? 1100);
if (!Number.isInteger(count) || count < 1)
	throw new Error('BENCH_MUNICIPALITIES must be a whole number');

const IMPRINT = `## Angaben gemäß § 5 DDG

Zweckverband Digitale Kommunen Benchmark
Musterstraße 1
70173 Stuttgart

**Vertreten durch:** die Verbandsvorsitzende

## Kontakt

Telefon: 0711 000000
E-Mail: [kontakt@bench.example](mailto:kontakt@bench.example)

## Aufsichtsbehörde

Regierungspräsidium Stuttgart
`;
// About 10,000 characters: the size of a short real privacy notice.
const PRIVACY = Array.from(
	{ length: 12 },
	(_, i) =>
		`## ${i + 1}. Abschnitt\n\n${'Wir verarbeiten personenbezogene Daten nur, soweit es für den Betrieb der Plattform nötig ist. '.repeat(8)}\n\n- Zweck der Verarbeitung\n- Rechtsgrundlage nach Art. 6 DSGVO\n- Speicherdauer\n`
).join('\n');

const wholeNumber = (name: string, fallback: number): number => {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
	return value;
};
const withCatalogue = process.env.BENCH_CATALOGUE === '1';
const withDiscussion = process.env.BENCH_DISCUSSION === '1';
const projectCount = wholeNumber('BENCH_PROJECTS', 100_000);
const productCount = wholeNumber('BENCH_PRODUCTS', 5_000);

const signInPeople = Number(process.env.BENCH_SIGNIN_PEOPLE ?? 200);
if (!Number.isInteger(signInPeople) || signInPeople < 1)
	throw new Error('BENCH_SIGNIN_PEOPLE must be a whole number');
/** Addresses of the sign-in people: `{n}` is the number, zero-padded to three digits. */
const SIGNIN_EMAIL_PATTERN = 'lasttest-{n}@bench.example';
const SIGNIN_PASSWORD = 'Lasttest-Anmeldung-2026!';
const signInEmail = (n: number) => SIGNIN_EMAIL_PATTERN.replace('{n}', String(n).padStart(3, '0'));

// A fixed clock and seed: every run benchmarks the same data.
const now = () => new Date('2026-11-25T08:00:00.000Z');
const register = syntheticRegister(count, 20261125);

const database = openDatabase({
	databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
	dataDir
});
try {
	await migrateToLatest(database.db);
	const outcome = await seedDatabase(systemContext(database.db, 'bench', now), 'register', {
		register: registerSource(register)
	});
	if (outcome.status !== 'seeded') throw new Error(`database was seeded before (${outcome.mode})`);

	// Every third-ish municipality (deterministic: 3 of every 10 by position) becomes a member,
	// with join dates spread over five years.
	const memberAgs = register.filter((_, i) => i % 10 < 3).map((entry) => entry.ags);
	await database.db.transaction().execute(async (tx) => {
		for (const [i, ags] of memberAgs.entries()) {
			const year = 2021 + (i % 5);
			const month = String(1 + (i % 12)).padStart(2, '0');
			await tx
				.updateTable('municipality')
				.set({
					membership_status: 'member',
					member_since: `${year}-${month}-01`,
					updated_at: now().toISOString()
				})
				.where('ags', '=', ags)
				.execute();
		}
	});

	if (process.env.BENCH_NETWORK === '1') {
		await database.db
			.insertInto('network')
			.values({
				id: 1,
				name: 'Digitale Kommunen Benchmark',
				short_name: 'DKB',
				region: 'Baden-Württemberg',
				description: 'Ein Netzwerk für den Lasttest.',
				contact_email: 'kontakt@bench.example',
				contact_phone: '0711 000000',
				postal_address: 'Musterstraße 1\n70173 Stuttgart',
				imprint_md: IMPRINT,
				privacy_md: PRIVACY,
				is_demo: false,
				updated_at: now().toISOString()
			})
			.execute();
	}

	// People for the sign-in scenario, each a plain member of one member municipality (in turn).
	const passwordHash = await hashPassword(SIGNIN_PASSWORD);
	const memberIds = (
		await database.db
			.selectFrom('municipality')
			.select('id')
			.where('membership_status', '=', 'member')
			.orderBy('id')
			.execute()
	).map((row) => row.id);
	const memberIdOf = (n: number): number => {
		const id = memberIds[n % memberIds.length];
		if (id === undefined) throw new Error('no member municipality for the sign-in people');
		return id;
	};
	await database.db.transaction().execute(async (tx) => {
		const nowIso = now().toISOString();
		const people = await tx
			.insertInto('person')
			.values(
				Array.from({ length: signInPeople }, (_, n) => ({
					email: signInEmail(n),
					email_verified_at: nowIso,
					display_name: `Lasttest ${String(n).padStart(3, '0')}`,
					job_title: null,
					password_hash: passwordHash,
					is_coordinator: false,
					created_at: nowIso,
					updated_at: nowIso,
					last_sign_in_at: null,
					deleted_at: null
				}))
			)
			.returning('id')
			.execute();
		await tx
			.insertInto('person_municipality')
			.values(
				people.map((person, n) => ({
					person_id: person.id,
					municipality_id: memberIdOf(n),
					role: 'member' as const,
					created_at: nowIso
				}))
			)
			.execute();
	});

	/** 40 matrix topics over the synthetic catalogue's vocabulary, through the topic service. */
	async function seedBenchTopics(): Promise<number> {
		const ctx = systemContext(database.db, 'bench', now);
		const productIds = (
			await database.db.selectFrom('product').select('id').orderBy('id').limit(120).execute()
		).map((row) => row.id);
		const byTheme = THEMES.map((theme) => ({
			name: theme.name,
			tags: theme.tags.join(', '),
			phrases: theme.name
		}));
		const themeTags = [...new Set(THEMES.flatMap((theme) => theme.tags))];
		const byTag = themeTags
			.filter((tag) => !byTheme.some((topic) => topic.name === tag))
			.slice(0, 40 - byTheme.length)
			.map((tag) => ({ name: `Thema ${tag}`, tags: tag, phrases: '' }));
		const topics = [...byTheme, ...byTag];
		for (const [i, topic] of topics.entries()) {
			await createTopic(ctx, {
				...topic,
				productIds: productIds.slice(i * 3, i * 3 + 3),
				position: i + 1
			});
		}
		return topics.length;
	}

	let catalogue:
		(BenchCatalogue & { seconds: number; indexSeconds: number; topics: number }) | undefined;
	if (withCatalogue) {
		const started = performance.now();
		const seeded = await seedBenchCatalogue(database.db, {
			projects: projectCount,
			products: productCount,
			now: now()
		});
		const seconds = Math.round((performance.now() - started) / 100) / 10;
		// The bulk insert bypasses the services; the index is built from scratch, as after an
		// upgrade, and timed (issue floor: 100,000 projects in under two minutes).
		const indexStarted = performance.now();
		await rebuildSearchIndex(database.db);
		const indexSeconds = Math.round((performance.now() - indexStarted) / 100) / 10;
		catalogue = { ...seeded, seconds, indexSeconds, topics: await seedBenchTopics() };
	}

	const discussion = withDiscussion ? await seedBenchDiscussion(database.db, now) : undefined;
	// A settled PostgreSQL database: autovacuum would have set the visibility map (index-only
	// scans) and the statistics within a minute of these bulk inserts; right after them neither is
	// there, and a plan made without statistics (a hash join over the whole thread) is measured.
	if (database.dialect === 'postgres') await sql`vacuum analyze`.execute(database.db);

	// A detail page with peers (same association) exercises the second query of the detail route.
	const sample =
		register.find((entry, i) => entry.association !== null && i > count / 2) ?? register[0];
	const members = await database.db
		.selectFrom('municipality')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('membership_status', '=', 'member')
		.executeTakeFirstOrThrow();
	console.log(
		JSON.stringify({
			municipalities: outcome.municipalities,
			members: Number(members.n),
			sampleAgs: sample?.ags,
			signIn: {
				emailPattern: SIGNIN_EMAIL_PATTERN,
				people: signInPeople,
				password: SIGNIN_PASSWORD
			},
			catalogue,
			discussion,
			database: database.describe
		})
	);
} finally {
	await database.close();
}
