/**
 * The API's project reads: pages and single projects, as far as the caller may see them
 * (projectScopeOf). Writes go through the projects module's use cases; the routes re-read the
 * result here so that every answer has the same shape.
 */
import { z } from 'zod';
import { canWrite, isSignedIn } from '../auth/auth.policy';
import type { Ctx } from '../context';
import { forbidden, notFound } from '../errors';
import {
	createProject,
	deleteProject,
	getProjectForEdit,
	updateProject,
	type ProjectInputRaw
} from '../projects';
import { projectScopeOf } from '../projects/project.policy';
import { germanSortKey } from '../text/sort-key';
import { decodeCursor, keysetPage } from '../web/cursor';
import type { Page, ProjectJson, ProjectSummaryJson } from './api.schema';
import {
	parseBody,
	PROJECT_FIELD_NAMES,
	ProjectBodySchema,
	ProjectPatchSchema,
	type ProjectPatch
} from './api.input';
import { PathIdSchema, type ProjectListQuery } from './api.query';
import { municipalityIdsOf, withApiFieldNames } from './api.write';
import {
	countAdoptedReuseOf,
	findContactsOf,
	findLinksOf,
	findPartnersOf,
	findProductsOf,
	findProjectPage,
	findStatusHistoryOf,
	findTagsOf,
	findVisibleProject
} from './project.repository';
import { presentProject, presentProjectSummary, type ProjectRelations } from './project.presenter';

const CURSOR_KIND = 'projects';
const ProjectPosition = z.tuple([z.string().max(40), z.number().int().positive()]);

function groupBy<R extends { project_id: number }, V>(
	rows: readonly R[],
	value: (row: R) => V
): Map<number, V[]> {
	const groups = new Map<number, V[]>();
	for (const row of rows) {
		const list = groups.get(row.project_id);
		if (list) list.push(value(row));
		else groups.set(row.project_id, [value(row)]);
	}
	return groups;
}

async function relationsOf(
	ctx: Ctx,
	ids: readonly number[]
): Promise<Map<number, ProjectRelations>> {
	const [partners, tags, products, reuse] = await Promise.all([
		findPartnersOf(ctx.db, ids),
		findTagsOf(ctx.db, ids),
		findProductsOf(ctx.db, ids),
		countAdoptedReuseOf(ctx.db, ids)
	]);
	const partnersBy = groupBy(partners, (row) => ({ ags: row.ags, name: row.name }));
	const tagsBy = groupBy(tags, (row) => row.tag);
	const productsBy = groupBy(products, (row) => ({ id: row.id, name: row.name }));
	const reuseBy = new Map(
		reuse.flatMap((row) => (row.project_id === null ? [] : [[row.project_id, Number(row.count)]]))
	);
	return new Map(
		ids.map((id) => [
			id,
			{
				partners: partnersBy.get(id) ?? [],
				tags: tagsBy.get(id) ?? [],
				products: productsBy.get(id) ?? [],
				reuseCount: reuseBy.get(id) ?? 0
			}
		])
	);
}

/** One page of the projects the caller may see, newest change first. */
export async function listProjectsForApi(
	ctx: Ctx,
	query: ProjectListQuery
): Promise<Page<ProjectSummaryJson>> {
	const after = query.cursor ? decodeCursor(CURSOR_KIND, query.cursor, ProjectPosition) : undefined;
	const rows = await findProjectPage(ctx.db, {
		scope: projectScopeOf(ctx.actor),
		status: query.status,
		ownerAgs: query.municipality,
		topicFieldKey: query.themenfeld,
		domainId: query.domain,
		productId: query.product,
		tagKey: query.tag ? germanSortKey(query.tag) : undefined,
		titleKey: query.q ? germanSortKey(query.q) || undefined : undefined,
		updatedSince: query.updatedSince ? new Date(query.updatedSince).toISOString() : undefined,
		after: after ? { updatedAt: after[0], id: after[1] } : undefined,
		limit: query.limit + 1
	});
	const page = keysetPage(rows, query.limit, CURSOR_KIND, (row) => [row.updated_at, row.id]);
	const relations = await relationsOf(
		ctx,
		page.rows.map((row) => row.id)
	);
	return {
		items: page.rows.map((row) => presentProjectSummary(row, relations.get(row.id)!)),
		nextCursor: page.nextCursor
	};
}

/**
 * One project by id, with its details. An unknown id, one the caller may not see and a deleted
 * project all answer NOT_FOUND alike: the answer never tells that a hidden project exists.
 */
export async function getProjectForApi(ctx: Ctx, id: unknown): Promise<ProjectJson> {
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('project');
	const row = await findVisibleProject(ctx.db, projectScopeOf(ctx.actor), parsed.data);
	if (!row) throw notFound('project');
	const [relations, contacts, links, history] = await Promise.all([
		relationsOf(ctx, [row.id]),
		isSignedIn(ctx.actor) ? findContactsOf(ctx.db, row.id) : Promise.resolve([]),
		findLinksOf(ctx.db, row.id),
		findStatusHistoryOf(ctx.db, row.id)
	]);
	return presentProject(row, {
		...relations.get(row.id)!,
		contacts: contacts.map((contact) => ({ personId: contact.id, name: contact.display_name })),
		links,
		statusHistory: history.map((change) => ({
			status: change.status,
			changedOn: change.changed_on
		}))
	});
}

const cents = (euros: number | null): number | null =>
	euros === null ? null : Math.round(euros * 100);

/** The API's fields (those given) as the projects module's input. */
async function moduleInputOf(ctx: Ctx, body: ProjectPatch): Promise<ProjectInputRaw> {
	const raw: ProjectInputRaw = {};
	if (body.municipality !== undefined) {
		raw.municipalityId = (await municipalityIdsOf(ctx, [body.municipality], 'municipality'))[0];
	}
	if (body.partners !== undefined) {
		raw.partnerMunicipalityIds = await municipalityIdsOf(ctx, body.partners, 'partners');
	}
	const renamed: [keyof ProjectPatch, keyof ProjectInputRaw][] = [
		['title', 'title'],
		['summary', 'summary'],
		['description', 'descriptionMd'],
		['lessonsLearned', 'lessonsLearnedMd'],
		['status', 'status'],
		['statusChangedOn', 'statusChangedOn'],
		['domain', 'domainId'],
		['topicField', 'topicFieldKey'],
		['tags', 'tags'],
		['products', 'productIds'],
		['startedOn', 'startedOn'],
		['liveOn', 'liveOn'],
		['staffEffort', 'staffEffort'],
		['fundingProgramme', 'fundingProgramme'],
		['hoursSavedPerYear', 'hoursSavedPerYear'],
		['casesPerYear', 'casesPerYear'],
		['contacts', 'contactPersonIds'],
		['links', 'links'],
		['visibility', 'visibility'],
		['partnersCanEdit', 'partnersCanEdit']
	];
	for (const [from, to] of renamed) {
		if (body[from] !== undefined) raw[to] = body[from];
	}
	if (body.costsOnceEur !== undefined) raw.costsOnceCents = cents(body.costsOnceEur);
	if (body.costsYearlyEur !== undefined) raw.costsYearlyCents = cents(body.costsYearlyEur);
	return raw;
}

function projectIdOf(id: unknown): number {
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('project');
	return parsed.data;
}

/** Creates a project through the projects module and answers it as GET would. */
export async function createProjectForApi(ctx: Ctx, body: unknown): Promise<ProjectJson> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const input = parseBody(ProjectBodySchema, body);
	const raw = await moduleInputOf(ctx, input);
	const { id } = await withApiFieldNames(PROJECT_FIELD_NAMES, () => createProject(ctx, raw));
	return getProjectForApi(ctx, id);
}

/**
 * Changes the given fields of a project and keeps the others. Who may not see it gets NOT_FOUND,
 * who may see but not edit it FORBIDDEN (the projects module decides both).
 */
export async function updateProjectForApi(
	ctx: Ctx,
	id: unknown,
	body: unknown
): Promise<ProjectJson> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const projectId = projectIdOf(id);
	const patch = parseBody(ProjectPatchSchema, body);
	const current = await getProjectForEdit(ctx, projectId);
	const changes = await moduleInputOf(ctx, patch);
	await withApiFieldNames(PROJECT_FIELD_NAMES, () =>
		updateProject(ctx, projectId, { ...current.values, ...changes })
	);
	return getProjectForApi(ctx, projectId);
}

/** Soft-deletes a project (the coordination can restore it). */
export async function deleteProjectForApi(ctx: Ctx, id: unknown): Promise<void> {
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	await deleteProject(ctx, projectIdOf(id));
}
