/**
 * Reading the catalogue: the filtered list, the detail page, the edit form's data and choices,
 * the edit history; and soft deletion with the coordination's restore. An invisible project is
 * NOT_FOUND, never FORBIDDEN: whether it exists is private.
 */
import type { Ctx } from '../context';
import { nowIso } from '../db';
import type {
	MembershipStatus,
	ProjectRevisionAction,
	ProjectStatus,
	ProjectVisibility
} from '../db/schema';
import { forbidden, notFound } from '../errors';
import { isSignedIn } from '../auth/auth.policy';
import { visibleContact, type ContactViewer } from '../people/contact.policy';
import { renderMarkdown } from '../text/markdown';
import { germanSortKey } from '../text/sort-key';
import {
	canCreateProjectFor,
	canDeleteProject,
	canEditProject,
	canAddProjects,
	canManageProjectSharing,
	canRestoreProject,
	canSeeProject,
	projectScopeOf
} from './project.policy';
import { listDomains, listTopicFields, type Domain, type TopicField } from '../catalogue';
import { listAssociations } from '../municipalities';
import { insertRevision, type RevisionChange } from './project.repository';
import {
	countAdoptionsOfProjects,
	countProjects,
	findContactsOfProject,
	findDeletedProjects,
	findDomainName,
	findMembershipsOfPeople,
	findMemberMunicipalities,
	findMunicipalityChoices,
	findMunicipalityIdByAgs,
	findMunicipalityNames,
	findPeopleOfMunicipalities,
	findProductChoices,
	findProductName,
	findProductsOfProject,
	findProjectPage,
	findRevisions,
	findStatusHistory,
	findTagsOfProjects,
	findTopicFieldName,
	markDeleted,
	touchProject,
	type ProjectListWhere
} from './project-read.repository';
import { PROJECT_PAGE_SIZE, type ProjectFilter, type ProjectSort } from './project-list.schema';
import {
	actorLabelOf,
	loadProjectState,
	withinTransaction,
	type ProjectValues
} from './project.service';

export interface MunicipalityRef {
	id: number;
	ags: string;
	name: string;
}

export interface ProjectSummary {
	id: number;
	title: string;
	summary: string;
	status: ProjectStatus;
	visibility: ProjectVisibility;
	owner: MunicipalityRef;
	topicFieldKey: string | null;
	startedOn: string | null;
	liveOn: string | null;
	updatedAt: string;
	tags: string[];
	/** Adopted reuse requests ("von 3 Kommunen nachgenutzt"). */
	adoptedCount: number;
}

export interface ProjectPage {
	items: ProjectSummary[];
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
	sort: ProjectSort;
}

function emptyPage(filter: ProjectFilter): ProjectPage {
	return {
		items: [],
		total: 0,
		page: 1,
		pageSize: PROJECT_PAGE_SIZE,
		pageCount: 1,
		sort: filter.sort
	};
}

/**
 * One page of the catalogue as the actor may see it, filtered and sorted. A page number past the
 * end shows the last page. A filter naming an unknown municipality finds nothing.
 */
export async function listProjects(ctx: Ctx, filter: ProjectFilter): Promise<ProjectPage> {
	const scope = projectScopeOf(ctx.actor);
	const where: ProjectListWhere = {
		statuses: filter.status,
		associationId: filter.verband,
		topicFieldKey: filter.themenfeld,
		domainId: filter.fachbereich,
		productId: filter.loesung,
		hasReuse: filter.nachnutzung
	};
	if (filter.q) {
		const key = germanSortKey(filter.q);
		if (key) where.titleKey = key;
		where.summaryText = filter.q.toLowerCase();
	}
	if (filter.schlagwort) {
		const key = germanSortKey(filter.schlagwort);
		if (!key) return emptyPage(filter);
		where.tagKey = key;
	}
	if (filter.kommune) {
		const id = await findMunicipalityIdByAgs(ctx.db, filter.kommune);
		if (id === undefined) return emptyPage(filter);
		where.ownerId = id;
	}
	if (filter.partner) {
		const id = await findMunicipalityIdByAgs(ctx.db, filter.partner);
		if (id === undefined) return emptyPage(filter);
		where.partnerId = id;
	}
	const total = await countProjects(ctx.db, where, scope);
	const pageSize = PROJECT_PAGE_SIZE;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(filter.seite, pageCount);
	if (total === 0) return { ...emptyPage(filter), sort: filter.sort };
	const rows = await findProjectPage(ctx.db, where, scope, {
		sort: filter.sort,
		limit: pageSize,
		offset: (page - 1) * pageSize
	});
	const ids = rows.map((row) => row.id);
	const [owners, tags, adoptions] = await Promise.all([
		findMunicipalityNames(
			ctx.db,
			rows.map((row) => row.municipality_id)
		),
		findTagsOfProjects(ctx.db, ids),
		countAdoptionsOfProjects(ctx.db, ids)
	]);
	const ownerById = new Map(owners.map((o) => [o.id, o]));
	const tagsById = new Map<number, string[]>();
	for (const tag of tags) {
		const list = tagsById.get(tag.project_id) ?? [];
		list.push(tag.tag);
		tagsById.set(tag.project_id, list);
	}
	const adoptedById = new Map(adoptions.map((a) => [a.project_id, Number(a.n)]));
	return {
		items: rows.map((row) => {
			const owner = ownerById.get(row.municipality_id);
			return {
				id: row.id,
				title: row.title,
				summary: row.summary,
				status: row.status,
				visibility: row.visibility,
				owner: { id: row.municipality_id, ags: owner?.ags ?? '', name: owner?.name ?? '' },
				topicFieldKey: row.topic_field_key,
				startedOn: row.started_on,
				liveOn: row.live_on,
				updatedAt: row.updated_at,
				tags: tagsById.get(row.id) ?? [],
				adoptedCount: adoptedById.get(row.id) ?? 0
			};
		}),
		total,
		page,
		pageSize,
		pageCount,
		sort: filter.sort
	};
}

export interface ProjectContact {
	id: number;
	name: string;
	jobTitle: string | null;
	municipalities: string[];
	email: string | null;
	phone: string | null;
}

export interface ProjectDetail {
	id: number;
	title: string;
	summary: string;
	descriptionHtml: string;
	lessonsLearnedHtml: string;
	status: ProjectStatus;
	visibility: ProjectVisibility;
	owner: MunicipalityRef;
	partners: MunicipalityRef[];
	domain: { id: number; name: string } | null;
	topicField: { key: string; name: string } | null;
	tags: string[];
	products: { id: number; name: string; vendor: string | null }[];
	contacts: ProjectContact[];
	links: { label: string; url: string }[];
	statusHistory: { status: ProjectStatus; changedOn: string }[];
	startedOn: string | null;
	liveOn: string | null;
	costsOnceCents: number | null;
	costsYearlyCents: number | null;
	staffEffort: string | null;
	fundingProgramme: string | null;
	hoursSavedPerYear: number | null;
	casesPerYear: number | null;
	partnersCanEdit: boolean;
	createdAt: string;
	updatedAt: string;
	isDemo: boolean;
	adoptedCount: number;
	canEdit: boolean;
	canDelete: boolean;
}

function viewerOf(ctx: Ctx): ContactViewer | null {
	if (!isSignedIn(ctx.actor)) return null;
	return {
		personId: ctx.actor.personId,
		municipalityIds: ctx.actor.municipalities.map((m) => m.municipalityId)
	};
}

async function visibleState(ctx: Ctx, id: number) {
	if (!Number.isSafeInteger(id) || id <= 0) throw notFound('project');
	const state = await loadProjectState(ctx.db, id);
	if (!state || !canSeeProject(ctx.actor, state.facts)) throw notFound('project');
	return state;
}

/** One project as the actor may see it; NOT_FOUND when they may not (or it does not exist). */
export async function getProject(ctx: Ctx, id: number): Promise<ProjectDetail> {
	const state = await visibleState(ctx, id);
	const { row, values, facts } = state;
	const [municipalities, domain, topicField, products, contactRows, history, adoptions] =
		await Promise.all([
			findMunicipalityNames(ctx.db, [values.municipalityId, ...values.partnerMunicipalityIds]),
			values.domainId === null ? undefined : findDomainName(ctx.db, values.domainId),
			values.topicFieldKey === null ? undefined : findTopicFieldName(ctx.db, values.topicFieldKey),
			findProductsOfProject(ctx.db, id),
			findContactsOfProject(ctx.db, id),
			findStatusHistory(ctx.db, id),
			countAdoptionsOfProjects(ctx.db, [id])
		]);
	const byId = new Map(municipalities.map((m) => [m.id, m]));
	const ref = (municipalityId: number): MunicipalityRef => {
		const m = byId.get(municipalityId);
		return { id: municipalityId, ags: m?.ags ?? '', name: m?.name ?? '' };
	};
	const memberships = await findMembershipsOfPeople(
		ctx.db,
		contactRows.map((c) => c.id)
	);
	const viewer = viewerOf(ctx);
	const projectMunicipalities = new Set([values.municipalityId, ...values.partnerMunicipalityIds]);
	const contacts: ProjectContact[] = contactRows.map((c) => {
		const own = memberships.filter((m) => m.person_id === c.id).map((m) => m.municipality_id);
		const shown =
			viewer === null
				? { email: null, phone: null }
				: visibleContact(
						{
							email: c.email,
							phone: c.phone,
							emailVisibility: c.email_visibility,
							phoneVisibility: c.phone_visibility
						},
						{ personId: c.id, municipalityIds: own },
						viewer
					);
		return {
			id: c.id,
			name: c.display_name,
			jobTitle: c.job_title,
			municipalities: own
				.filter((mid) => projectMunicipalities.has(mid))
				.map((mid) => byId.get(mid)?.name ?? '')
				.filter((name) => name !== ''),
			...shown
		};
	});
	return {
		id: row.id,
		title: row.title,
		summary: row.summary,
		descriptionHtml: row.description_md ? renderMarkdown(row.description_md) : '',
		lessonsLearnedHtml: row.lessons_learned_md ? renderMarkdown(row.lessons_learned_md) : '',
		status: row.status,
		visibility: row.visibility,
		owner: ref(values.municipalityId),
		partners: values.partnerMunicipalityIds
			.map(ref)
			.sort((a, b) => germanSortKey(a.name).localeCompare(germanSortKey(b.name))),
		domain: domain ? { id: domain.id, name: domain.name } : null,
		topicField: topicField ? { key: topicField.key, name: topicField.name } : null,
		tags: values.tags,
		products: products.map((p) => ({ id: p.id, name: p.name, vendor: p.vendor_name })),
		contacts,
		links: values.links,
		statusHistory: history.map((h) => ({ status: h.status, changedOn: h.changed_on })),
		startedOn: values.startedOn,
		liveOn: values.liveOn,
		costsOnceCents: values.costsOnceCents,
		costsYearlyCents: values.costsYearlyCents,
		staffEffort: values.staffEffort,
		fundingProgramme: values.fundingProgramme,
		hoursSavedPerYear: values.hoursSavedPerYear,
		casesPerYear: values.casesPerYear,
		partnersCanEdit: values.partnersCanEdit,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		isDemo: row.is_demo,
		adoptedCount: Number(adoptions[0]?.n ?? 0),
		canEdit: canEditProject(ctx.actor, facts),
		canDelete: canDeleteProject(ctx.actor, facts)
	};
}

export interface ProjectFormChoices {
	/** Municipalities the actor may name as owner. */
	owners: MunicipalityRef[];
	/** Every municipality of the register (partners may be non-members). */
	municipalities: (MunicipalityRef & { isMember: boolean })[];
	products: { id: number; name: string; vendor: string | null }[];
	/** People of the owner and partner municipalities. */
	people: { id: number; name: string; jobTitle: string | null; municipality: string }[];
	topicFields: TopicField[];
	/** Active domains, and the project's own even when archived. */
	domains: Domain[];
}

async function formChoices(
	ctx: Ctx,
	peopleOf: readonly number[],
	domainId: number | null
): Promise<ProjectFormChoices> {
	const [all, products, peopleRows, topicFields, domains] = await Promise.all([
		findMunicipalityChoices(ctx.db),
		findProductChoices(ctx.db),
		findPeopleOfMunicipalities(ctx.db, peopleOf),
		listTopicFields(ctx),
		listDomains(ctx, { includeArchived: true })
	]);
	const members = all.filter((m) => m.membership_status === ('member' satisfies MembershipStatus));
	const people = new Map<number, ProjectFormChoices['people'][number]>();
	for (const p of peopleRows) {
		const known = people.get(p.id);
		if (known) known.municipality = `${known.municipality}, ${p.municipality_name}`;
		else {
			people.set(p.id, {
				id: p.id,
				name: p.display_name,
				jobTitle: p.job_title,
				municipality: p.municipality_name
			});
		}
	}
	return {
		owners: members
			.filter((m) => canCreateProjectFor(ctx.actor, m.id))
			.map((m) => ({ id: m.id, ags: m.ags, name: m.name })),
		municipalities: all.map((m) => ({
			id: m.id,
			ags: m.ags,
			name: m.name,
			isMember: m.membership_status === 'member'
		})),
		products: products.map((p) => ({ id: p.id, name: p.name, vendor: p.vendor_name })),
		people: [...people.values()],
		topicFields,
		domains: domains.filter((d) => !d.isArchived || d.id === domainId)
	};
}

/** The municipalities the actor may add a project for (quick note; empty: may not add). */
export async function listOwnerChoices(ctx: Ctx): Promise<MunicipalityRef[]> {
	if (!isSignedIn(ctx.actor)) return [];
	const ids = ctx.actor.isCoordinator
		? (await findMunicipalityChoices(ctx.db))
				.filter((m) => m.membership_status === 'member')
				.map((m) => m.id)
		: ctx.actor.municipalities.map((m) => m.municipalityId);
	const rows = await findMunicipalityNames(ctx.db, ids);
	return rows
		.filter((m) => m.membership_status === 'member' && canCreateProjectFor(ctx.actor, m.id))
		.sort((a, b) => a.name_sort.localeCompare(b.name_sort))
		.map((m) => ({ id: m.id, ags: m.ags, name: m.name }));
}

export interface ProjectForEdit {
	id: number;
	title: string;
	values: ProjectValues;
	choices: ProjectFormChoices;
	canDelete: boolean;
	/** Whether the actor may change owner, partners and the partners' right to edit. */
	canManageSharing: boolean;
}

/** The stored values and the choices of the edit form; only for those who may edit. */
export async function getProjectForEdit(ctx: Ctx, id: number): Promise<ProjectForEdit> {
	const state = await visibleState(ctx, id);
	if (!canEditProject(ctx.actor, state.facts)) throw forbidden('not an editor');
	const choices = await formChoices(
		ctx,
		[state.values.municipalityId, ...state.values.partnerMunicipalityIds],
		state.values.domainId
	);
	// The current owner stays selectable even for a partner or a coordinator.
	if (!choices.owners.some((o) => o.id === state.values.municipalityId)) {
		const owner = choices.municipalities.find((m) => m.id === state.values.municipalityId);
		if (owner) choices.owners.unshift({ id: owner.id, ags: owner.ags, name: owner.name });
	}
	return {
		id,
		title: state.row.title,
		values: state.values,
		choices,
		canDelete: canDeleteProject(ctx.actor, state.facts),
		canManageSharing: canManageProjectSharing(ctx.actor, state.facts)
	};
}

export interface ProjectRevision {
	id: number;
	actorLabel: string;
	changedAt: string;
	action: ProjectRevisionAction;
	changes: RevisionChange[];
}

export interface ProjectHistory {
	id: number;
	title: string;
	revisions: ProjectRevision[];
	statusHistory: { status: ProjectStatus; changedOn: string }[];
}

/**
 * Who changed what, when, and the status history. For signed-in members who may see the project
 * (the names of editors are not for the public); others get NOT_FOUND or FORBIDDEN.
 */
export async function listProjectRevisions(ctx: Ctx, id: number): Promise<ProjectHistory> {
	const state = await visibleState(ctx, id);
	if (!isSignedIn(ctx.actor) && ctx.actor.kind !== 'system') throw forbidden('members only');
	const [revisions, history] = await Promise.all([
		findRevisions(ctx.db, id),
		findStatusHistory(ctx.db, id)
	]);
	return {
		id,
		title: state.row.title,
		revisions: revisions.map((r) => ({
			id: r.id,
			actorLabel: r.actor_label,
			changedAt: r.changed_at,
			action: r.action,
			changes: Array.isArray(r.changes_json) ? (r.changes_json as RevisionChange[]) : []
		})),
		statusHistory: history.map((h) => ({ status: h.status, changedOn: h.changed_on }))
	};
}

/** Soft deletion by the owner's people or the coordination; reversible by the coordination. */
export async function deleteProject(ctx: Ctx, id: number): Promise<void> {
	await withinTransaction(ctx, async (db) => {
		const tx = { ...ctx, db };
		const state = await visibleState(tx, id);
		if (!canDeleteProject(ctx.actor, state.facts)) throw forbidden('not allowed to delete');
		const now = nowIso(ctx.now);
		const personId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
		await markDeleted(db, id, now, personId);
		await insertRevision(db, {
			projectId: id,
			personId,
			actorLabel: actorLabelOf(ctx),
			changedAt: now,
			action: 'deleted',
			changes: []
		});
	});
}

/** Undoes a deletion (coordination only). */
export async function restoreProject(ctx: Ctx, id: number): Promise<void> {
	if (!canRestoreProject(ctx.actor)) throw forbidden('coordination only');
	await withinTransaction(ctx, async (db) => {
		const state = await loadProjectState(db, id);
		if (!state || state.row.deleted_at === null) throw notFound('deleted project');
		const now = nowIso(ctx.now);
		const personId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
		await markDeleted(db, id, null, null);
		await touchProject(db, id, now);
		await insertRevision(db, {
			projectId: id,
			personId,
			actorLabel: actorLabelOf(ctx),
			changedAt: now,
			action: 'restored',
			changes: []
		});
	});
}

export interface DeletedProject {
	id: number;
	title: string;
	owner: { ags: string; name: string };
	deletedAt: string;
	deletedBy: string | null;
}

/** Deleted projects, for the coordination to restore. */
export async function listDeletedProjects(ctx: Ctx): Promise<DeletedProject[]> {
	if (!canRestoreProject(ctx.actor)) throw forbidden('coordination only');
	const rows = await findDeletedProjects(ctx.db);
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		owner: { ags: r.municipality_ags, name: r.municipality_name },
		deletedAt: r.deleted_at ?? '',
		deletedBy: r.deleted_by_name
	}));
}

export interface ProjectListFacets {
	/** Member municipalities (owner and partner filters). */
	municipalities: MunicipalityRef[];
	associations: { id: number; name: string }[];
	topicFields: TopicField[];
	domains: Domain[];
	/** The product a `loesung` filter names (the form offers no list of thousands). */
	product: { id: number; name: string } | null;
	canAdd: boolean;
	canSeeDeleted: boolean;
}

/** The choices of the list's filter form. */
export async function listProjectFacets(
	ctx: Ctx,
	filter: ProjectFilter
): Promise<ProjectListFacets> {
	const [municipalities, associations, topicFields, domains, product] = await Promise.all([
		findMemberMunicipalities(ctx.db),
		listAssociations(ctx),
		listTopicFields(ctx),
		listDomains(ctx),
		filter.loesung === undefined ? undefined : findProductName(ctx.db, filter.loesung)
	]);
	return {
		municipalities,
		associations: associations.map((a) => ({ id: a.id, name: a.name })),
		topicFields,
		domains,
		product: product ?? null,
		canAdd: canAddProjects(ctx.actor),
		canSeeDeleted: canRestoreProject(ctx.actor)
	};
}
