/**
 * The fan-out (decision 0027): turns notification events into one notification per person and
 * event, and queues the per-event mails, in one transaction per batch. A crash rolls the batch
 * back and the events wait; several instances on PostgreSQL skip each other's locked events.
 */
import { PostgresAdapter } from 'kysely';
import { canRead } from '../auth/auth.policy';
import type { Ctx, PersonActor } from '../context';
import { inTransaction, type Tx } from '../db';
import type { NotificationMailMode } from '../db/schema';
import { canSeeProject, type ProjectAccessFacts } from '../projects/project.policy';
import { enqueueMail } from '../mail';
import { eventMail } from './notification.mail';
import { DEFAULT_MAIL_MODE, unsubscribeToken } from './preferences';

export interface FanOutOptions {
	/** Absolute origin for links in mails. */
	origin: string;
	networkName: string;
	batchSize?: number;
}

export interface FanOutResult {
	events: number;
	notifications: number;
	mails: number;
}

/** A person who might be notified, with what decides whether they are. */
export interface Candidate {
	personId: number;
	isCoordinator: boolean;
	municipalityIds: readonly number[];
}

export type ProjectFacts = ProjectAccessFacts;

/** The candidate as the policies see a signed-in person (what their own pages would show). */
function actorOf(candidate: Candidate): PersonActor {
	return {
		kind: 'person',
		personId: candidate.personId,
		displayName: '',
		isCoordinator: candidate.isCoordinator,
		municipalities: candidate.municipalityIds.map((municipalityId) => ({
			municipalityId,
			role: 'member' as const
		})),
		sessionId: null,
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true
	};
}

/**
 * Whether a person learns of an event: the audience as published, narrowed by what the event's
 * projects show now under the catalogue's one visibility rule (a project turned into a draft
 * since the event hides it; a deleted one hides it from everybody, the coordination included).
 */
export function mayLearnOf(
	candidate: Candidate,
	event: { audience: string; isNamedRecipient: boolean; projects: readonly ProjectFacts[] }
): boolean {
	const actor = actorOf(candidate);
	switch (event.audience) {
		case 'public':
			break;
		case 'members':
			if (!canRead(actor)) return false;
			break;
		case 'recipients':
			if (!event.isNamedRecipient) return false;
			break;
		default:
			return false;
	}
	return event.projects.every(
		(project) => project.deletedAt === null && canSeeProject(actor, project)
	);
}

/** Events not fanned out yet, oldest first, locked for this transaction on PostgreSQL. */
async function claimEvents(tx: Tx, limit: number) {
	let query = tx
		.selectFrom('notification_event')
		.select(['id', 'kind', 'actor_person_id', 'audience', 'title', 'url', 'occurred_at'])
		.where('fanned_out_at', 'is', null)
		.orderBy('id')
		.limit(limit);
	if (tx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate().skipLocked();
	return query.execute();
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

async function loadCandidates(tx: Tx, personIds: readonly number[]) {
	const people = new Map<number, Candidate & { email: string; mailMode: NotificationMailMode }>();
	for (const ids of chunks(personIds)) {
		const rows = await tx
			.selectFrom('person')
			.leftJoin('notification_preference', 'notification_preference.person_id', 'person.id')
			.select([
				'person.id',
				'person.email',
				'person.is_coordinator',
				'notification_preference.mail_mode'
			])
			.where('person.id', 'in', ids)
			.where('person.deleted_at', 'is', null)
			.execute();
		for (const row of rows) {
			people.set(row.id, {
				personId: row.id,
				email: row.email,
				isCoordinator: row.is_coordinator,
				municipalityIds: [],
				mailMode: row.mail_mode ?? DEFAULT_MAIL_MODE
			});
		}
		const memberships = await tx
			.selectFrom('person_municipality')
			.select(['person_municipality.person_id', 'person_municipality.municipality_id'])
			.where('person_municipality.person_id', 'in', ids)
			.execute();
		for (const m of memberships) {
			const person = people.get(m.person_id);
			if (!person) continue;
			person.municipalityIds = [...person.municipalityIds, m.municipality_id];
		}
	}
	return people;
}

async function loadProjects(tx: Tx, projectIds: readonly number[]) {
	const projects = new Map<number, ProjectFacts>();
	if (projectIds.length === 0) return projects;
	const rows = await tx
		.selectFrom('project')
		.select(['id', 'municipality_id', 'visibility', 'has_partner_editing', 'deleted_at'])
		.where('id', 'in', [...projectIds])
		.execute();
	const partners = await tx
		.selectFrom('project_partner')
		.select(['project_id', 'municipality_id'])
		.where('project_id', 'in', [...projectIds])
		.execute();
	for (const row of rows) {
		projects.set(row.id, {
			municipalityId: row.municipality_id,
			partnerMunicipalityIds: partners
				.filter((p) => p.project_id === row.id)
				.map((p) => p.municipality_id),
			visibility: row.visibility,
			partnersCanEdit: row.has_partner_editing,
			deletedAt: row.deleted_at
		});
	}
	return projects;
}

/** One batch of events: notifications, per-event mails, events marked. */
export async function fanOutEvents(ctx: Ctx, options: FanOutOptions): Promise<FanOutResult> {
	const result: FanOutResult = { events: 0, notifications: 0, mails: 0 };
	await inTransaction(ctx.db, async (tx) => {
		const events = await claimEvents(tx, options.batchSize ?? 50);
		if (events.length === 0) return;
		result.events = events.length;
		const eventIds = events.map((e) => e.id);
		const subjects = await tx
			.selectFrom('notification_event_subject')
			.select(['event_id', 'subject_type', 'subject_id'])
			.where('event_id', 'in', eventIds)
			.execute();
		const followers = await tx
			.selectFrom('notification_event_subject as s')
			.innerJoin('follow as f', (join) =>
				join
					.onRef('f.subject_type', '=', 's.subject_type')
					.onRef('f.subject_id', '=', 's.subject_id')
			)
			.select(['s.event_id', 'f.person_id'])
			.where('s.event_id', 'in', eventIds)
			.execute();
		const named = await tx
			.selectFrom('notification_event_recipient')
			.select(['event_id', 'person_id'])
			.where('event_id', 'in', eventIds)
			.execute();

		const people = await loadCandidates(tx, [
			...new Set([...followers, ...named].map((row) => row.person_id))
		]);
		const projectIdsOf = (eventId: number) =>
			subjects
				.filter((s) => s.event_id === eventId && s.subject_type === 'project')
				.map((s) => Number(s.subject_id))
				.filter((id) => Number.isSafeInteger(id));
		const projects = await loadProjects(tx, [...new Set(eventIds.flatMap(projectIdsOf))]);

		const rows: { person_id: number; event_id: number; created_at: string }[] = [];
		const nowIso = ctx.now().toISOString();
		for (const event of events) {
			const namedHere = new Set(
				named.filter((n) => n.event_id === event.id).map((n) => n.person_id)
			);
			const audienceIds = new Set([
				...followers.filter((f) => f.event_id === event.id).map((f) => f.person_id),
				...namedHere
			]);
			// A project that no longer exists hides the event from everybody.
			const facts = projectIdsOf(event.id).map(
				(id) =>
					projects.get(id) ?? {
						municipalityId: 0,
						partnerMunicipalityIds: [],
						visibility: 'draft' as const,
						partnersCanEdit: false,
						deletedAt: 'gone'
					}
			);
			for (const personId of audienceIds) {
				if (personId === event.actor_person_id) continue;
				const person = people.get(personId);
				if (!person) continue;
				const isNamedRecipient = namedHere.has(personId);
				if (!mayLearnOf(person, { audience: event.audience, isNamedRecipient, projects: facts })) {
					continue;
				}
				rows.push({ person_id: personId, event_id: event.id, created_at: nowIso });
			}
		}

		const byEvent = new Map(events.map((e) => [e.id, e]));
		for (const part of chunks(rows)) {
			const inserted = await tx
				.insertInto('notification')
				.values(part)
				.onConflict((oc) => oc.columns(['person_id', 'event_id']).doNothing())
				.returning(['id', 'person_id', 'event_id'])
				.execute();
			result.notifications += inserted.length;
			const mailed: number[] = [];
			for (const row of inserted) {
				const person = people.get(row.person_id);
				const event = byEvent.get(row.event_id);
				if (!person || !event || person.mailMode !== 'event') continue;
				await enqueueMail(
					tx,
					eventMail({
						to: person.email,
						networkName: options.networkName,
						item: { title: event.title, url: event.url, occurredAt: event.occurred_at },
						links: { origin: options.origin, unsubscribeToken: unsubscribeToken(person.personId) }
					}),
					{ now: ctx.now(), dedupeKey: `notification:${row.id}` }
				);
				mailed.push(row.id);
			}
			if (mailed.length > 0) {
				await tx
					.updateTable('notification')
					.set({ mailed_at: nowIso })
					.where('id', 'in', mailed)
					.execute();
				result.mails += mailed.length;
			}
		}
		await tx
			.updateTable('notification_event')
			.set({ fanned_out_at: nowIso })
			.where('id', 'in', eventIds)
			.execute();
	});
	return result;
}
