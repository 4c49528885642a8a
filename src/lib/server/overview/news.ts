/**
 * What the front page lists: the newest projects, and for a signed-in person what is new since
 * their last visit (a visit ends after a pause of a few hours, see auth's `recordVisit`).
 */
import type { Ctx } from '../context';
import type { ProjectStatus } from '../db/schema';
import { projectVisibleTo } from '../projects';
import { overviewAudienceOf, overviewProjectScope } from './audience';

export interface NewProject {
	id: number;
	title: string;
	status: ProjectStatus;
	createdAt: string;
	municipality: { ags: string; name: string };
}

/** How far back "new" reaches for someone who has no earlier visit on record. */
const FIRST_VISIT_DAYS = 14;
/** Longer lists are cut and said to be "more than". */
export const NEWS_LIMIT = 50;

function newestProjects(ctx: Ctx, limit: number) {
	return (
		ctx.db
			.selectFrom('project')
			.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
			.select([
				'project.id',
				'project.title',
				'project.status',
				'project.created_at',
				'municipality.ags',
				'municipality.name'
			])
			.where(projectVisibleTo(overviewProjectScope(overviewAudienceOf(ctx.actor))))
			// Ids grow with creation: the newest without sorting the table by date.
			.orderBy('project.id', 'desc')
			.limit(limit)
			.execute()
	);
}

function toNewProject(row: Awaited<ReturnType<typeof newestProjects>>[number]): NewProject {
	return {
		id: row.id,
		title: row.title,
		status: row.status,
		createdAt: new Date(row.created_at).toISOString(),
		municipality: { ags: row.ags, name: row.name }
	};
}

/** The newest published projects the actor may see. */
export async function listNewestProjects(ctx: Ctx, limit = 5): Promise<NewProject[]> {
	return (await newestProjects(ctx, limit)).map(toNewProject);
}

export interface NewSinceLastVisit {
	/** The end of the previous visit, or the start of the look-back for a first visit. */
	since: string;
	isFirstVisit: boolean;
	projects: NewProject[];
	/** True when there were more than NEWS_LIMIT. */
	hasMoreProjects: boolean;
	products: { id: number; name: string }[];
	/** Municipalities that joined the network since. */
	newMembers: { ags: string; name: string }[];
	/** Reuse requests to the person's municipalities since. */
	reuseRequests: number;
}

/** For a signed-in person: what came since their last visit; null for everyone else. */
export async function getNewSinceLastVisit(ctx: Ctx): Promise<NewSinceLastVisit | null> {
	const actor = ctx.actor;
	if (actor.kind !== 'person') return null;
	const person = await ctx.db
		.selectFrom('person')
		.select('previous_visit_at')
		.where('id', '=', actor.personId)
		.executeTakeFirst();
	const previous = person?.previous_visit_at ?? null;
	const since =
		previous === null
			? new Date(ctx.now().getTime() - FIRST_VISIT_DAYS * 86_400_000).toISOString()
			: new Date(previous).toISOString();

	const municipalityIds = actor.municipalities.map((membership) => membership.municipalityId);
	const [projects, products, members, requests] = await Promise.all([
		newestProjects(ctx, NEWS_LIMIT + 1),
		ctx.db
			.selectFrom('product')
			.select(['id', 'name', 'created_at'])
			.where('deleted_at', 'is', null)
			.where('created_at', '>', since)
			.orderBy('id', 'desc')
			.limit(NEWS_LIMIT)
			.execute(),
		ctx.db
			.selectFrom('activity')
			.innerJoin('municipality', 'municipality.id', 'activity.municipality_id')
			.select(['municipality.ags', 'municipality.name'])
			.where('activity.kind', '=', 'municipality_joined')
			.where('activity.occurred_at', '>', since)
			.orderBy('activity.occurred_at', 'desc')
			.limit(NEWS_LIMIT)
			.execute(),
		municipalityIds.length === 0
			? Promise.resolve({ n: 0 })
			: ctx.db
					.selectFrom('reuse_request')
					.select((eb) => eb.fn.countAll<number | string>().as('n'))
					.where('owner_municipality_id', 'in', municipalityIds)
					.where('created_at', '>', since)
					.executeTakeFirstOrThrow()
	]);
	const sinceTime = new Date(since).getTime();
	const newProjects = projects
		.filter((row) => new Date(row.created_at).getTime() > sinceTime)
		.map(toNewProject);
	return {
		since,
		isFirstVisit: previous === null,
		projects: newProjects.slice(0, NEWS_LIMIT),
		hasMoreProjects: newProjects.length > NEWS_LIMIT,
		products: products.map((row) => ({ id: row.id, name: row.name })),
		newMembers: members.map((row) => ({ ags: row.ags, name: row.name })),
		reuseRequests: Number(requests.n)
	};
}
