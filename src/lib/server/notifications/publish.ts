/**
 * The one way a feature tells the network that something happened (decision 0023). Called inside
 * the feature's own transaction, so an event exists exactly when its write committed; the
 * notification worker later fans it out to followers of its subjects and to named recipients.
 */
import type { Db, Tx } from '../db';

/** What can be followed, and so what an event can be about. */
export const SUBJECT_TYPES = [
	'project',
	'product',
	'idea',
	'discussion',
	'event',
	'municipality',
	'topic_field'
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface Subject {
	type: SubjectType;
	/** The subject's key as text: a numeric id, an AGS for municipalities, a code for topic fields. */
	id: string | number;
}

/** Who may learn of an event: visitors' content, members' content, or only the named people. */
export type EventAudience = 'public' | 'members' | 'recipients';

export interface NotificationEventInput {
	kind: string;
	actorPersonId: number | null;
	audience: EventAudience;
	/** German one-line text shown in the notification centre and the mail subject. */
	title: string;
	/** A path of this installation, starting with `/`. */
	url: string;
	/** Followers of these are notified (the actor never is). */
	subjects: readonly Subject[];
	/** Notified whether or not they follow, e.g. an @mention or the asker of a question. */
	recipients?: readonly { personId: number; reason: string }[];
	payload?: Record<string, unknown>;
	occurredAt: Date;
}

export async function publishEvent(db: Db | Tx, input: NotificationEventInput): Promise<number> {
	if (!input.url.startsWith('/')) throw new Error('notification event: url must be a path');
	if (input.title.trim() === '') throw new Error('notification event: title is empty');
	const { id } = await db
		.insertInto('notification_event')
		.values({
			kind: input.kind,
			actor_person_id: input.actorPersonId,
			audience: input.audience,
			title: input.title.slice(0, 300),
			url: input.url,
			payload_json: JSON.stringify(input.payload ?? {}),
			occurred_at: input.occurredAt.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const subjects = new Map<string, Subject>();
	for (const subject of input.subjects) subjects.set(`${subject.type}:${subject.id}`, subject);
	if (subjects.size > 0) {
		await db
			.insertInto('notification_event_subject')
			.values(
				[...subjects.values()].map((s) => ({
					event_id: id,
					subject_type: s.type,
					subject_id: String(s.id)
				}))
			)
			.execute();
	}
	const recipients = new Map<number, string>();
	for (const r of input.recipients ?? []) {
		if (!recipients.has(r.personId)) recipients.set(r.personId, r.reason);
	}
	if (recipients.size > 0) {
		await db
			.insertInto('notification_event_recipient')
			.values(
				[...recipients].map(([personId, reason]) => ({
					event_id: id,
					person_id: personId,
					reason
				}))
			)
			.execute();
	}
	return id;
}
