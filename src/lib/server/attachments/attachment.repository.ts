/** SQL of attachments. Queries only; rules live in attachment.service.ts. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { AttachmentTable } from '../db/schema';

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
