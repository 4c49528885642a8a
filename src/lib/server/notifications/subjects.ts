/**
 * What can be followed, as this installation knows it: whether a subject exists and is visible
 * to a person, and how it is named and linked. One resolver per subject type; a feature that
 * adds a followable type (ideas, discussions, events) adds its resolver here.
 */
import type { Actor } from '../context';
import type { Db, Tx } from '../db';
import { canSeeProject } from '../projects/project.policy';
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
