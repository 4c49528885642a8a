/**
 * Writing projects: create, quick note, update. Each checks the policy, validates the input with
 * the schema, checks the referential facts and writes the project with all its parts, its status
 * change and a revision in one transaction. The functions are transaction-aware: inside an outer
 * transaction (an importer creating many projects) they use it instead of opening their own.
 */
import { indexProject } from '../search/search.indexer';
import type { Ctx } from '../context';
import { inTransaction, nowIso, type Db } from '../db';
import type { ProjectRevisionAction, ProjectTable } from '../db/schema';
import { forbidden, invalid, notFound, type FieldErrors } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { canWrite } from '../auth/auth.policy';
import { publishProjectNews } from './project.notify';
import {
	canCreateProjectFor,
	canEditProject,
	canManageProjectSharing,
	canSeeProject,
	type ProjectAccessFacts
} from './project.policy';
import {
	findContactIds,
	findDomain,
	findExistingProductIds,
	findLinks,
	findMunicipalitiesByIds,
	findPartnerIds,
	findPersonMemberships,
	findProductIds,
	findProjectRow,
	findTags,
	findTopicField,
	insertProject,
	insertRevision,
	insertStatusChange,
	replaceContacts,
	replaceLinks,
	replacePartners,
	replaceProducts,
	replaceTags,
	updateProjectRow,
	type RevisionChange
} from './project.repository';
import {
	ProjectInputSchema,
	QuickNoteSchema,
	projectFieldErrors,
	todayIso,
	type ProjectInput,
	type ProjectInputRaw,
	type QuickNoteRaw
} from './project.schema';

/** Runs `work` in the caller's transaction if there is one, else in a new one. */
export function withinTransaction<T>(ctx: Ctx, work: (db: Db) => Promise<T>): Promise<T> {
	return ctx.db.isTransaction ? work(ctx.db) : inTransaction(ctx.db, work);
}

/** Who acted, as a revision names them. */
export function actorLabelOf(ctx: Ctx): string {
	switch (ctx.actor.kind) {
		case 'person':
			return ctx.actor.displayName;
		case 'system':
			return `System (${ctx.actor.reason})`;
		case 'anonymous':
			return 'Unbekannt';
	}
}

function personIdOf(ctx: Ctx): number | null {
	return ctx.actor.kind === 'person' ? ctx.actor.personId : null;
}

/** The fields of a project as a revision compares them (the input without the status date). */
export type ProjectValues = Omit<ProjectInput, 'statusChangedOn'>;

const COMPARED_FIELDS: readonly (keyof ProjectValues)[] = [
	'title',
	'summary',
	'descriptionMd',
	'lessonsLearnedMd',
	'municipalityId',
	'partnerMunicipalityIds',
	'status',
	'domainId',
	'topicFieldKey',
	'tags',
	'productIds',
	'startedOn',
	'liveOn',
	'costsOnceCents',
	'costsYearlyCents',
	'staffEffort',
	'fundingProgramme',
	'hoursSavedPerYear',
	'casesPerYear',
	'contactPersonIds',
	'links',
	'visibility',
	'partnersCanEdit'
];

const EMPTY_VALUES: ProjectValues = {
	title: '',
	summary: '',
	descriptionMd: '',
	lessonsLearnedMd: '',
	municipalityId: 0,
	partnerMunicipalityIds: [],
	status: 'idee',
	domainId: null,
	topicFieldKey: null,
	tags: [],
	productIds: [],
	startedOn: null,
	liveOn: null,
	costsOnceCents: null,
	costsYearlyCents: null,
	staffEffort: null,
	fundingProgramme: null,
	hoursSavedPerYear: null,
	casesPerYear: null,
	contactPersonIds: [],
	links: [],
	visibility: 'network',
	partnersCanEdit: false
};

function normalisedForCompare(field: keyof ProjectValues, value: unknown): string {
	if (Array.isArray(value) && (field === 'partnerMunicipalityIds' || field === 'productIds')) {
		return JSON.stringify([...(value as number[])].sort((a, b) => a - b));
	}
	return JSON.stringify(value ?? null);
}

/** The fields whose values differ, with before and after. */
export function diffProjectValues(
	before: ProjectValues | null,
	after: ProjectValues
): RevisionChange[] {
	const base = before ?? EMPTY_VALUES;
	const changes: RevisionChange[] = [];
	for (const field of COMPARED_FIELDS) {
		if (
			before !== null &&
			normalisedForCompare(field, base[field]) === normalisedForCompare(field, after[field])
		) {
			continue;
		}
		if (
			before === null &&
			field !== 'title' &&
			field !== 'status' &&
			field !== 'municipalityId' &&
			field !== 'visibility' &&
			normalisedForCompare(field, EMPTY_VALUES[field]) === normalisedForCompare(field, after[field])
		) {
			continue;
		}
		changes.push({ field, before: before === null ? null : base[field], after: after[field] });
	}
	return changes;
}

/**
 * Loads a project's stored values and access facts (deleted ones too); undefined if none.
 */
export async function loadProjectState(db: Db, id: number) {
	const row = await findProjectRow(db, id);
	if (!row) return undefined;
	const [partnerMunicipalityIds, tags, productIds, contactPersonIds, links] = await Promise.all([
		findPartnerIds(db, id),
		findTags(db, id),
		findProductIds(db, id),
		findContactIds(db, id),
		findLinks(db, id)
	]);
	const values: ProjectValues = {
		title: row.title,
		summary: row.summary,
		descriptionMd: row.description_md,
		lessonsLearnedMd: row.lessons_learned_md,
		municipalityId: row.municipality_id,
		partnerMunicipalityIds,
		status: row.status,
		domainId: row.domain_id,
		topicFieldKey: row.topic_field_key,
		tags,
		productIds,
		startedOn: row.started_on,
		liveOn: row.live_on,
		costsOnceCents: row.costs_once_cents,
		costsYearlyCents: row.costs_yearly_cents,
		staffEffort: row.staff_effort,
		fundingProgramme: row.funding_programme,
		hoursSavedPerYear: row.hours_saved_per_year,
		casesPerYear: row.cases_per_year,
		contactPersonIds,
		links,
		visibility: row.visibility,
		partnersCanEdit: row.has_partner_editing
	};
	const facts: ProjectAccessFacts = {
		municipalityId: row.municipality_id,
		partnerMunicipalityIds,
		visibility: row.visibility,
		partnersCanEdit: row.has_partner_editing,
		deletedAt: row.deleted_at
	};
	return { row, values, facts };
}

/** Checks the facts the schema cannot: that everything referred to exists and fits. */
async function checkReferences(db: Db, input: ProjectInput): Promise<void> {
	const problems: FieldErrors = {};
	const municipalityIds = [input.municipalityId, ...input.partnerMunicipalityIds];
	const municipalities = await findMunicipalitiesByIds(db, municipalityIds);
	const byId = new Map(municipalities.map((m) => [m.id, m]));
	const owner = byId.get(input.municipalityId);
	if (!owner) problems.municipalityId = 'municipality_unknown';
	else if (owner.membership_status !== 'member')
		problems.municipalityId = 'municipality_not_member';
	if (input.partnerMunicipalityIds.some((id) => !byId.has(id))) {
		problems.partnerMunicipalityIds = 'partner_invalid';
	}
	if (input.domainId !== null) {
		const domain = await findDomain(db, input.domainId);
		if (!domain) problems.domainId = 'domain_invalid';
	}
	if (input.topicFieldKey !== null && !(await findTopicField(db, input.topicFieldKey))) {
		problems.topicFieldKey = 'topic_field_invalid';
	}
	if (input.productIds.length > 0) {
		const found = new Set(await findExistingProductIds(db, input.productIds));
		if (input.productIds.some((id) => !found.has(id))) problems.productIds = 'product_invalid';
	}
	if (input.contactPersonIds.length > 0) {
		const allowed = new Set(municipalityIds);
		const memberships = await findPersonMemberships(db, input.contactPersonIds);
		const fits = new Set(
			memberships
				.filter((m) => m.municipality_id !== null && allowed.has(m.municipality_id))
				.map((m) => m.person_id)
		);
		if (input.contactPersonIds.some((id) => !fits.has(id))) {
			problems.contactPersonIds = 'contact_invalid';
		}
	}
	if (Object.keys(problems).length > 0) throw invalid(problems);
}

function parseInput(ctx: Ctx, raw: ProjectInputRaw): ProjectInput {
	// "Today" is the context's day, not the machine's.
	const statusChangedOn =
		raw.statusChangedOn === undefined || raw.statusChangedOn === ''
			? todayIso(ctx.now())
			: raw.statusChangedOn;
	const parsed = ProjectInputSchema.safeParse({ ...raw, statusChangedOn });
	if (!parsed.success) throw invalid(projectFieldErrors(parsed.error));
	const input = parsed.data;
	// The owner is no partner of itself.
	return {
		...input,
		partnerMunicipalityIds: input.partnerMunicipalityIds.filter((id) => id !== input.municipalityId)
	};
}

function projectColumns(input: ProjectInput) {
	return {
		title: input.title,
		title_sort: germanSortKey(input.title),
		summary: input.summary,
		description_md: input.descriptionMd,
		lessons_learned_md: input.lessonsLearnedMd,
		municipality_id: input.municipalityId,
		status: input.status,
		domain_id: input.domainId,
		topic_field_key: input.topicFieldKey,
		started_on: input.startedOn,
		live_on: input.liveOn,
		costs_once_cents: input.costsOnceCents,
		costs_yearly_cents: input.costsYearlyCents,
		staff_effort: input.staffEffort,
		funding_programme: input.fundingProgramme,
		hours_saved_per_year: input.hoursSavedPerYear,
		cases_per_year: input.casesPerYear,
		visibility: input.visibility,
		has_partner_editing: input.partnersCanEdit
	} satisfies Partial<Record<keyof ProjectTable, unknown>>;
}

function newsOf(input: ProjectInput) {
	return {
		title: input.title,
		status: input.status,
		visibility: input.visibility,
		municipalityId: input.municipalityId,
		topicFieldKey: input.topicFieldKey
	};
}

async function writeParts(db: Db, projectId: number, input: ProjectInput): Promise<void> {
	await replacePartners(db, projectId, input.partnerMunicipalityIds);
	await replaceTags(db, projectId, input.tags);
	await replaceProducts(db, projectId, input.productIds);
	await replaceContacts(db, projectId, input.contactPersonIds);
	await replaceLinks(db, projectId, input.links);
	// The search index is part of the same write (decision 0021).
	await indexProject(db, projectId);
}

export interface CreateProjectOptions {
	/** `imported` for the importer; default `created`. */
	action?: Extract<ProjectRevisionAction, 'created' | 'imported'>;
	/** Demo records (seed). */
	isDemo?: boolean;
}

/** Adds a project for a municipality the actor belongs to (or, for the coordination, any member). */
export async function createProject(
	ctx: Ctx,
	raw: ProjectInputRaw,
	options: CreateProjectOptions = {}
): Promise<{ id: number }> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const input = parseInput(ctx, raw);
	if (!canCreateProjectFor(ctx.actor, input.municipalityId)) {
		throw invalid({ municipalityId: 'municipality_not_yours' });
	}
	return withinTransaction(ctx, async (db) => {
		await checkReferences(db, input);
		const now = nowIso(ctx.now);
		const id = await insertProject(db, {
			...projectColumns(input),
			created_by_person_id: personIdOf(ctx),
			created_at: now,
			updated_at: now,
			is_demo: options.isDemo ?? false
		});
		await writeParts(db, id, input);
		await insertStatusChange(db, {
			projectId: id,
			status: input.status,
			changedOn: input.statusChangedOn ?? todayIso(ctx.now()),
			personId: personIdOf(ctx)
		});
		await insertRevision(db, {
			projectId: id,
			personId: personIdOf(ctx),
			actorLabel: actorLabelOf(ctx),
			changedAt: now,
			action: options.action ?? 'created',
			changes: diffProjectValues(null, input)
		});
		// Imports and demo records are no news.
		if ((options.action ?? 'created') === 'created' && !options.isDemo) {
			await publishProjectNews(db, ctx, { id, ...newsOf(input) }, { kind: 'created' });
		}
		return { id };
	});
}

/** Adds a project from the quick note (title, status, one sentence); the rest can follow. */
export async function createQuickNote(ctx: Ctx, raw: QuickNoteRaw): Promise<{ id: number }> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const parsed = QuickNoteSchema.safeParse(raw);
	if (!parsed.success) throw invalid(projectFieldErrors(parsed.error));
	const note = parsed.data;
	return createProject(ctx, {
		title: note.title,
		summary: note.summary,
		status: note.status,
		municipalityId: note.municipalityId,
		visibility: note.visibility,
		statusChangedOn: todayIso(ctx.now())
	});
}

/**
 * Changes a project. Partners who may edit cannot change the owner, the partners or whether
 * partners may edit: that stays with the owner's people and the coordination.
 */
export async function updateProject(ctx: Ctx, id: number, raw: ProjectInputRaw): Promise<void> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	await withinTransaction(ctx, async (db) => {
		const state = await loadProjectState(db, id);
		if (!state || !canSeeProject(ctx.actor, state.facts)) throw notFound('project');
		if (!canEditProject(ctx.actor, state.facts)) throw forbidden('not an editor');
		const input = parseInput(ctx, raw);
		const sharingChanged =
			input.municipalityId !== state.values.municipalityId ||
			input.partnersCanEdit !== state.values.partnersCanEdit ||
			normalisedForCompare('partnerMunicipalityIds', input.partnerMunicipalityIds) !==
				normalisedForCompare('partnerMunicipalityIds', state.values.partnerMunicipalityIds);
		if (sharingChanged && !canManageProjectSharing(ctx.actor, state.facts)) {
			throw invalid({ municipalityId: 'owner_only' });
		}
		if (
			input.municipalityId !== state.values.municipalityId &&
			!canCreateProjectFor(ctx.actor, input.municipalityId)
		) {
			throw invalid({ municipalityId: 'municipality_not_yours' });
		}
		await checkReferences(db, input);
		const { statusChangedOn, ...values } = input;
		const changes = diffProjectValues(state.values, values);
		if (changes.length === 0) return;
		const now = nowIso(ctx.now);
		await updateProjectRow(db, id, { ...projectColumns(input), updated_at: now });
		await writeParts(db, id, input);
		if (input.status !== state.values.status) {
			await insertStatusChange(db, {
				projectId: id,
				status: input.status,
				changedOn: statusChangedOn ?? todayIso(ctx.now()),
				personId: personIdOf(ctx)
			});
		}
		await insertRevision(db, {
			projectId: id,
			personId: personIdOf(ctx),
			actorLabel: actorLabelOf(ctx),
			changedAt: now,
			action: 'updated',
			changes
		});
		await publishProjectNews(
			db,
			ctx,
			{ id, ...newsOf(input) },
			{
				kind: 'updated',
				before: { status: state.values.status, visibility: state.values.visibility }
			}
		);
	});
}
