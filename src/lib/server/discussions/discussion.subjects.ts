/**
 * What a thread can be attached to (`bezug=<type>:<id>`), as a small registry: per type, how to
 * load the subject's title and path for a reader (undefined when it does not exist or the reader
 * may not see it), which attached threads a reader may see in lists, and titles for many ids.
 * A thread attached to a subject is visible exactly to those who may see the subject.
 *
 * Adding a type is one entry here and its name in DISCUSSION_SUBJECT_TYPES; each entry asks the
 * subject's own module who may see it.
 */
import { sql, type SqlBool } from 'kysely';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db';
import { canSeeEvent } from '../events/event.policy';
import { canSeeIdeas } from '../ideas/idea.policy';
import { canSeeProject, findProjectFacts, projectScopeOf } from '../projects';
import {
	findProductTitle,
	findProductTitles,
	findProjectTitles,
	productThreadsVisible,
	projectThreadsVisibleTo,
	type ThreadVisibility
} from './discussion.repository';

export const DISCUSSION_SUBJECT_TYPES = ['project', 'product', 'idea', 'event'] as const;
export type DiscussionSubjectType = (typeof DISCUSSION_SUBJECT_TYPES)[number];

export interface SubjectRef {
	type: DiscussionSubjectType;
	id: number;
}

export interface SubjectView extends SubjectRef {
	title: string;
	href: string;
	/** Whether visitors may see the subject (the thread itself is for signed-in people only). */
	isPublic: boolean;
}

interface SubjectKind {
	load(ctx: Ctx, id: number): Promise<SubjectView | undefined>;
	visibleThreads(actor: Actor): ThreadVisibility;
	titles(db: Db, ids: readonly number[]): Promise<Map<number, string>>;
	href(id: number): string;
}

/** Titles of ideas or events by id (both tables name it `title`). */
async function titlesOf(
	db: Db,
	table: 'idea' | 'event',
	ids: readonly number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom(table)
		.select(['id', 'title'])
		.where('id', 'in', [...ids])
		.execute();
	return new Map(rows.map((row) => [row.id, row.title]));
}

const noThreads: ThreadVisibility = () => sql<SqlBool>`1 = 0`;

const SUBJECT_KINDS: Record<DiscussionSubjectType, SubjectKind> = {
	project: {
		async load(ctx, id) {
			const facts = await findProjectFacts(ctx.db, id);
			if (!facts || facts.deletedAt !== null || !canSeeProject(ctx.actor, facts)) return undefined;
			return {
				type: 'project',
				id,
				title: facts.title,
				href: `/projekte/${id}`,
				isPublic: facts.visibility === 'public'
			};
		},
		visibleThreads: (actor) => projectThreadsVisibleTo(projectScopeOf(actor)),
		titles: findProjectTitles,
		href: (id) => `/projekte/${id}`
	},
	product: {
		async load(ctx, id) {
			const title = await findProductTitle(ctx.db, id);
			if (title === undefined) return undefined;
			return { type: 'product', id, title, href: `/loesungen/${id}`, isPublic: true };
		},
		visibleThreads: () => productThreadsVisible,
		titles: findProductTitles,
		href: (id) => `/loesungen/${id}`
	},
	idea: {
		async load(ctx, id) {
			if (!canSeeIdeas(ctx.actor)) return undefined;
			const title = (await titlesOf(ctx.db, 'idea', [id])).get(id);
			if (title === undefined) return undefined;
			return { type: 'idea', id, title, href: `/ideen/${id}`, isPublic: false };
		},
		visibleThreads: (actor) =>
			canSeeIdeas(actor)
				? (eb) => eb('discussion.subject_id', 'in', eb.selectFrom('idea').select('idea.id'))
				: noThreads,
		titles: (db, ids) => titlesOf(db, 'idea', ids),
		href: (id) => `/ideen/${id}`
	},
	event: {
		async load(ctx, id) {
			const row = await ctx.db
				.selectFrom('event')
				.select(['title', 'audience'])
				.where('id', '=', id)
				.executeTakeFirst();
			if (!row || !canSeeEvent(ctx.actor, row)) return undefined;
			return {
				type: 'event',
				id,
				title: row.title,
				href: `/termine/${id}`,
				isPublic: row.audience === 'public'
			};
		},
		visibleThreads: (actor) => {
			const membersToo = canSeeEvent(actor, { audience: 'members' });
			return (eb) => {
				let events = eb.selectFrom('event').select('event.id');
				if (!membersToo) events = events.where('event.audience', '=', 'public');
				return eb('discussion.subject_id', 'in', events);
			};
		},
		titles: (db, ids) => titlesOf(db, 'event', ids),
		href: (id) => `/termine/${id}`
	}
};

export function isDiscussionSubjectType(value: string): value is DiscussionSubjectType {
	return (DISCUSSION_SUBJECT_TYPES as readonly string[]).includes(value);
}

/** `product:12` → a reference, or null when the text is not one of ours. */
export function parseSubjectRef(text: string | null | undefined): SubjectRef | null {
	const match = /^([a-z_]{1,20}):([1-9][0-9]{0,15})$/.exec(text ?? '');
	const type = match?.[1] ?? '';
	if (!isDiscussionSubjectType(type)) return null;
	const id = Number(match?.[2]);
	return Number.isSafeInteger(id) ? { type, id } : null;
}

export function formatSubjectRef(ref: SubjectRef): string {
	return `${ref.type}:${ref.id}`;
}

export function loadSubject(ctx: Ctx, ref: SubjectRef): Promise<SubjectView | undefined> {
	return SUBJECT_KINDS[ref.type].load(ctx, ref.id);
}

/** Threads in a category (no subject), and attached threads whose subject the reader may see. */
export function visibleThreadsFor(actor: Actor): ThreadVisibility {
	return (eb) =>
		eb.or([
			eb('discussion.subject_type', 'is', null),
			...DISCUSSION_SUBJECT_TYPES.map((type) =>
				eb.and([
					eb('discussion.subject_type', '=', type),
					SUBJECT_KINDS[type].visibleThreads(actor)(eb)
				])
			)
		]);
}

/** Titles and paths of the subjects of many threads, for lists. */
export async function subjectViews(
	db: Db,
	refs: readonly { subjectType: string | null; subjectId: number | null }[]
): Promise<Map<string, { title: string; href: string }>> {
	const result = new Map<string, { title: string; href: string }>();
	for (const type of DISCUSSION_SUBJECT_TYPES) {
		const ids = [
			...new Set(
				refs.filter((ref) => ref.subjectType === type).map((ref) => ref.subjectId as number)
			)
		];
		const titles = await SUBJECT_KINDS[type].titles(db, ids);
		for (const [id, title] of titles) {
			result.set(`${type}:${id}`, { title, href: SUBJECT_KINDS[type].href(id) });
		}
	}
	return result;
}
