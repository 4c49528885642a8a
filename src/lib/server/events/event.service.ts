/**
 * Use cases of events and registrations: the coordination creates and changes events; people
 * register and cancel; a full event queues on a waiting list that moves up by itself when a
 * place frees up (a cancellation or a larger capacity). Every change of places happens under
 * the event's lock (see lockEvent), so concurrent registrations never overbook.
 * Registration mails are direct (outbox, same transaction), not notifications.
 */
import type { Actor, Ctx, PersonActor } from '../context';
import type { Db, Tx } from '../db';
import { inTransaction } from '../db';
import type { RegistrationStatus } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { canWrite } from '../auth/auth.policy';
import { writeSheet, type ExportedFile, type InterchangeFormat } from '../interchange';
import { enqueueMail } from '../mail';
import { getNetwork } from '../network';
import { followSubject, publishEvent } from '../notifications';
import { parseOrInvalid } from '../reuse/reuse.schema';
import { renderMarkdown } from '../text/markdown';
import {
	attendeeMessageMail,
	eventLink,
	registrationMail,
	type RegistrationMailKind
} from './event.mail';
import {
	canManageEvents,
	canRegister,
	canSeeAttendees,
	canSeeEvent,
	canSeeOnlineLink,
	guestsAllowed
} from './event.policy';
import {
	countRegistrations,
	findEvent,
	findGuest,
	findPersonContact,
	findRegistration,
	insertEvent,
	listAttendeeRows,
	listDueReminders,
	markReminded,
	listEventRows,
	listMunicipalityOptions,
	listWaiting,
	lockEvent,
	municipalityExists,
	saveRegistration,
	setRegistrationStatus,
	updateEventRow,
	type Registrant,
	type AttendeeRow,
	type EventRow,
	type EventWrite,
	type RegistrationRow
} from './event.repository';
import {
	AttendeeMessageSchema,
	EventInputSchema,
	IdSchema,
	type AttendeeMessageInput,
	type EventInput
} from './event.schema';
import { formatLocalRange, instantToLocal } from './event.time';
import { guestCancelLink } from './guest.token';

/** Absolute origin for links in mails, e.g. `https://netzwerk.example`. */
export interface EventMailOrigin {
	origin: string;
}

export const EVENT_KIND_LABELS_DE = {
	conference: 'Konferenz',
	network_meeting: 'Netzwerktreffen',
	workshop: 'Workshop',
	online_session: 'Online-Termin'
} as const;

function requirePerson(actor: Actor): PersonActor {
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return actor;
}

function parseId(id: unknown): number {
	const parsed = IdSchema.safeParse(id);
	if (!parsed.success) throw notFound('event');
	return parsed.data;
}

/** The event if the actor may see it, else NOT_FOUND (members-only events do not exist for visitors). */
export async function loadVisibleEvent(ctx: Ctx, id: unknown): Promise<EventRow> {
	const event = await findEvent(ctx.db, parseId(id));
	if (!event || !canSeeEvent(ctx.actor, event)) throw notFound('event');
	return event;
}

// -- reading --

export interface EventListItem {
	id: number;
	title: string;
	kind: EventRow['kind'];
	when: string;
	startsAt: string;
	endsAt: string;
	location: string;
	isOnline: boolean;
	audience: EventRow['audience'];
	organiserName: string | null;
}

function listItem(row: EventRow): EventListItem {
	return {
		id: row.id,
		title: row.title,
		kind: row.kind,
		when: formatLocalRange(row.startsAt, row.endsAt, row.timeZone),
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		location: row.location,
		isOnline: row.onlineUrl !== null,
		audience: row.audience,
		organiserName: row.organiserMunicipalityName
	};
}

export function visibleAudiences(actor: Actor): ('public' | 'members')[] {
	return canSeeEvent(actor, { audience: 'members' }) ? ['public', 'members'] : ['public'];
}

/** Upcoming (not yet ended) events by start, and the last past ones, newest first. */
export async function listEvents(
	ctx: Ctx
): Promise<{ upcoming: EventListItem[]; past: EventListItem[]; canCreate: boolean }> {
	const audiences = visibleAudiences(ctx.actor);
	const now = ctx.now().toISOString();
	const [upcoming, past] = await Promise.all([
		listEventRows(ctx.db, { audiences, endsAfter: now }),
		listEventRows(ctx.db, { audiences, endsBefore: now, limit: 20 })
	]);
	return {
		upcoming: upcoming.map(listItem),
		past: past.map(listItem),
		canCreate: canManageEvents(ctx.actor)
	};
}

export interface EventView extends EventListItem {
	descriptionHtml: string;
	/** Only for those who may join (canSeeOnlineLink); `isOnline` tells everyone else. */
	onlineUrl: string | null;
	organiserMunicipalityId: number | null;
	capacity: number | null;
	confirmedCount: number;
	waitingCount: number;
	freePlaces: number | null;
	isCallForPitchesOpen: boolean;
	hasEnded: boolean;
	isRunning: boolean;
	/** The actor's registration, if any (cancelled ones count as none). */
	ownStatus: Exclude<RegistrationStatus, 'cancelled'> | null;
	/** Place on the waiting list (1 = next), when waiting. */
	waitingPosition: number | null;
	canRegister: boolean;
	/** A visitor who is not signed in may ask to register as a guest. */
	canRegisterAsGuest: boolean;
	canManage: boolean;
	canSeeAttendees: boolean;
}

/** One event with the places and the actor's own registration. */
export async function getEvent(ctx: Ctx, id: unknown): Promise<EventView> {
	const event = await loadVisibleEvent(ctx, id);
	const counts = await countRegistrations(ctx.db, event.id);
	const now = ctx.now();
	let ownStatus: EventView['ownStatus'] = null;
	let waitingPosition: number | null = null;
	if (ctx.actor.kind === 'person') {
		const own = await findRegistration(ctx.db, event.id, ctx.actor.personId);
		if (own && own.status !== 'cancelled') ownStatus = own.status;
		if (own?.status === 'waiting') {
			const queue = await listWaiting(ctx.db, event.id, counts.waiting);
			waitingPosition = queue.findIndex((row) => row.id === own.id) + 1;
		}
	}
	return {
		...listItem(event),
		descriptionHtml: renderMarkdown(event.description),
		onlineUrl: canSeeOnlineLink(ctx.actor, ownStatus) ? event.onlineUrl : null,
		organiserMunicipalityId: event.organiserMunicipalityId,
		capacity: event.capacity,
		confirmedCount: counts.confirmed,
		waitingCount: counts.waiting,
		freePlaces: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed),
		isCallForPitchesOpen: event.isCallForPitchesOpen,
		hasEnded: Date.parse(event.endsAt) <= now.getTime(),
		isRunning:
			Date.parse(event.startsAt) <= now.getTime() && Date.parse(event.endsAt) > now.getTime(),
		ownStatus,
		waitingPosition,
		canRegister: canRegister(ctx.actor, event, now),
		canRegisterAsGuest: ctx.actor.kind === 'anonymous' && guestsAllowed(event, now),
		canManage: canManageEvents(ctx.actor),
		canSeeAttendees: canSeeAttendees(ctx.actor)
	};
}

/** The form values of an event (local dates and times) and the organiser choices. */
export async function getEventForm(
	ctx: Ctx,
	id?: unknown
): Promise<{ values: Record<string, string>; municipalities: { id: number; name: string }[] }> {
	if (!canManageEvents(ctx.actor)) throw forbidden('not the coordination');
	const municipalities = await listMunicipalityOptions(ctx.db);
	if (id === undefined) return { values: {}, municipalities };
	const event = await loadVisibleEvent(ctx, id);
	const start = instantToLocal(event.startsAt, event.timeZone);
	const end = instantToLocal(event.endsAt, event.timeZone);
	return {
		values: {
			title: event.title,
			kind: event.kind,
			description: event.description,
			startDate: start.date,
			startTime: start.time,
			endDate: end.date,
			endTime: end.time,
			location: event.location,
			onlineUrl: event.onlineUrl ?? '',
			organiserMunicipalityId: event.organiserMunicipalityId
				? String(event.organiserMunicipalityId)
				: '',
			audience: event.audience,
			capacity: event.capacity === null ? '' : String(event.capacity),
			isCallForPitchesOpen: event.isCallForPitchesOpen ? 'on' : ''
		},
		municipalities
	};
}

// -- writing events --

async function parseEventInput(ctx: Ctx, input: EventInput): Promise<EventWrite> {
	const values = parseOrInvalid(EventInputSchema, input);
	if (
		values.organiserMunicipalityId !== null &&
		!(await municipalityExists(ctx.db, values.organiserMunicipalityId))
	) {
		throw invalid({ organiserMunicipalityId: 'organiser_invalid' });
	}
	return {
		title: values.title,
		kind: values.kind,
		description: values.description,
		startsAt: values.startsAt.toISOString(),
		endsAt: values.endsAt.toISOString(),
		location: values.location,
		onlineUrl: values.onlineUrl,
		organiserMunicipalityId: values.organiserMunicipalityId,
		audience: values.audience,
		capacity: values.capacity,
		isCallForPitchesOpen: values.isCallForPitchesOpen
	};
}

/**
 * Creates an event (coordination only) and tells followers of the organiser municipality.
 * Throws FORBIDDEN, INVALID.
 */
export async function createEvent(ctx: Ctx, input: EventInput): Promise<number> {
	if (!canManageEvents(ctx.actor)) throw forbidden('not the coordination');
	const values = await parseEventInput(ctx, input);
	const actorPersonId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
	return inTransaction(ctx.db, async (tx) => {
		const now = ctx.now();
		const id = await insertEvent(
			tx,
			{ ...values, createdByPersonId: actorPersonId },
			now.toISOString()
		);
		const organiser = values.organiserMunicipalityId === null ? undefined : await findEvent(tx, id);
		await publishEvent(tx, {
			kind: 'event_published',
			actorPersonId,
			audience: values.audience,
			title: `Neuer Termin: ${values.title}`,
			url: `/termine/${id}`,
			subjects: [
				{ type: 'event', id },
				...(organiser?.organiserMunicipalityAgs
					? [{ type: 'municipality' as const, id: organiser.organiserMunicipalityAgs }]
					: [])
			],
			payload: { eventId: id, startsAt: values.startsAt },
			occurredAt: now
		});
		if (actorPersonId !== null) await followSubject(tx, actorPersonId, { type: 'event', id });
		return id;
	});
}

/**
 * Changes an event (coordination only). A larger capacity (or none) moves people up from the
 * waiting list at once; a smaller one never takes a confirmed place away.
 * Throws FORBIDDEN, NOT_FOUND, INVALID.
 */
export async function updateEvent(
	ctx: Ctx,
	id: unknown,
	input: EventInput,
	options: EventMailOrigin
): Promise<void> {
	if (!canManageEvents(ctx.actor)) throw forbidden('not the coordination');
	const eventId = parseId(id);
	const values = await parseEventInput(ctx, input);
	const network = await getNetwork(ctx);
	await inTransaction(ctx.db, async (tx) => {
		const event = await lockEvent(tx, eventId);
		if (!event) throw notFound('event');
		await updateEventRow(tx, eventId, values, ctx.now().toISOString());
		const updated = await findEvent(tx, eventId);
		if (updated) await promoteFromWaitingList(tx, ctx, updated, network.name, options);
	});
}

// -- registering --

/** Where a registration's mails go: a member's address and the event page, or a guest's address and their cancel link. */
async function recipientOf(
	db: Db,
	who: Registrant | { personId: number | null; guestId: number | null },
	event: EventRow,
	options: EventMailOrigin
): Promise<{ to: string; link: string; isGuest: boolean } | undefined> {
	if (who.guestId !== undefined && who.guestId !== null) {
		const guest = await findGuest(db, who.guestId);
		if (!guest || guest.confirmedAt === null) return undefined;
		return { to: guest.email, link: guestCancelLink(options.origin, guest), isGuest: true };
	}
	if (who.personId === undefined || who.personId === null) return undefined;
	const contact = await findPersonContact(db, who.personId);
	if (!contact) return undefined;
	return { to: contact.email, link: eventLink(options.origin, event.id), isGuest: false };
}

async function mailRegistration(
	db: Db,
	ctx: Ctx,
	kind: RegistrationMailKind,
	who: Registrant | { personId: number | null; guestId: number | null },
	event: EventRow,
	networkName: string,
	options: EventMailOrigin,
	dedupeKey?: string
): Promise<boolean> {
	const recipient = await recipientOf(db, who, event, options);
	if (!recipient) return false;
	const result = await enqueueMail(
		db,
		registrationMail({
			kind,
			to: recipient.to,
			networkName: networkName || 'Netzwerk',
			event,
			link: recipient.link,
			isGuest: recipient.isGuest
		}),
		{ now: ctx.now(), dedupeKey }
	);
	return result.status === 'queued';
}

/** Fills free places from the waiting list, first come first served; mails each one moved up. */
async function promoteFromWaitingList(
	tx: Tx,
	ctx: Ctx,
	event: EventRow,
	networkName: string,
	options: EventMailOrigin
): Promise<number> {
	const { confirmed, waiting } = await countRegistrations(tx, event.id);
	const free = event.capacity === null ? waiting : Math.max(0, event.capacity - confirmed);
	if (free === 0 || waiting === 0) return 0;
	const promoted = await listWaiting(tx, event.id, free);
	const now = ctx.now().toISOString();
	for (const registration of promoted) {
		await setRegistrationStatus(tx, registration.id, 'confirmed', now);
		await mailRegistration(tx, ctx, 'promoted', registration, event, networkName, options);
	}
	return promoted.length;
}

/**
 * Registers the signed-in person: a place while there is one, else the waiting list. Registering
 * again while registered changes nothing and answers the current state.
 * Throws UNAUTHENTICATED, NOT_FOUND, FORBIDDEN (read-only token), CONFLICT (event over).
 */
export async function registerForEvent(
	ctx: Ctx,
	id: unknown,
	options: EventMailOrigin
): Promise<RegistrationStatus> {
	const actor = requirePerson(ctx.actor);
	if (!canWrite(actor)) throw forbidden('read-only');
	const eventId = parseId(id);
	const network = await getNetwork(ctx);
	return inTransaction(ctx.db, async (tx) => {
		const event = await lockEvent(tx, eventId);
		if (!event || !canSeeEvent(actor, event)) throw notFound('event');
		if (!canRegister(actor, event, ctx.now())) {
			throw new DomainError('CONFLICT', 'event is over', { form: 'event_over' });
		}
		const existing = await findRegistration(tx, eventId, actor.personId);
		if (existing && existing.status !== 'cancelled') return existing.status;
		return takePlace(tx, ctx, event, { personId: actor.personId }, network.name, options);
	});
}

/**
 * The one way to a place, for members and guests alike; call it inside the transaction that
 * holds the event's lock (lockEvent). A place while there is one, else the waiting list.
 */
export async function takePlace(
	tx: Tx,
	ctx: Ctx,
	event: EventRow,
	who: Registrant,
	networkName: string,
	options: EventMailOrigin
): Promise<RegistrationStatus> {
	const { confirmed, waiting } = await countRegistrations(tx, event.id);
	// Nobody overtakes the waiting list, even if a place is free for a moment.
	const hasPlace = event.capacity === null || (confirmed < event.capacity && waiting === 0);
	const status: RegistrationStatus = hasPlace ? 'confirmed' : 'waiting';
	await saveRegistration(tx, { eventId: event.id, who, status, now: ctx.now().toISOString() });
	await mailRegistration(tx, ctx, status, who, event, networkName, options);
	return status;
}

/**
 * Ends a registration and, when it held a place, gives the place to the first on the waiting
 * list. Inside the transaction that holds the event's lock, for members and guests alike.
 */
export async function releasePlace(
	tx: Tx,
	ctx: Ctx,
	event: EventRow,
	registration: RegistrationRow,
	networkName: string,
	options: EventMailOrigin
): Promise<void> {
	await setRegistrationStatus(tx, registration.id, 'cancelled', ctx.now().toISOString());
	await mailRegistration(tx, ctx, 'cancelled', registration, event, networkName, options);
	if (registration.status === 'confirmed') {
		await promoteFromWaitingList(tx, ctx, event, networkName, options);
	}
}

/**
 * Cancels the signed-in person's registration; a place freed goes to the first on the waiting
 * list at once. Throws UNAUTHENTICATED, NOT_FOUND (no registration), FORBIDDEN.
 */
export async function cancelRegistration(
	ctx: Ctx,
	id: unknown,
	options: EventMailOrigin
): Promise<void> {
	const actor = requirePerson(ctx.actor);
	if (!canWrite(actor)) throw forbidden('read-only');
	const eventId = parseId(id);
	const network = await getNetwork(ctx);
	await inTransaction(ctx.db, async (tx) => {
		const event = await lockEvent(tx, eventId);
		if (!event || !canSeeEvent(actor, event)) throw notFound('event');
		const registration = await findRegistration(tx, eventId, actor.personId);
		if (!registration || registration.status === 'cancelled') throw notFound('registration');
		await releasePlace(tx, ctx, event, registration, network.name, options);
	});
}

// -- the organisers' side --

export interface AttendeeList {
	event: EventListItem;
	confirmed: AttendeeRow[];
	waiting: AttendeeRow[];
	canMessage: boolean;
}

/** Who is registered and who waits (coordination only; NOT_FOUND for others). */
export async function listAttendees(ctx: Ctx, id: unknown): Promise<AttendeeList> {
	if (!canSeeAttendees(ctx.actor)) throw notFound('event');
	const event = await loadVisibleEvent(ctx, id);
	const rows = await listAttendeeRows(ctx.db, event.id);
	return {
		event: listItem(event),
		confirmed: rows.filter((row) => row.status === 'confirmed'),
		waiting: rows.filter((row) => row.status === 'waiting'),
		canMessage: canManageEvents(ctx.actor)
	};
}

export const ATTENDEE_COLUMNS = ['name', 'kommune', 'e_mail', 'status', 'angemeldet_am'] as const;

/** The attendee list as CSV or XLSX, through the interchange module's sheet writer. */
export async function exportAttendees(
	ctx: Ctx,
	id: unknown,
	format: Exclude<InterchangeFormat, 'json'>
): Promise<ExportedFile> {
	const list = await listAttendees(ctx, id);
	const records = [...list.confirmed, ...list.waiting].map((row) => ({
		name: row.displayName,
		kommune: row.municipalities,
		e_mail: row.email,
		status:
			(row.status === 'confirmed' ? 'angemeldet' : 'Warteliste') + (row.isGuest ? ' (Gast)' : ''),
		angemeldet_am: instantToLocal(row.queuedAt).date
	}));
	const file = await writeSheet(format, ATTENDEE_COLUMNS, records, 'Teilnehmende');
	return { ...file, filename: `teilnehmende-termin-${list.event.id}.${file.extension}` };
}

/**
 * Mails a message of the coordination to everyone with a place (and, if asked, the waiting
 * list). Throws FORBIDDEN/NOT_FOUND, INVALID. Returns how many mails were queued.
 */
export async function messageAttendees(
	ctx: Ctx,
	id: unknown,
	input: AttendeeMessageInput & { includeWaiting?: boolean },
	options: EventMailOrigin
): Promise<number> {
	if (!canManageEvents(ctx.actor)) throw notFound('event');
	const actor = ctx.actor;
	const event = await loadVisibleEvent(ctx, id);
	const values = parseOrInvalid(AttendeeMessageSchema, input);
	const network = await getNetwork(ctx);
	return inTransaction(ctx.db, async (tx) => {
		const rows = (await listAttendeeRows(tx, event.id)).filter(
			(row) => row.status === 'confirmed' || input.includeWaiting === true
		);
		for (const row of rows) {
			await enqueueMail(
				tx,
				attendeeMessageMail({
					to: row.email,
					networkName: network.name || 'Netzwerk',
					senderName: actor.kind === 'person' ? actor.displayName : network.name || 'Netzwerk',
					event,
					subject: values.subject,
					message: values.message,
					link: eventLink(options.origin, event.id),
					hasPlace: row.status === 'confirmed'
				}),
				{ now: ctx.now() }
			);
		}
		return rows.length;
	});
}

// -- reminders --

/** Reminders go out this long before the start. */
export const REMINDER_LEAD_HOURS = 24;

/**
 * Queues the reminder for every confirmed attendee of an event that starts within the next
 * REMINDER_LEAD_HOURS. The dedupe key makes each reminder go out once, however often this runs
 * and on however many instances. Returns the reminders newly queued.
 */
export async function sendEventReminders(ctx: Ctx, options: EventMailOrigin): Promise<number> {
	const now = ctx.now();
	const until = new Date(now.getTime() + REMINDER_LEAD_HOURS * 3600 * 1000);
	const due = await listDueReminders(ctx.db, now.toISOString(), until.toISOString());
	if (due.length === 0) return 0;
	const network = await getNetwork(ctx);
	let queued = 0;
	const events = new Map<number, EventRow | undefined>();
	for (const who of due) {
		const { eventId } = who;
		if (!events.has(eventId)) events.set(eventId, await findEvent(ctx.db, eventId));
		const event = events.get(eventId);
		if (!event) continue;
		const dedupeKey =
			who.guestId !== null
				? `event-reminder:${eventId}:guest-${who.guestId}`
				: `event-reminder:${eventId}:${who.personId}`;
		// The mail and the mark in one transaction: a crash in between sends it on the next pass;
		// the dedupe key keeps a second instance, passing at the same time, from sending it twice.
		const sent = await inTransaction(ctx.db, async (tx) => {
			const queuedNow = await mailRegistration(
				tx,
				ctx,
				'reminder',
				who,
				event,
				network.name,
				options,
				dedupeKey
			);
			await markReminded(tx, who.registrationId, now.toISOString());
			return queuedNow;
		});
		if (sent) queued += 1;
	}
	return queued;
}
