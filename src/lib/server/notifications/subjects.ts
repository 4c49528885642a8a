/**
 * What can be followed, as this installation knows it: whether a subject exists and is visible
 * to a person, and how it is named and linked. One resolver per subject type; a feature that
 * adds a followable type adds its resolver here, with its own module's visibility rule.
 */
import type { Actor } from '../context';
import type { Db, Tx } from '../db';
import { canSeeProject } from '../projects/project.policy';
import { canSeeIdeas } from '../ideas/idea.policy';
import { canSeeEvent } from '../events/event.policy';
import { loadSubject, parseSubjectRef } from '../discussions/discussion.subjects';
import type { Subject, SubjectType } from './publish';

export interface SubjectView {
	type: SubjectType;
	id: string;
	title: string;
	path: string;
}

type Resolver = (
	db: Db | Tx,
	actor: Actor,
	id: string
) => Promise<Omit<SubjectView, 'type' | 'id'> | null>;

async function partnerIds(db: Db | Tx, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_partner')
		.select('municipality_id')
		.where('project_id', '=', projectId)
		.execute();
	return rows.map((row) => row.municipality_id);
}

const numericId = (id: string) => (/^[1-9]\d{0,9}$/.test(id) ? Number(id) : null);

const resolvers: Partial<Record<SubjectType, Resolver>> = {
	async project(db, actor, id) {
		const projectId = numericId(id);
		if (projectId === null) return null;
		const row = await db
			.selectFrom('project')
			.select(['title', 'municipality_id', 'visibility', 'has_partner_editing', 'deleted_at'])
			.where('id', '=', projectId)
			.executeTakeFirst();
		if (!row) return null;
		const facts = {
			municipalityId: row.municipality_id,
			partnerMunicipalityIds: await partnerIds(db, projectId),
			visibility: row.visibility,
			partnersCanEdit: row.has_partner_editing,
			deletedAt: row.deleted_at
		};
		if (!canSeeProject(actor, facts)) return null;
		return { title: row.title, path: `/projekte/${projectId}` };
	},
	async product(db, _actor, id) {
		const productId = numericId(id);
		if (productId === null) return null;
		const row = await db
			.selectFrom('product')
			.select('name')
			.where('id', '=', productId)
			.where('deleted_at', 'is', null)
			.executeTakeFirst();
		return row ? { title: row.name, path: `/loesungen/${productId}` } : null;
	},
	async municipality(db, _actor, id) {
		if (!/^\d{8}$/.test(id)) return null;
		const row = await db
			.selectFrom('municipality')
			.select('name')
			.where('ags', '=', id)
			.executeTakeFirst();
		return row ? { title: row.name, path: `/kommunen/${id}` } : null;
	},
	async idea(db, actor, id) {
		const ideaId = numericId(id);
		if (ideaId === null || !canSeeIdeas(actor)) return null;
		const row = await db
			.selectFrom('idea')
			.select('title')
			.where('id', '=', ideaId)
			.executeTakeFirst();
		return row ? { title: row.title, path: `/ideen/${ideaId}` } : null;
	},
	async event(db, actor, id) {
		const eventId = numericId(id);
		if (eventId === null) return null;
		const row = await db
			.selectFrom('event')
			.select(['title', 'audience'])
			.where('id', '=', eventId)
			.executeTakeFirst();
		if (!row || !canSeeEvent(actor, row)) return null;
		return { title: row.title, path: `/termine/${eventId}` };
	},
	async discussion(db, actor, id) {
		const discussionId = numericId(id);
		// Discussions are read by signed-in people; an attached thread as its subject allows.
		if (discussionId === null || actor.kind !== 'person') return null;
		const row = await db
			.selectFrom('discussion')
			.select(['title', 'subject_type', 'subject_id'])
			.where('id', '=', discussionId)
			.executeTakeFirst();
		if (!row) return null;
		if (row.subject_type !== null) {
			const ref = parseSubjectRef(`${row.subject_type}:${row.subject_id}`);
			const ctx = { db: db as Db, actor, now: () => new Date() };
			if (!ref || !(await loadSubject(ctx, ref))) return null;
		}
		return { title: row.title, path: `/austausch/${discussionId}` };
	},
	async topic_field(db, _actor, id) {
		const row = await db
			.selectFrom('topic_field')
			.select('name')
			.where('key', '=', id)
			.executeTakeFirst();
		return row ? { title: row.name, path: `/projekte?themenfeld=${encodeURIComponent(id)}` } : null;
	}
};

/** The subject as `actor` may see it, or null when it does not exist or is hidden from them. */
export async function resolveSubject(
	db: Db | Tx,
	actor: Actor,
	subject: Subject
): Promise<SubjectView | null> {
	const resolver = resolvers[subject.type];
	if (!resolver) return null;
	const id = String(subject.id);
	const found = await resolver(db, actor, id);
	return found ? { type: subject.type, id, ...found } : null;
}

/** Whether this installation can resolve the type (and so offer following it). */
export function isResolvableType(type: SubjectType): boolean {
	return resolvers[type] !== undefined;
}
