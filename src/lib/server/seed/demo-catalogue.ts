/**
 * The demo network's catalogue (seed/demo/catalogue.json): products and vendors that German
 * municipalities use, projects of the demo members with their status history, the members'
 * adoptions of products, and a few reuse requests. Everything is marked as demo.
 *
 * It is written through the modules' own services (projects, solutions, reuse) with a system
 * context, inside the seeding transaction, so the demo data passes the same rules as data
 * entered by people. Each step runs with a clock set to the day it happened, so creation and
 * change times are plausible (the feed and the "recently changed" order show a history).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { config } from '../config';
import { systemContext, type Ctx, type PersonActor } from '../context';
import type { Db, Tx } from '../db';
import { ADOPTION_STAGES, PROJECT_STATUSES, PROJECT_VISIBILITIES } from '../db/schema';
import { createProject, updateProject, type ProjectInputRaw } from '../projects';
import { linkReuseResult, requestReuse, transitionReuseRequest } from '../reuse';
import { createProduct, PRODUCT_CATEGORIES, recordAdoption } from '../solutions';
import { germanSortKey } from '../text/sort-key';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ags = z.string().regex(/^\d{8}$/);
const email = z.email();
const key = z.string().regex(/^[a-z0-9-]+$/);

const DemoProductSchema = z.object({
	key,
	name: z.string().min(1),
	vendor: z.string().min(1).nullable(),
	category: z.enum(PRODUCT_CATEGORIES),
	website: z.url().nullable(),
	isOpenSource: z.boolean(),
	licence: z.string().nullable(),
	operator: z.string().nullable(),
	description: z.string()
});

const DemoProjectSchema = z.object({
	key,
	ags,
	title: z.string().min(1),
	summary: z.string(),
	description: z.string(),
	status: z.enum(PROJECT_STATUSES),
	/** Oldest first; the last entry is the current status. */
	statusHistory: z.array(z.object({ status: z.enum(PROJECT_STATUSES), on: isoDate })).min(1),
	visibility: z.enum(PROJECT_VISIBILITIES),
	/** A domain's name as in migration 0014. */
	domain: z.string().nullable(),
	topicField: z.string().nullable(),
	tags: z.array(z.string()),
	products: z.array(key),
	partners: z.array(ags),
	/** Demo people (seed/demo/people.json) of the owner. */
	contacts: z.array(email),
	startedOn: isoDate.nullable(),
	liveOn: isoDate.nullable(),
	costsOnceEur: z.number().int().nonnegative().nullable(),
	costsYearlyEur: z.number().int().nonnegative().nullable(),
	staffEffort: z.string().nullable(),
	fundingProgramme: z.string().nullable(),
	hoursSavedPerYear: z.number().int().nonnegative().nullable(),
	casesPerYear: z.number().int().nonnegative().nullable(),
	lessonsLearned: z.string(),
	links: z.array(z.object({ label: z.string(), url: z.url() }))
});

const DemoAdoptionSchema = z.object({
	product: key,
	ags,
	stage: z.enum(ADOPTION_STAGES),
	sinceOn: isoDate.nullable(),
	usedFor: z.string().nullable(),
	contact: email.nullable(),
	rating: z.number().int().min(1).max(5).nullable(),
	experience: z.string().nullable()
});

const DemoReuseRequestSchema = z.object({
	project: key,
	requesterAgs: ags,
	/** A demo person of the requesting municipality. */
	requestedBy: email,
	message: z.string().min(1),
	createdOn: isoDate,
	/** The answers, oldest first, each by a demo person of the side that may take the step. */
	steps: z.array(
		z.object({
			status: z.enum(['in_discussion', 'adopted', 'declined', 'withdrawn']),
			on: isoDate,
			by: email,
			note: z.string().nullable()
		})
	),
	/** The requester's own project that took the wheel over (after `adopted`). */
	resultProject: key.nullable()
});

export const DemoCatalogueSchema = z
	.object({
		products: z.array(DemoProductSchema),
		projects: z.array(DemoProjectSchema),
		adoptions: z.array(DemoAdoptionSchema),
		reuseRequests: z.array(DemoReuseRequestSchema)
	})
	.superRefine((catalogue, issues) => {
		const productKeys = new Set(catalogue.products.map((p) => p.key));
		const projectKeys = new Set(catalogue.projects.map((p) => p.key));
		const problem = (message: string) => issues.addIssue({ code: 'custom', message });
		if (productKeys.size !== catalogue.products.length) problem('duplicate product key');
		if (projectKeys.size !== catalogue.projects.length) problem('duplicate project key');
		for (const project of catalogue.projects) {
			if (project.statusHistory.at(-1)?.status !== project.status) {
				problem(`${project.key}: the last status of the history is not the status`);
			}
			for (const product of project.products) {
				if (!productKeys.has(product)) problem(`${project.key}: unknown product ${product}`);
			}
		}
		for (const adoption of catalogue.adoptions) {
			if (!productKeys.has(adoption.product)) problem(`adoption: unknown ${adoption.product}`);
		}
		for (const request of catalogue.reuseRequests) {
			if (!projectKeys.has(request.project)) problem(`reuse: unknown ${request.project}`);
			if (request.resultProject !== null && !projectKeys.has(request.resultProject)) {
				problem(`reuse: unknown ${request.resultProject}`);
			}
		}
	});
export type DemoCatalogue = z.infer<typeof DemoCatalogueSchema>;
export type DemoProject = z.infer<typeof DemoProjectSchema>;

/** The demo catalogue of a seed folder; none when it has no `demo/catalogue.json`. */
export function loadDemoCatalogue(seedDir: string): DemoCatalogue | undefined {
	const file = path.join(seedDir, 'demo', 'catalogue.json');
	if (!existsSync(file)) return undefined;
	return DemoCatalogueSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface DemoCatalogueOutcome {
	products: number;
	projects: number;
	adoptions: number;
	reuseRequests: number;
	/** The projects' ids by their key in the file (for the reuse requests). */
	projectIds: Record<string, number>;
}

/** 10:00 UTC of a day: the clock of a step that happened that day. */
const dayClock = (day: string) => () => new Date(`${day}T10:00:00.000Z`);

interface Lookups {
	municipalityId: (ags: string) => number;
	personId: (email: string) => number;
	domainId: (name: string) => number;
	productId: (key: string) => number;
	projectId: (key: string) => number;
}

async function lookups(
	tx: Db,
	catalogue: DemoCatalogue
): Promise<Lookups & { products: Map<string, number>; projects: Map<string, number> }> {
	const municipalities = new Map(
		(await tx.selectFrom('municipality').select(['ags', 'id']).execute()).map((m) => [m.ags, m.id])
	);
	const emails = [
		...catalogue.projects.flatMap((p) => p.contacts),
		...catalogue.adoptions.flatMap((a) => (a.contact ? [a.contact] : [])),
		...catalogue.reuseRequests.flatMap((r) => [r.requestedBy, ...r.steps.map((step) => step.by)])
	];
	const people = new Map(
		emails.length === 0
			? []
			: (
					await tx
						.selectFrom('person')
						.select(['email', 'id'])
						.where('email', 'in', [...new Set(emails)])
						.execute()
				).map((p) => [p.email, p.id])
	);
	const domains = new Map(
		(await tx.selectFrom('domain').select(['name_sort', 'id']).execute()).map((d) => [
			d.name_sort,
			d.id
		])
	);
	const products = new Map<string, number>();
	const projects = new Map<string, number>();
	const need = <K, V>(map: Map<K, V>, what: string, k: K): V => {
		const value = map.get(k);
		if (value === undefined) throw new Error(`Demo-Katalog: ${what} ${String(k)} fehlt`);
		return value;
	};
	return {
		products,
		projects,
		municipalityId: (a) => need(municipalities, 'Kommune', a),
		personId: (e) => need(people, 'Person', e),
		domainId: (name) => need(domains, 'Fachbereich', germanSortKey(name)),
		productId: (k) => need(products, 'Produkt', k),
		projectId: (k) => need(projects, 'Projekt', k)
	};
}

function projectInput(project: DemoProject, find: Lookups): ProjectInputRaw {
	const cents = (eur: number | null) => (eur === null ? null : eur * 100);
	return {
		title: project.title,
		summary: project.summary,
		descriptionMd: project.description,
		lessonsLearnedMd: project.lessonsLearned,
		municipalityId: find.municipalityId(project.ags),
		partnerMunicipalityIds: project.partners.map(find.municipalityId),
		domainId: project.domain === null ? null : find.domainId(project.domain),
		topicFieldKey: project.topicField,
		tags: project.tags,
		productIds: project.products.map(find.productId),
		startedOn: project.startedOn,
		liveOn: project.liveOn,
		costsOnceCents: cents(project.costsOnceEur),
		costsYearlyCents: cents(project.costsYearlyEur),
		staffEffort: project.staffEffort,
		fundingProgramme: project.fundingProgramme,
		hoursSavedPerYear: project.hoursSavedPerYear,
		casesPerYear: project.casesPerYear,
		contactPersonIds: project.contacts.map(find.personId),
		links: project.links,
		visibility: project.visibility,
		partnersCanEdit: project.partners.length > 0
	};
}

/**
 * Writes the demo catalogue (without the reuse requests, see seedDemoReuseRequests) through the
 * services, inside the seeding transaction `tx`. The owners must be members (the demo network is
 * applied before) and the contacts demo people.
 */
export async function seedDemoCatalogue(
	tx: Tx,
	catalogue: DemoCatalogue,
	now: () => Date
): Promise<DemoCatalogueOutcome> {
	const find = await lookups(tx, catalogue);
	const at = (clock: () => Date): Ctx => systemContext(tx, 'demo', clock);
	const seedDay = now().toISOString().slice(0, 10);

	// Products (and their vendors) as of the seeding day.
	for (const product of catalogue.products) {
		const { id } = await createProduct(at(now), {
			name: product.name,
			vendorName: product.vendor,
			category: product.category,
			website: product.website,
			isOpenSource: product.isOpenSource,
			licence: product.licence,
			operator: product.operator,
			descriptionMd: product.description
		});
		find.products.set(product.key, id);
	}

	// Projects: created with their first status on its day, then moved through the history.
	for (const project of catalogue.projects) {
		const input = projectInput(project, find);
		const [first, ...later] = project.statusHistory;
		if (!first) throw new Error(`Demo-Katalog: ${project.key} ohne Status`);
		const firstDay = first.on < seedDay ? first.on : seedDay;
		const { id } = await createProject(
			at(dayClock(firstDay)),
			{ ...input, status: first.status, statusChangedOn: first.on },
			{ isDemo: true }
		);
		for (const step of later) {
			await updateProject(at(dayClock(step.on < seedDay ? step.on : seedDay)), id, {
				...input,
				status: step.status,
				statusChangedOn: step.on
			});
		}
		find.projects.set(project.key, id);
	}

	for (const adoption of catalogue.adoptions) {
		await recordAdoption(at(dayClock(adoption.sinceOn ?? seedDay)), {
			productId: find.productId(adoption.product),
			municipalityId: find.municipalityId(adoption.ags),
			stage: adoption.stage,
			sinceOn: adoption.sinceOn,
			usedFor: adoption.usedFor,
			contactPersonId: adoption.contact === null ? null : find.personId(adoption.contact),
			rating: adoption.rating,
			experience: adoption.experience
		});
	}
	// The solutions services have no demo flag: the demo's products and adoptions are marked here.
	const productIds = [...find.products.values()];
	if (productIds.length > 0) {
		await tx.updateTable('product').set({ is_demo: true }).where('id', 'in', productIds).execute();
		await tx
			.updateTable('adoption')
			.set({ is_demo: true })
			.where('product_id', 'in', productIds)
			.execute();
	}

	return {
		products: catalogue.products.length,
		projects: catalogue.projects.length,
		adoptions: catalogue.adoptions.length,
		reuseRequests: 0,
		projectIds: Object.fromEntries(find.projects)
	};
}

/** A demo person acting through a service, as if signed in (the reuse services need a person). */
export async function demoPersonActor(tx: Db, personId: number): Promise<PersonActor> {
	const person = await tx
		.selectFrom('person')
		.select(['id', 'display_name', 'is_coordinator'])
		.where('id', '=', personId)
		.executeTakeFirstOrThrow();
	const memberships = await tx
		.selectFrom('person_municipality')
		.select(['municipality_id', 'role'])
		.where('person_id', '=', personId)
		.execute();
	return {
		kind: 'person',
		personId: person.id,
		displayName: person.display_name,
		isCoordinator: person.is_coordinator,
		municipalities: memberships.map((m) => ({ municipalityId: m.municipality_id, role: m.role })),
		sessionId: null,
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true
	};
}

/**
 * The reuse requests, through the reuse services, each step by a demo person of the side that
 * takes it. They run after the seeding transaction has committed (the services count requests
 * against a rate limit, which must not run inside a transaction); each step is its own
 * transaction. The notification mails go to the demo people's reserved `.example` addresses.
 */
export async function seedDemoReuseRequests(
	tx: Db,
	catalogue: DemoCatalogue,
	projectIds: Readonly<Record<string, number>>,
	now: () => Date
): Promise<number> {
	const find = await lookups(tx, catalogue);
	for (const [key, id] of Object.entries(projectIds)) find.projects.set(key, id);
	const origin = { origin: config().origin ?? 'http://localhost:3000' };
	const seedDay = now().toISOString().slice(0, 10);
	const clock = (day: string) => dayClock(day < seedDay ? day : seedDay);
	const as = async (email: string, day: string): Promise<Ctx> => ({
		db: tx,
		actor: await demoPersonActor(tx, find.personId(email)),
		now: clock(day)
	});
	const ids: number[] = [];
	for (const request of catalogue.reuseRequests) {
		const requestId = await requestReuse(
			await as(request.requestedBy, request.createdOn),
			{ projectId: find.projectId(request.project) },
			{
				requestingMunicipalityId: find.municipalityId(request.requesterAgs),
				message: request.message
			},
			origin
		);
		ids.push(requestId);
		for (const step of request.steps) {
			await transitionReuseRequest(
				await as(step.by, step.on),
				{ requestId, status: step.status, note: step.note },
				origin
			);
		}
		if (request.resultProject !== null) {
			const last = request.steps.at(-1);
			await linkReuseResult(await as(request.requestedBy, last?.on ?? request.createdOn), {
				requestId,
				projectId: find.projectId(request.resultProject)
			});
		}
	}
	// The reuse services have no demo flag: the demo's requests are marked here.
	if (ids.length > 0) {
		await tx.updateTable('reuse_request').set({ is_demo: true }).where('id', 'in', ids).execute();
	}
	return catalogue.reuseRequests.length;
}
