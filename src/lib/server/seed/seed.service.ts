/**
 * Seeding a fresh database: `register` loads the municipality register, `demo` adds a living demo
 * network on top, `none` loads nothing. A database is seeded at most once: the marker row in
 * `seed_run` is written in the same transaction as the data, and its unique key makes a second,
 * concurrent attempt fail and roll back.
 */
import type { Insertable } from 'kysely';
import type { SeedMode } from '../config';
import type { Ctx } from '../context';
import { json, type Tx } from '../db';
import type { ActivityTable, MunicipalityTable } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import {
	insertDemoPeople,
	prepareDemoPeople,
	type DemoAccount,
	type DemoPerson
} from './demo-people';
import {
	seedDemoCatalogue,
	seedDemoReuseRequests,
	type DemoCatalogue,
	type DemoCatalogueOutcome
} from './demo-catalogue';
import { seedDemoDiscussions } from './demo-discussions';
import { seedDemoEvents } from './demo-events';
import type { DemoContent, RegisterSource } from './seed-source';
import { insertShippedTopics, type ShippedTopic } from '../overview/topic.service';

export type SeedOutcome =
	| {
			status: 'seeded';
			mode: SeedMode;
			municipalities: number;
			members: number;
			/** Demo sign-ins (with passwords only when asked for); never log this list. */
			demoAccounts: DemoAccount[];
			/** Matrix topics added from the shipped list. */
			topics: number;
			/** What the demo catalogue added (mode `demo` with a catalogue only). */
			catalogue?: DemoCatalogueOutcome;
	  }
	| { status: 'already-seeded'; mode: string; seededAt: string };

export interface SeedData {
	register?: RegisterSource;
	demo?: DemoContent;
	/** The demo network's people (mode `demo` only). */
	demoPeople?: DemoPerson[];
	/** The demo network's projects, products and adoptions (mode `demo` only). */
	demoCatalogue?: DemoCatalogue;
	/** The shipped topics of the adoption matrix (every mode but `none`). */
	topics?: ShippedTopic[];
}

export interface SeedOptions {
	/**
	 * Give the demo people random passwords (returned once in the outcome, for the console).
	 * Off in production: there the demo people cannot sign in.
	 */
	demoPasswords?: boolean;
}

const CHUNK = 200;

async function findSeedRun(tx: Tx | Ctx['db']) {
	return tx
		.selectFrom('seed_run')
		.select(['mode', 'seeded_at'])
		.where('key', '=', 'initial')
		.executeTakeFirst();
}

async function insertRegister(tx: Tx, register: RegisterSource, now: string): Promise<number> {
	const associationNames = [
		...new Set(register.entries.map((entry) => entry.association).filter((name) => name !== null))
	];
	const associationIds = new Map<string, number>();
	for (let i = 0; i < associationNames.length; i += CHUNK) {
		const inserted = await tx
			.insertInto('association')
			.values(
				associationNames
					.slice(i, i + CHUNK)
					.map((name) => ({ name, name_sort: germanSortKey(name) }))
			)
			.returning(['id', 'name'])
			.execute();
		for (const row of inserted) associationIds.set(row.name, row.id);
	}

	const rows: Insertable<MunicipalityTable>[] = register.entries.map((entry) => ({
		ags: entry.ags,
		name: entry.name,
		name_sort: germanSortKey(entry.name),
		type: entry.type,
		association_id: entry.association ? (associationIds.get(entry.association) ?? null) : null,
		population: entry.population,
		population_date: entry.population === null ? null : register.populationDate,
		area_km2: entry.areaKm2,
		latitude: entry.latitude,
		longitude: entry.longitude,
		website: null,
		membership_status: 'none',
		is_founding_member: false,
		is_demo: false,
		data_source: register.source,
		updated_at: now
	}));
	for (let i = 0; i < rows.length; i += CHUNK) {
		await tx
			.insertInto('municipality')
			.values(rows.slice(i, i + CHUNK))
			.execute();
	}
	await tx
		.insertInto('data_source')
		.values({
			topic: 'municipality_register',
			title: register.source,
			licence: register.licence,
			licence_url: register.licenceUrl
		})
		.execute();
	return rows.length;
}

async function applyDemo(tx: Tx, demo: DemoContent, now: string): Promise<number> {
	await tx
		.insertInto('network')
		.values({
			id: 1,
			name: demo.network.name,
			short_name: demo.network.shortName,
			region: demo.network.region,
			description: demo.network.description,
			contact_email: demo.network.contactEmail,
			contact_phone: demo.network.contactPhone,
			postal_address: demo.network.postalAddress,
			imprint_md: '',
			privacy_md: '',
			is_demo: true,
			updated_at: now
		})
		.execute();

	const activities: Insertable<ActivityTable>[] = [];
	for (const member of demo.members) {
		const updated = await tx
			.updateTable('municipality')
			.set({
				membership_status: 'member',
				member_since: member.since,
				is_founding_member: member.founding ?? false,
				is_demo: true,
				...(member.website ? { website: member.website } : {}),
				updated_at: now
			})
			.where('ags', '=', member.ags)
			.returning('id')
			.executeTakeFirst();
		if (!updated) throw new Error(`Demo-Mitglied ${member.ags} fehlt im Gemeinderegister`);
		activities.push({
			kind: 'municipality_joined',
			municipality_id: updated.id,
			occurred_at: `${member.since}T09:00:00.000Z`,
			is_public: true,
			details_json: json({ founding: member.founding ?? false })
		});
	}
	for (const applicant of demo.applicants) {
		await tx
			.updateTable('municipality')
			.set({
				membership_status: 'applied',
				applied_on: applicant.appliedOn,
				is_demo: true,
				updated_at: now
			})
			.where('ags', '=', applicant.ags)
			.execute();
	}
	for (let i = 0; i < activities.length; i += CHUNK) {
		await tx
			.insertInto('activity')
			.values(activities.slice(i, i + CHUNK))
			.execute();
	}
	return demo.members.length;
}

/**
 * Seeds the database once. Returns what happened; never changes a database that was seeded
 * before (whatever mode that was).
 */
export async function seedDatabase(
	ctx: Ctx,
	mode: SeedMode,
	data: SeedData,
	options: SeedOptions = {}
): Promise<SeedOutcome> {
	const previous = await findSeedRun(ctx.db);
	if (previous)
		return { status: 'already-seeded', mode: previous.mode, seededAt: previous.seeded_at };
	if (mode !== 'none' && !data.register) throw new Error('seed: register data missing');
	if (mode === 'demo' && !data.demo) throw new Error('seed: demo content missing');

	const now = ctx.now().toISOString();
	const demoPeople =
		mode === 'demo'
			? await prepareDemoPeople(data.demoPeople ?? [], options.demoPasswords ?? false)
			: [];
	let outcome: SeedOutcome;
	try {
		outcome = await ctx.db.transaction().execute(async (tx) => {
			// The marker goes first: a concurrent seeder blocks or fails here, before any data.
			await tx.insertInto('seed_run').values({ key: 'initial', mode, seeded_at: now }).execute();
			const municipalities =
				data.register && mode !== 'none' ? await insertRegister(tx, data.register, now) : 0;
			const members = data.demo && mode === 'demo' ? await applyDemo(tx, data.demo, now) : 0;
			const demoAccounts = await insertDemoPeople(tx, demoPeople, now);
			const catalogue =
				mode === 'demo' && data.demoCatalogue
					? await seedDemoCatalogue(tx, data.demoCatalogue, ctx.now)
					: undefined;
			// The shipped matrix topics, linked to the products the register now holds.
			const topics =
				mode !== 'none' && data.topics ? await insertShippedTopics(tx, ctx, data.topics) : 0;
			return {
				status: 'seeded',
				mode,
				municipalities,
				members,
				demoAccounts,
				topics,
				...(catalogue ? { catalogue } : {})
			} as const;
		});
	} catch (error) {
		const winner = await findSeedRun(ctx.db);
		if (winner) return { status: 'already-seeded', mode: winner.mode, seededAt: winner.seeded_at };
		throw error;
	}
	// The demo's reuse requests, once the catalogue is committed (see seedDemoReuseRequests).
	if (outcome.status === 'seeded' && outcome.catalogue && data.demoCatalogue) {
		outcome.catalogue.reuseRequests = await seedDemoReuseRequests(
			ctx.db,
			data.demoCatalogue,
			outcome.catalogue.projectIds,
			ctx.now
		);
		await seedDemoDiscussions(ctx.db, outcome.catalogue.projectIds, ctx.now);
		await seedDemoEvents(ctx.db, outcome.catalogue.projectIds, ctx.now);
	}
	return outcome;
}
