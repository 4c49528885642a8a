/**
 * Use cases of an event's programme: sessions (coordination), pitches proposed by members for
 * their catalogue projects and accepted into the programme by the coordination, ratings of
 * pitches, recordings, and the coordination's summary per pitch. "Das wollen wir auch" is the
 * reuse module's own request form; "Frage stellen" a discussion on the project.
 */
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, forbidden, notFound } from '../errors';
import { followSubject, publishEvent } from '../notifications';
import { findProjectFacts } from '../projects';
import { canSeeProject } from '../projects/project.policy';
import { parseOrInvalid } from '../reuse/reuse.schema';
import { renderMarkdown } from '../text/markdown';
import {
	canEditPitchMaterial,
	canManageEvents,
	canProposePitch,
	canRatePitch,
	canSeeAttendees
} from './event.policy';
import {
	findSession,
	insertSession,
	listOwnRatings,
	listPitchFigures,
	listProjectsOfMunicipalities,
	listSessionRows,
	saveRating,
	updateSessionRow,
	type SessionRow
} from './event.repository';
import {
	AcceptPitchSchema,
	IdSchema,
	ProposePitchSchema,
	RatePitchSchema,
	RecordingSchema,
	SessionInputSchema,
	type AcceptPitchInput,
	type ProposePitchInput,
	type SessionInput
} from './event.schema';
import { loadVisibleEvent } from './event.service';
import { formatLocalDate, formatLocalTime } from './event.time';

export interface ProgrammeItem {
	id: number;
	kind: SessionRow['kind'];
	title: string;
	descriptionHtml: string;
	startsAt: string;
	endsAt: string;
	day: string;
	from: string;
	to: string;
	room: string;
	speakers: string;
	projectId: number | null;
	projectTitle: string | null;
	municipalityName: string | null;
	presenterName: string | null;
	recordingUrl: string | null;
	ownRating: number | null;
	canRate: boolean;
	canEditMaterial: boolean;
}

export interface ProposalItem {
	id: number;
	projectId: number;
	projectTitle: string;
	municipalityName: string | null;
	presenterName: string | null;
	descriptionHtml: string;
}

export interface Programme {
	items: ProgrammeItem[];
	/** Proposed pitches: the coordination sees all, a presenter their own. */
	proposals: ProposalItem[];
	/** The actor's projects that may be proposed now (empty when the call is closed). */
	proposableProjects: { id: number; title: string }[];
}

function parseSessionId(id: unknown): number {
	const parsed = IdSchema.safeParse(id);
	if (!parsed.success) throw notFound('session');
	return parsed.data;
}

/** The programme of an event in time order, with what the actor may do per item. */
export async function getProgramme(ctx: Ctx, eventId: unknown): Promise<Programme> {
	const event = await loadVisibleEvent(ctx, eventId);
	const rows = await listSessionRows(ctx.db, event.id);
	const ratings =
		ctx.actor.kind === 'person'
			? await listOwnRatings(ctx.db, event.id, ctx.actor.personId)
			: new Map<number, number>();
	const actor = ctx.actor;
	const items = rows
		.filter((row) => row.status === 'accepted' && row.startsAt !== null && row.endsAt !== null)
		.map((row): ProgrammeItem => {
			const startsAt = row.startsAt ?? '';
			const endsAt = row.endsAt ?? '';
			return {
				id: row.id,
				kind: row.kind,
				title: row.title,
				descriptionHtml: renderMarkdown(row.description),
				startsAt,
				endsAt,
				day: formatLocalDate(startsAt, event.timeZone),
				from: formatLocalTime(startsAt, event.timeZone),
				to: formatLocalTime(endsAt, event.timeZone),
				room: row.room,
				speakers: row.speakers,
				projectId: row.projectId,
				projectTitle: row.projectTitle,
				municipalityName: row.projectMunicipalityName,
				presenterName: row.presenterName,
				recordingUrl: row.recordingUrl,
				ownRating: ratings.get(row.id) ?? null,
				canRate: row.kind === 'pitch' && canRatePitch(actor, row),
				canEditMaterial: row.kind === 'pitch' && canEditPitchMaterial(actor, row)
			};
		})
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
	const proposals = rows
		.filter(
			(row) =>
				row.status === 'proposed' &&
				(canSeeAttendees(actor) ||
					(actor.kind === 'person' && row.presenterPersonId === actor.personId))
		)
		.map((row) => ({
			id: row.id,
			projectId: row.projectId ?? 0,
			projectTitle: row.projectTitle ?? row.title,
			municipalityName: row.projectMunicipalityName,
			presenterName: row.presenterName,
			descriptionHtml: renderMarkdown(row.description)
		}));
	let proposableProjects: { id: number; title: string }[] = [];
	if (actor.kind === 'person' && event.isCallForPitchesOpen) {
		const taken = new Set(rows.map((row) => row.projectId));
		const own = await listProjectsOfMunicipalities(
			ctx.db,
			actor.municipalities.map((membership) => membership.municipalityId)
		);
		proposableProjects = own.filter((project) => !taken.has(project.id));
	}
	return { items, proposals, proposableProjects };
}

/** The sessions running at `now` and the next ones to start, for the page on a phone. */
export function currentAndNext(
	items: readonly ProgrammeItem[],
	now: Date,
	nextCount = 3
): { current: ProgrammeItem[]; next: ProgrammeItem[] } {
	const at = now.getTime();
	return {
		current: items.filter(
			(item) => Date.parse(item.startsAt) <= at && Date.parse(item.endsAt) > at
		),
		next: items.filter((item) => Date.parse(item.startsAt) > at).slice(0, nextCount)
	};
}

/** Adds a session to the programme (coordination only). Throws FORBIDDEN, NOT_FOUND, INVALID. */
export async function addSession(ctx: Ctx, eventId: unknown, input: SessionInput): Promise<number> {
	if (!canManageEvents(ctx.actor)) throw forbidden('not the coordination');
	const event = await loadVisibleEvent(ctx, eventId);
	const values = parseOrInvalid(SessionInputSchema, input);
	return insertSession(ctx.db, {
		eventId: event.id,
		kind: 'session',
		status: 'accepted',
		title: values.title,
		description: values.description,
		startsAt: values.startsAt.toISOString(),
		endsAt: values.endsAt.toISOString(),
		room: values.room,
		speakers: values.speakers,
		projectId: null,
		presenterPersonId: null,
		now: ctx.now().toISOString()
	});
}

/**
 * Proposes a catalogue project as a pitch while the call for pitches is open; the proposer is
 * its presenter. Throws NOT_FOUND (event or project invisible), FORBIDDEN (call closed, not a
 * member of the project's municipalities), CONFLICT (already proposed), INVALID.
 */
export async function proposePitch(
	ctx: Ctx,
	eventId: unknown,
	input: ProposePitchInput
): Promise<number> {
	const actor = ctx.actor;
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	const event = await loadVisibleEvent(ctx, eventId);
	const values = parseOrInvalid(ProposePitchSchema, input);
	const project = await findProjectFacts(ctx.db, values.projectId);
	if (!project || project.deletedAt !== null || !canSeeProject(actor, project)) {
		throw notFound('project');
	}
	if (!canProposePitch(actor, event, project)) {
		throw new DomainError('FORBIDDEN', 'may not propose', {
			projectId: event.isCallForPitchesOpen ? 'not_own_project' : 'call_closed'
		});
	}
	const existing = await listSessionRows(ctx.db, event.id);
	// The unique index (event, project) stays the backstop for two proposals at the same moment.
	if (existing.some((row) => row.projectId === project.id)) {
		throw new DomainError('CONFLICT', 'already proposed', { projectId: 'already_proposed' });
	}
	return insertSession(ctx.db, {
		eventId: event.id,
		kind: 'pitch',
		status: 'proposed',
		title: project.title,
		description: values.description,
		startsAt: null,
		endsAt: null,
		room: '',
		speakers: actor.displayName,
		projectId: project.id,
		presenterPersonId: actor.personId,
		now: ctx.now().toISOString()
	});
}

async function loadProposal(ctx: Ctx, sessionId: unknown): Promise<SessionRow> {
	if (!canManageEvents(ctx.actor)) throw forbidden('not the coordination');
	const session = await findSession(ctx.db, parseSessionId(sessionId));
	if (!session || session.kind !== 'pitch') throw notFound('pitch');
	if (session.status !== 'proposed') {
		throw new DomainError('CONFLICT', 'already decided', { form: 'already_decided' });
	}
	return session;
}

/**
 * Accepts a proposed pitch into the programme at the given time and room (coordination only),
 * tells followers of the project and the event, and makes the presenter follow the event.
 * Throws FORBIDDEN, NOT_FOUND, CONFLICT (already decided), INVALID.
 */
export async function acceptPitch(
	ctx: Ctx,
	sessionId: unknown,
	input: AcceptPitchInput
): Promise<void> {
	const session = await loadProposal(ctx, sessionId);
	const event = await loadVisibleEvent(ctx, session.eventId);
	const values = parseOrInvalid(AcceptPitchSchema, input);
	const actorPersonId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
	await inTransaction(ctx.db, async (tx) => {
		const now = ctx.now();
		await updateSessionRow(
			tx,
			session.id,
			{
				status: 'accepted',
				acceptedAt: now.toISOString(),
				startsAt: values.startsAt.toISOString(),
				endsAt: values.endsAt.toISOString(),
				room: values.room
			},
			now.toISOString()
		);
		await publishEvent(tx, {
			kind: 'event_pitch_accepted',
			actorPersonId,
			audience: event.audience,
			title: `Pitch im Programm von „${event.title}“: ${session.title}`,
			url: `/termine/${event.id}#programmpunkt-${session.id}`,
			subjects: [
				{ type: 'project', id: session.projectId ?? 0 },
				{ type: 'event', id: event.id }
			],
			recipients:
				session.presenterPersonId === null
					? []
					: [{ personId: session.presenterPersonId, reason: 'presenter' }],
			payload: { eventId: event.id, sessionId: session.id, projectId: session.projectId },
			occurredAt: now
		});
		if (session.presenterPersonId !== null) {
			await followSubject(tx, session.presenterPersonId, { type: 'event', id: event.id });
		}
	});
}

/** Declines a proposed pitch (coordination only); the project may be proposed again. */
export async function declinePitch(ctx: Ctx, sessionId: unknown): Promise<void> {
	const session = await loadProposal(ctx, sessionId);
	await updateSessionRow(ctx.db, session.id, { status: 'declined' }, ctx.now().toISOString());
}

async function loadAcceptedPitch(ctx: Ctx, sessionId: unknown): Promise<SessionRow> {
	const session = await findSession(ctx.db, parseSessionId(sessionId));
	if (!session || session.kind !== 'pitch' || session.status !== 'accepted')
		throw notFound('pitch');
	await loadVisibleEvent(ctx, session.eventId);
	return session;
}

/** Rates a pitch with 1–5 stars; rating again replaces the earlier rating. */
export async function ratePitch(
	ctx: Ctx,
	sessionId: unknown,
	input: { stars: unknown }
): Promise<void> {
	const actor = ctx.actor;
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	const session = await loadAcceptedPitch(ctx, sessionId);
	if (!canRatePitch(actor, session)) throw forbidden('may not rate');
	const { stars } = parseOrInvalid(RatePitchSchema, input);
	await saveRating(ctx.db, {
		sessionId: session.id,
		personId: actor.personId,
		stars,
		now: ctx.now().toISOString()
	});
}

/** Sets or clears the recording link of a pitch (coordination or presenter). */
export async function setPitchRecording(
	ctx: Ctx,
	sessionId: unknown,
	input: { recordingUrl: unknown }
): Promise<void> {
	const session = await loadAcceptedPitch(ctx, sessionId);
	if (!canEditPitchMaterial(ctx.actor, session)) throw forbidden('may not edit');
	const { recordingUrl } = parseOrInvalid(RecordingSchema, input);
	await updateSessionRow(ctx.db, session.id, { recordingUrl }, ctx.now().toISOString());
}

export interface PitchSummaryRow {
	id: number;
	title: string;
	projectId: number | null;
	municipalityName: string | null;
	presenterName: string | null;
	ratings: number;
	averageStars: number | null;
	reuseRequests: number;
}

/**
 * Per pitch of the event: number and average of ratings, and reuse requests for its project
 * filed since the pitch was accepted into the programme (coordination only; NOT_FOUND for others).
 */
export async function getPitchSummary(
	ctx: Ctx,
	eventId: unknown
): Promise<{ eventId: number; title: string; pitches: PitchSummaryRow[] }> {
	if (!canSeeAttendees(ctx.actor)) throw notFound('event');
	const event = await loadVisibleEvent(ctx, eventId);
	const [rows, figures] = await Promise.all([
		listSessionRows(ctx.db, event.id),
		listPitchFigures(ctx.db, event.id)
	]);
	const byId = new Map(figures.map((figure) => [figure.sessionId, figure]));
	return {
		eventId: event.id,
		title: event.title,
		pitches: rows
			.filter((row) => row.kind === 'pitch' && row.status === 'accepted')
			.map((row) => ({
				id: row.id,
				title: row.title,
				projectId: row.projectId,
				municipalityName: row.projectMunicipalityName,
				presenterName: row.presenterName,
				ratings: byId.get(row.id)?.ratings ?? 0,
				averageStars: byId.get(row.id)?.averageStars ?? null,
				reuseRequests: byId.get(row.id)?.reuseRequests ?? 0
			}))
	};
}
