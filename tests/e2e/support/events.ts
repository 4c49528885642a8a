/** Events for tests against the running server, written straight into its database. */
import { withServerDatabase } from './people';

export interface TestEventInput {
	title: string;
	audience: 'public' | 'members';
	/** The start (default: in 30 days); the event lasts eight hours. */
	startsAt?: Date;
	capacity?: number | null;
}

export async function createTestEvent(input: TestEventInput): Promise<number> {
	const start = input.startsAt ?? new Date(Date.now() + 30 * 86_400_000);
	const end = new Date(start.getTime() + 8 * 3_600_000);
	return withServerDatabase(async (db) => {
		const row = await db
			.insertInto('event')
			.values({
				title: input.title,
				kind: 'network_meeting',
				starts_at: start.toISOString(),
				ends_at: end.toISOString(),
				location: 'Landratsamt Offenburg',
				audience: input.audience,
				capacity: input.capacity ?? null,
				updated_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

/** An accepted pitch of `projectId` in the event's programme, from `startsAt` for 30 minutes. */
export async function createTestPitch(input: {
	eventId: number;
	projectId: number;
	title: string;
	presenterPersonId: number;
	startsAt: Date;
}): Promise<number> {
	const nowIso = new Date().toISOString();
	return withServerDatabase(async (db) => {
		const row = await db
			.insertInto('event_session')
			.values({
				event_id: input.eventId,
				kind: 'pitch',
				status: 'accepted',
				title: input.title,
				starts_at: input.startsAt.toISOString(),
				ends_at: new Date(input.startsAt.getTime() + 30 * 60_000).toISOString(),
				room: 'Saal 1',
				project_id: input.projectId,
				presenter_person_id: input.presenterPersonId,
				accepted_at: nowIso,
				updated_at: nowIso
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}
