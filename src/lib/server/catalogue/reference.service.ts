/**
 * The catalogue's reference lists: the OZG topic fields (fixed) and the domains (Fachbereiche)
 * the coordination maintains. Both are public: they name areas of work, nothing about anyone.
 */
import type { Ctx } from '../context';
import { findDomains, findTopicFields } from './reference.repository';

export interface TopicField {
	key: string;
	name: string;
}

export interface Domain {
	id: number;
	name: string;
	isArchived: boolean;
}

export function listTopicFields(ctx: Ctx): Promise<TopicField[]> {
	return findTopicFields(ctx.db);
}

/** Domains to choose from (archived ones only where asked, e.g. in the administration). */
export async function listDomains(
	ctx: Ctx,
	{ includeArchived = false }: { includeArchived?: boolean } = {}
): Promise<Domain[]> {
	const rows = await findDomains(ctx.db, { includeArchived });
	return rows.map((row) => ({ id: row.id, name: row.name, isArchived: row.is_archived }));
}
