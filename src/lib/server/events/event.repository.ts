/** The SQL of events, registrations, the programme and calendar feeds; no rules here. */
import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db';
import type {
	EventAudienceKind,
	EventKind,
	RegistrationStatus,
	SessionKind,
	SessionStatus
} from '../db/schema';

export interface EventRow {
	id: number;
	title: string;
	kind: EventKind;
	description: string;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	location: string;
	onlineUrl: string | null;
	organiserMunicipalityId: number | null;
	organiserMunicipalityName: string | null;
	organiserMunicipalityAgs: string | null;
	audience: EventAudienceKind;
	capacity: number | null;
	isCallForPitchesOpen: boolean;
	updatedAt: string;
}

function eventQuery(db: Db) {
	return db
		.selectFrom('event')
		.leftJoin('municipality', 'municipality.id', 'event.organiser_municipality_id')
		.select([
			'event.id',
			'event.title',
			'event.kind',
			'event.description',
			'event.starts_at as startsAt',
			'event.ends_at as endsAt',
			'event.time_zone as timeZone',
			'event.location',
			'event.online_url as onlineUrl',
			'event.organiser_municipality_id as organiserMunicipalityId',
			'municipality.name as organiserMunicipalityName',
			'municipality.ags as organiserMunicipalityAgs',
			'event.audience',
			'event.capacity',
			'event.is_call_for_pitches_open as isCallForPitchesOpen',
			'event.updated_at as updatedAt'
		]);
}

export async function findEvent(db: Db, id: number): Promise<EventRow | undefined> {
	return eventQuery(db).where('event.id', '=', id).executeTakeFirst();
}

/**
 * Reads the event inside a registration transaction and serialises every change of its places:
 * PostgreSQL locks the event row until commit; SQLite has one writer, and this process's one
 * connection runs one transaction at a time.
 */
export async function lockEvent(tx: Tx, id: number): Promise<EventRow | undefined> {
	if (tx.getExecutor().adapter instanceof PostgresAdapter) {
		await tx.selectFrom('event').select('id').where('id', '=', id).forUpdate().execute();
	}
	return findEvent(tx, id);
}

export async function listEventRows(
	db: Db,
	filter: {
		audiences: readonly EventAudienceKind[];
		endsAfter?: string;
		endsBefore?: string;
		limit?: number;
	}
): Promise<EventRow[]> {
	let query = eventQuery(db).where('event.audience', 'in', [...filter.audiences]);
	if (filter.endsAfter) query = query.where('event.ends_at', '>', filter.endsAfter);
	if (filter.endsBefore) query = query.where('event.ends_at', '<=', filter.endsBefore);
	return query
		.orderBy('event.starts_at', filter.endsBefore ? 'desc' : 'asc')
		.orderBy('event.id')
		.limit(filter.limit ?? 200)
		.execute();
}

export interface EventWrite {
	title: string;
	kind: EventKind;
	description: string;
	startsAt: string;
	endsAt: string;
	location: string;
	onlineUrl: string | null;
	organiserMunicipalityId: number | null;
	audience: EventAudienceKind;
	capacity: number | null;
	isCallForPitchesOpen: boolean;
}

function eventColumns(values: EventWrite, now: string) {
	return {
		title: values.title,
		kind: values.kind,
		description: values.description,
		starts_at: values.startsAt,
		ends_at: values.endsAt,
		location: values.location,
		online_url: values.onlineUrl,
		organiser_municipality_id: values.organiserMunicipalityId,
		audience: values.audience,
		capacity: values.capacity,
		is_call_for_pitches_open: values.isCallForPitchesOpen,
		updated_at: now
	};
}

export async function insertEvent(
	db: Db,
	values: EventWrite & { createdByPersonId: number | null; isDemo?: boolean },
	now: string
): Promise<number> {
	const row = await db
		.insertInto('event')
		.values({
			...eventColumns(values, now),
			created_by_person_id: values.createdByPersonId,
			is_demo: values.isDemo ?? false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateEventRow(db: Db, id: number, values: EventWrite, now: string) {
	await db.updateTable('event').set(eventColumns(values, now)).where('id', '=', id).execute();
}

export async function municipalityExists(db: Db, id: number): Promise<boolean> {
	const row = await db
		.selectFrom('municipality')
		.select('id')
		.where('id', '=', id)
		.executeTakeFirst();
	return row !== undefined;
}

export async function listMunicipalityOptions(db: Db): Promise<{ id: number; name: string }[]> {
	return db
		.selectFrom('municipality')
		.select(['id', 'name'])
		.where('membership_status', '=', 'member')
		.orderBy('name_sort')
		.execute();
}

// -- registrations --

export interface RegistrationRow {
	id: number;
	/** Exactly one of personId and guestId is set. */
	personId: number | null;
	guestId: number | null;
	status: RegistrationStatus;
	queuedAt: string;
}

export async function findRegistration(
	db: Db,
	eventId: number,
	personId: number
): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('event_registration')
		.select([
			'id',
			'person_id as personId',
			'guest_id as guestId',
			'status',
			'queued_at as queuedAt'
		])
		.where('event_id', '=', eventId)
		.where('person_id', '=', personId)
		.executeTakeFirst();
}

export async function countRegistrations(
	db: Db,
	eventId: number
): Promise<{ confirmed: number; waiting: number }> {
	const rows = await db
		.selectFrom('event_registration')
		.select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', eventId)
		.where('status', 'in', ['confirmed', 'waiting'])
		.groupBy('status')
		.execute();
	const count = (status: RegistrationStatus) =>
		Number(rows.find((row) => row.status === status)?.n ?? 0);
	return { confirmed: count('confirmed'), waiting: count('waiting') };
}

/** Who holds a registration: a member (person) or a guest without an account. */
export type Registrant =
	{ personId: number; guestId?: undefined } | { guestId: number; personId?: undefined };

export async function findGuestRegistration(
	db: Db,
	guestId: number
): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('event_registration')
		.select([
			'id',
			'person_id as personId',
			'guest_id as guestId',
			'status',
			'queued_at as queuedAt'
		])
		.where('guest_id', '=', guestId)
		.executeTakeFirst();
}

/** A new registration, or a cancelled one taken up again (queued anew). */
export async function saveRegistration(
	db: Db,
	values: { eventId: number; who: Registrant; status: RegistrationStatus; now: string }
): Promise<number> {
	if (values.who.guestId !== undefined) {
		const existing = await findGuestRegistration(db, values.who.guestId);
		if (existing) {
			await db
				.updateTable('event_registration')
				.set({ status: values.status, queued_at: values.now, updated_at: values.now })
				.where('id', '=', existing.id)
				.execute();
			return existing.id;
		}
		const inserted = await db
			.insertInto('event_registration')
			.values({
				event_id: values.eventId,
				person_id: null,
				guest_id: values.who.guestId,
				status: values.status,
				queued_at: values.now,
				updated_at: values.now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return inserted.id;
	}
	const personId = values.who.personId;
	const row = await db
		.insertInto('event_registration')
		.values({
			event_id: values.eventId,
			person_id: personId,
			status: values.status,
			queued_at: values.now,
			updated_at: values.now
		})
		.onConflict((oc) =>
			oc.columns(['event_id', 'person_id']).doUpdateSet({
				status: values.status,
				queued_at: values.now,
				updated_at: values.now
			})
		)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function setRegistrationStatus(
	db: Db,
	id: number,
	status: RegistrationStatus,
	now: string
): Promise<void> {
	await db
		.updateTable('event_registration')
		.set({ status, updated_at: now })
		.where('id', '=', id)
		.execute();
}

/** The longest-waiting registrations, first come first served. */
export async function listWaiting(
	db: Db,
	eventId: number,
	limit: number
): Promise<RegistrationRow[]> {
	return db
		.selectFrom('event_registration')
		.select([
			'id',
			'person_id as personId',
			'guest_id as guestId',
			'status',
			'queued_at as queuedAt'
		])
		.where('event_id', '=', eventId)
		.where('status', '=', 'waiting')
		.orderBy('queued_at')
		.orderBy('id')
		.limit(limit)
		.execute();
}

export interface AttendeeRow {
	personId: number | null;
	/** Guests have no account; their organisation stands in for the municipality. */
	isGuest: boolean;
	displayName: string;
	email: string;
	municipalities: string;
	status: RegistrationStatus;
	queuedAt: string;
}

export async function listAttendeeRows(db: Db, eventId: number): Promise<AttendeeRow[]> {
	const rows = await db
		.selectFrom('event_registration')
		.innerJoin('person', 'person.id', 'event_registration.person_id')
		.select([
			'person.id as personId',
			'person.display_name as displayName',
			'person.email',
			'event_registration.status',
			'event_registration.queued_at as queuedAt',
			(eb) =>
				eb
					.selectFrom('person_municipality')
					.innerJoin('municipality', 'municipality.id', 'person_municipality.municipality_id')
					.whereRef('person_municipality.person_id', '=', 'person.id')
					.select(sql<string>`min(municipality.name)`.as('name'))
					.as('municipalities')
		])
		.where('event_registration.event_id', '=', eventId)
		.where('event_registration.status', 'in', ['confirmed', 'waiting'])
		.where('person.deleted_at', 'is', null)
		.orderBy('event_registration.status')
		.orderBy('event_registration.queued_at')
		.orderBy('event_registration.id')
		.execute();
	const guests = await db
		.selectFrom('event_registration')
		.innerJoin('event_guest', 'event_guest.id', 'event_registration.guest_id')
		.select([
			'event_guest.name as displayName',
			'event_guest.email',
			'event_guest.organisation as municipalities',
			'event_registration.status',
			'event_registration.queued_at as queuedAt',
			'event_registration.id'
		])
		.where('event_registration.event_id', '=', eventId)
		.where('event_registration.status', 'in', ['confirmed', 'waiting'])
		.execute();
	const members = rows.map((row) => ({
		...row,
		isGuest: false,
		municipalities: row.municipalities ?? ''
	}));
	const all = [
		...members,
		...guests.map(({ id: _id, ...row }) => ({ ...row, personId: null, isGuest: true }))
	];
	// Same order as the members' query: status, then the time of registration.
	return all.sort(
		(a, b) => a.status.localeCompare(b.status) || a.queuedAt.localeCompare(b.queuedAt)
	);
}

export interface GuestRow {
	id: number;
	eventId: number;
	name: string;
	organisation: string;
	email: string;
	confirmExpiresAt: string | null;
	confirmedAt: string | null;
}

const guestColumns = [
	'id',
	'event_id as eventId',
	'name',
	'organisation',
	'email',
	'confirm_expires_at as confirmExpiresAt',
	'confirmed_at as confirmedAt'
] as const;

export async function findGuest(db: Db, id: number): Promise<GuestRow | undefined> {
	return db.selectFrom('event_guest').select(guestColumns).where('id', '=', id).executeTakeFirst();
}

export async function findGuestByEmail(
	db: Db,
	eventId: number,
	email: string
): Promise<GuestRow | undefined> {
	return db
		.selectFrom('event_guest')
		.select(guestColumns)
		.where('event_id', '=', eventId)
		.where('email', '=', email)
		.executeTakeFirst();
}

export async function findGuestByToken(db: Db, tokenHash: string): Promise<GuestRow | undefined> {
	return db
		.selectFrom('event_guest')
		.select(guestColumns)
		.where('confirm_token_hash', '=', tokenHash)
		.executeTakeFirst();
}

/** Creates the guest's request or renews it (new name, organisation and token). */
export async function saveGuestRequest(
	db: Db,
	values: {
		eventId: number;
		name: string;
		organisation: string;
		email: string;
		tokenHash: string;
		expiresAt: string;
		now: string;
	}
): Promise<number> {
	const row = await db
		.insertInto('event_guest')
		.values({
			event_id: values.eventId,
			name: values.name,
			organisation: values.organisation,
			email: values.email,
			confirm_token_hash: values.tokenHash,
			confirm_expires_at: values.expiresAt,
			updated_at: values.now
		})
		.onConflict((oc) =>
			oc.columns(['event_id', 'email']).doUpdateSet({
				name: values.name,
				organisation: values.organisation,
				confirm_token_hash: values.tokenHash,
				confirm_expires_at: values.expiresAt,
				updated_at: values.now
			})
		)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The token is used up: single use. */
export async function markGuestConfirmed(db: Db, id: number, now: string): Promise<void> {
	await db
		.updateTable('event_guest')
		.set({ confirm_token_hash: null, confirm_expires_at: null, confirmed_at: now, updated_at: now })
		.where('id', '=', id)
		.execute();
}

/** Deletes requests that were never confirmed and whose link has expired. */
export async function deleteExpiredGuestRequests(db: Db, now: string): Promise<number> {
	const result = await db
		.deleteFrom('event_guest')
		.where('confirmed_at', 'is', null)
		.where('confirm_expires_at', '<', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function findPersonContact(
	db: Db,
	personId: number
): Promise<{ email: string; displayName: string } | undefined> {
	return db
		.selectFrom('person')
		.select(['email', 'display_name as displayName'])
		.where('id', '=', personId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

/** The person's registrations (confirmed or waiting) with their events, for the private feed. */
export async function listEventsOfPerson(
	db: Db,
	personId: number
): Promise<(EventRow & { registrationStatus: RegistrationStatus })[]> {
	return eventQuery(db)
		.innerJoin('event_registration', 'event_registration.event_id', 'event.id')
		.select('event_registration.status as registrationStatus')
		.where('event_registration.person_id', '=', personId)
		.where('event_registration.status', 'in', ['confirmed', 'waiting'])
		.orderBy('event.starts_at')
		.limit(500)
		.execute();
}

/**
 * Confirmed attendees (members and guests) of events starting in (from, to] who have not been
 * reminded yet: what the reminder loop still has to queue.
 */
export async function listDueReminders(
	db: Db,
	from: string,
	to: string
): Promise<
	{ registrationId: number; eventId: number; personId: number | null; guestId: number | null }[]
> {
	return db
		.selectFrom('event_registration')
		.innerJoin('event', 'event.id', 'event_registration.event_id')
		.select([
			'event_registration.id as registrationId',
			'event.id as eventId',
			'event_registration.person_id as personId',
			'event_registration.guest_id as guestId'
		])
		.where('event_registration.status', '=', 'confirmed')
		.where('event_registration.reminded_at', 'is', null)
		.where('event.starts_at', '>', from)
		.where('event.starts_at', '<=', to)
		.orderBy('event.id')
		.execute();
}

export async function markReminded(
	db: Db | Tx,
	registrationId: number,
	now: string
): Promise<void> {
	await db
		.updateTable('event_registration')
		.set({ reminded_at: now })
		.where('id', '=', registrationId)
		.execute();
}

// -- programme --

export interface SessionRow {
	id: number;
	eventId: number;
	kind: SessionKind;
	status: SessionStatus;
	title: string;
	description: string;
	startsAt: string | null;
	endsAt: string | null;
	room: string;
	speakers: string;
	projectId: number | null;
	projectTitle: string | null;
	projectMunicipalityName: string | null;
	presenterPersonId: number | null;
	presenterName: string | null;
	recordingUrl: string | null;
}

function sessionQuery(db: Db) {
	return db
		.selectFrom('event_session')
		.leftJoin('project', 'project.id', 'event_session.project_id')
		.leftJoin('municipality', 'municipality.id', 'project.municipality_id')
		.leftJoin('person', 'person.id', 'event_session.presenter_person_id')
		.select([
			'event_session.id',
			'event_session.event_id as eventId',
			'event_session.kind',
			'event_session.status',
			'event_session.title',
			'event_session.description',
			'event_session.starts_at as startsAt',
			'event_session.ends_at as endsAt',
			'event_session.room',
			'event_session.speakers',
			'event_session.project_id as projectId',
			'project.title as projectTitle',
			'municipality.name as projectMunicipalityName',
			'event_session.presenter_person_id as presenterPersonId',
			'person.display_name as presenterName',
			'event_session.recording_url as recordingUrl'
		]);
}

export async function listSessionRows(db: Db, eventId: number): Promise<SessionRow[]> {
	return sessionQuery(db)
		.where('event_session.event_id', '=', eventId)
		.where('event_session.status', '<>', 'declined')
		.orderBy('event_session.starts_at')
		.orderBy('event_session.id')
		.execute();
}

export async function findSession(db: Db, id: number): Promise<SessionRow | undefined> {
	return sessionQuery(db).where('event_session.id', '=', id).executeTakeFirst();
}

export async function insertSession(
	db: Db,
	values: {
		eventId: number;
		kind: SessionKind;
		status: SessionStatus;
		title: string;
		description: string;
		startsAt: string | null;
		endsAt: string | null;
		room: string;
		speakers: string;
		projectId: number | null;
		presenterPersonId: number | null;
		acceptedAt?: string | null;
		now: string;
	}
): Promise<number> {
	const row = await db
		.insertInto('event_session')
		.values({
			event_id: values.eventId,
			kind: values.kind,
			status: values.status,
			title: values.title,
			description: values.description,
			starts_at: values.startsAt,
			ends_at: values.endsAt,
			room: values.room,
			speakers: values.speakers,
			project_id: values.projectId,
			presenter_person_id: values.presenterPersonId,
			accepted_at: values.acceptedAt ?? null,
			updated_at: values.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateSessionRow(
	db: Db,
	id: number,
	values: Partial<{
		status: SessionStatus;
		acceptedAt: string;
		startsAt: string;
		endsAt: string;
		room: string;
		recordingUrl: string | null;
	}>,
	now: string
): Promise<void> {
	await db
		.updateTable('event_session')
		.set({
			...(values.status !== undefined && { status: values.status }),
			...(values.acceptedAt !== undefined && { accepted_at: values.acceptedAt }),
			...(values.startsAt !== undefined && { starts_at: values.startsAt }),
			...(values.endsAt !== undefined && { ends_at: values.endsAt }),
			...(values.room !== undefined && { room: values.room }),
			...(values.recordingUrl !== undefined && { recording_url: values.recordingUrl }),
			updated_at: now
		})
		.where('id', '=', id)
		.execute();
}

export async function saveRating(
	db: Db,
	values: { sessionId: number; personId: number; stars: number; now: string }
): Promise<void> {
	await db
		.insertInto('event_pitch_rating')
		.values({
			session_id: values.sessionId,
			person_id: values.personId,
			stars: values.stars,
			updated_at: values.now
		})
		.onConflict((oc) =>
			oc
				.columns(['session_id', 'person_id'])
				.doUpdateSet({ stars: values.stars, updated_at: values.now })
		)
		.execute();
}

export async function listOwnRatings(
	db: Db,
	eventId: number,
	personId: number
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('event_pitch_rating')
		.innerJoin('event_session', 'event_session.id', 'event_pitch_rating.session_id')
		.select(['event_pitch_rating.session_id as sessionId', 'event_pitch_rating.stars'])
		.where('event_session.event_id', '=', eventId)
		.where('event_pitch_rating.person_id', '=', personId)
		.execute();
	return new Map(rows.map((row) => [row.sessionId, row.stars]));
}

/** Per accepted pitch: its ratings and the reuse requests for its project since its acceptance. */
export async function listPitchFigures(
	db: Db,
	eventId: number
): Promise<
	{ sessionId: number; ratings: number; averageStars: number | null; reuseRequests: number }[]
> {
	const rows = await db
		.selectFrom('event_session')
		.select([
			'event_session.id as sessionId',
			(eb) =>
				eb
					.selectFrom('event_pitch_rating')
					.whereRef('event_pitch_rating.session_id', '=', 'event_session.id')
					.select((inner) => inner.fn.countAll<string | number>().as('n'))
					.as('ratings'),
			(eb) =>
				eb
					.selectFrom('event_pitch_rating')
					.whereRef('event_pitch_rating.session_id', '=', 'event_session.id')
					.select(sql<string | number | null>`avg(stars * 1.0)`.as('a'))
					.as('averageStars'),
			(eb) =>
				eb
					.selectFrom('reuse_request')
					.whereRef('reuse_request.project_id', '=', 'event_session.project_id')
					.whereRef('reuse_request.created_at', '>=', 'event_session.accepted_at')
					.select((inner) => inner.fn.countAll<string | number>().as('n'))
					.as('reuseRequests')
		])
		.where('event_session.event_id', '=', eventId)
		.where('event_session.kind', '=', 'pitch')
		.where('event_session.status', '=', 'accepted')
		.execute();
	return rows.map((row) => ({
		sessionId: row.sessionId,
		ratings: Number(row.ratings ?? 0),
		averageStars: row.averageStars === null ? null : Number(row.averageStars),
		reuseRequests: Number(row.reuseRequests ?? 0)
	}));
}

// -- private calendar feed --

export async function saveFeedToken(db: Db, personId: number, tokenHash: string): Promise<void> {
	await db
		.insertInto('calendar_feed_token')
		.values({ person_id: personId, token_hash: tokenHash })
		.onConflict((oc) => oc.column('person_id').doUpdateSet({ token_hash: tokenHash }))
		.execute();
}

export async function hasFeedToken(db: Db, personId: number): Promise<boolean> {
	const row = await db
		.selectFrom('calendar_feed_token')
		.select('person_id')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function findFeedToken(
	db: Db,
	tokenHash: string
): Promise<{ personId: number; tokenHash: string } | undefined> {
	return db
		.selectFrom('calendar_feed_token')
		.innerJoin('person', 'person.id', 'calendar_feed_token.person_id')
		.select([
			'calendar_feed_token.person_id as personId',
			'calendar_feed_token.token_hash as tokenHash'
		])
		.where('calendar_feed_token.token_hash', '=', tokenHash)
		.where('person.deleted_at', 'is', null)
		.executeTakeFirst();
}

/** Projects the person's municipalities own or take part in, for proposing a pitch. */
export async function listProjectsOfMunicipalities(
	db: Db,
	municipalityIds: readonly number[]
): Promise<{ id: number; title: string }[]> {
	if (municipalityIds.length === 0) return [];
	return db
		.selectFrom('project')
		.select(['project.id', 'project.title'])
		.where('project.deleted_at', 'is', null)
		.where('project.visibility', '<>', 'draft')
		.where((eb) =>
			eb.or([
				eb('project.municipality_id', 'in', [...municipalityIds]),
				eb(
					'project.id',
					'in',
					eb
						.selectFrom('project_partner')
						.select('project_partner.project_id')
						.where('project_partner.municipality_id', 'in', [...municipalityIds])
				)
			])
		)
		.orderBy('project.title_sort')
		.limit(500)
		.execute();
}
