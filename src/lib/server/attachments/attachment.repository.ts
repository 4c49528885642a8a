/** SQL of attachments. Queries only; rules live in attachment.service.ts. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { AttachmentTable } from '../db/schema';
import type { ProjectAccessFacts } from '../projects/project.policy';

export interface ProjectFacts extends ProjectAccessFacts {
	id: number;
	title: string;
}

/** What the project policy needs to know, or undefined when there is no such project. */
export async function findProjectFacts(
	db: Db,
	projectId: number
): Promise<ProjectFacts | undefined> {
	const project = await db
		.selectFrom('project')
		.select(['id', 'title', 'municipality_id', 'visibility', 'has_partner_editing', 'deleted_at'])
		.where('id', '=', projectId)
		.executeTakeFirst();
	if (!project) return undefined;
	const partners = await db
		.selectFrom('project_partner')
		.select('municipality_id')
		.where('project_id', '=', projectId)
		.execute();
	return {
		id: project.id,
		title: project.title,
		municipalityId: project.municipality_id,
		partnerMunicipalityIds: partners.map((partner) => partner.municipality_id),
		visibility: project.visibility,
		// SQLite hands booleans back as 0/1.
		partnersCanEdit: project.has_partner_editing,
		deletedAt: project.deleted_at
	};
}

const attachmentColumns = [
	'a.id',
	'a.project_id',
	'a.storage_key',
	'a.file_name',
	'a.title',
	'a.media_type',
	'a.size_bytes',
	'a.created_at',
	'p.display_name as uploaded_by_name'
] as const;

function attachments(db: Db) {
	return db
		.selectFrom('attachment as a')
		.leftJoin('person as p', 'p.id', 'a.uploaded_by_person_id')
		.select(attachmentColumns);
}

export async function insertAttachment(
	db: Db,
	values: Insertable<AttachmentTable>
): Promise<number> {
	const row = await db
		.insertInto('attachment')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The project's attachments that are not deleted, oldest first. */
export function findProjectAttachments(db: Db, projectId: number) {
	return attachments(db)
		.where('a.project_id', '=', projectId)
		.where('a.deleted_at', 'is', null)
		.orderBy('a.created_at', 'asc')
		.orderBy('a.id', 'asc')
		.execute();
}

/** One attachment of the project that is not deleted. */
export function findProjectAttachment(db: Db, projectId: number, attachmentId: number) {
	return attachments(db)
		.where('a.project_id', '=', projectId)
		.where('a.id', '=', attachmentId)
		.where('a.deleted_at', 'is', null)
		.executeTakeFirst();
}

/** Marks the attachment deleted; false when it was not there (or already deleted). */
export async function markAttachmentDeleted(
	db: Db,
	projectId: number,
	attachmentId: number,
	deletedAt: string
): Promise<boolean> {
	const result = await db
		.updateTable('attachment')
		.set({ deleted_at: deletedAt })
		.where('project_id', '=', projectId)
		.where('id', '=', attachmentId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
