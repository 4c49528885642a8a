/**
 * Following a subject (decision 0023). Producers may make a person follow what they created or
 * joined (the asker follows the question, the author the idea) inside their own transaction; the
 * notification module adds the pages and settings around it.
 */
import type { Db, Tx } from '../db';
import { SUBJECT_TYPES, type Subject, type SubjectType } from './publish';

/** `project:42` → a subject, or null when the text is not one. */
export function parseSubject(text: string): Subject | null {
	const colon = text.indexOf(':');
	if (colon <= 0) return null;
	const type = text.slice(0, colon);
	const id = text.slice(colon + 1);
	if (!(SUBJECT_TYPES as readonly string[]).includes(type)) return null;
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
	return { type: type as SubjectType, id };
}

export function subjectKey(subject: Subject): string {
	return `${subject.type}:${subject.id}`;
}

/** Idempotent: following twice keeps the first follow. */
export async function followSubject(
	db: Db | Tx,
	personId: number,
	subject: Subject
): Promise<void> {
	await db
		.insertInto('follow')
		.values({ person_id: personId, subject_type: subject.type, subject_id: String(subject.id) })
		.onConflict((oc) => oc.columns(['person_id', 'subject_type', 'subject_id']).doNothing())
		.execute();
}

export async function unfollowSubject(
	db: Db | Tx,
	personId: number,
	subject: Subject
): Promise<void> {
	await db
		.deleteFrom('follow')
		.where('person_id', '=', personId)
		.where('subject_type', '=', subject.type)
		.where('subject_id', '=', String(subject.id))
		.execute();
}

export async function isFollowing(
	db: Db | Tx,
	personId: number,
	subject: Subject
): Promise<boolean> {
	const row = await db
		.selectFrom('follow')
		.select('person_id')
		.where('person_id', '=', personId)
		.where('subject_type', '=', subject.type)
		.where('subject_id', '=', String(subject.id))
		.executeTakeFirst();
	return row !== undefined;
}
