/**
 * Use cases of reuse requests ("Das wollen wir auch"): a member of one municipality asks the
 * owner of a project (or a municipality running a product) to share it; the owner side answers;
 * after adoption the requester links their own project. Each change of state is recorded with who
 * and an optional note, and mailed through the outbox in the same transaction.
 */
import type { Actor, Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import { inTransaction } from '../db';
import type { ReuseRequestStatus } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { canWrite } from '../auth/auth.policy';
import { enqueueMail } from '../mail';
import { getNetwork } from '../network';
import { canSeeProject } from '../projects/project.policy';
import {
	consumeRateLimit,
	rateLimitRequest,
	rateLimited,
	type RateLimitPolicy
} from '../rate-limits';
import { createProject, findProjectFacts, type ProjectFacts } from '../projects';
import { newReuseRequestMail, reuseRequestLink, reuseStatusMail } from './reuse.mail';
import {
	allowedReuseTransitions,
	canLinkReuseResult,
	canRequestReuseFor,
	canSeeReuseRequest,
	canTransitionReuseRequest,
	requestingMunicipalitiesFor,
	reuseSidesOf,
	transitionTo,
	type ReuseRequestFacts,
	type ReuseSide,
	type ReuseSubjectFacts
} from './reuse.policy';
import {
	countSubjectRequests,
	findActiveRequestId,
	findAdminIds,
	findAdoptionContactId,
	findLatestRequestOf,
	findMunicipalitiesWithActiveRequest,
	findMunicipalityNames,
	findPersonEmails,
	findProduct,
	findProjectContactIds,
	findProjectOwner,
	findProjectProductIds,
	findRequest,
	insertEvent,
	insertRequest,
	listEvents,
	listOwnProjects,
	listProductRunners,
	listRequests,
	setResultProject,
	updateRequestStatus,
	type EventRow,
	type RequestRow,
	type SubjectRef
} from './reuse.repository';
import {
	LinkReuseResultSchema,
	parseOrInvalid,
	RequestReuseSchema,
	ReuseListFilterSchema,
	ReuseSubjectSchema,
	TransitionReuseSchema,
	type LinkReuseResultInput,
	type RequestReuseInput,
	type ReuseSubjectInput,
	type TransitionReuseInput
} from './reuse.schema';

/** Absolute origin for links in mails, e.g. `https://netzwerk.example`. */
export interface ReuseMailOrigin {
	origin: string;
}

/** 20 requests a day per person: plenty for honest use, a cap on mail to other municipalities. */
export const REUSE_REQUESTS_PER_PERSON: RateLimitPolicy = {
	scope: 'reuse:person',
	subject: 'person',
	limit: 20,
	windowSeconds: 24 * 60 * 60
};

function requirePerson(actor: Actor): PersonActor {
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return actor;
}

function factsOf(row: RequestRow): ReuseRequestFacts {
	return {
		status: row.status,
		ownerMunicipalityId: row.ownerMunicipalityId,
		requestingMunicipalityId: row.requestingMunicipalityId,
		resultProjectId: row.resultProjectId
	};
}

function isProjectVisible(actor: Actor, facts: ProjectFacts | undefined): boolean {
	return facts !== undefined && facts.deletedAt === null && canSeeProject(actor, facts);
}

/** A project the actor may see and that is not deleted, or NOT_FOUND. */
async function loadVisibleProject(ctx: Ctx, projectId: number): Promise<ProjectFacts> {
	const facts = await findProjectFacts(ctx.db, projectId);
	if (!facts || !isProjectVisible(ctx.actor, facts)) throw notFound('project');
	return facts;
}

async function loadProduct(ctx: Ctx, productId: number) {
	const product = await findProduct(ctx.db, productId);
	if (!product || product.deletedAt !== null) throw notFound('product');
	return product;
}

// -- asking --

/**
 * Files a request "Das wollen wir auch" for `requestingMunicipalityId` and mails the owner's
 * contact people (for a product: the asked municipality's contact for it); without contacts,
 * the owner municipality's admins.
 * Throws NOT_FOUND (subject invisible or deleted), FORBIDDEN (no write rights, not a member of the
 * requesting municipality, own or partner project), INVALID, CONFLICT (an active request exists),
 * RATE_LIMITED.
 */
export async function requestReuse(
	ctx: Ctx,
	subjectInput: ReuseSubjectInput,
	input: RequestReuseInput,
	options: ReuseMailOrigin
): Promise<number> {
	const actor = requirePerson(ctx.actor);
	if (!canWrite(actor)) throw forbidden('read-only');
	const subject = ReuseSubjectSchema.safeParse(subjectInput);
	if (!subject.success) throw notFound('subject');
	const values = parseOrInvalid(RequestReuseSchema, input);

	let ref: SubjectRef;
	let subjectFacts: ReuseSubjectFacts;
	let subjectTitle: string;
	if ('projectId' in subject.data) {
		const project = await loadVisibleProject(ctx, subject.data.projectId);
		ref = { projectId: project.id };
		subjectFacts = {
			ownerMunicipalityId: project.municipalityId,
			partnerMunicipalityIds: project.partnerMunicipalityIds
		};
		subjectTitle = project.title;
	} else {
		const product = await loadProduct(ctx, subject.data.productId);
		const runners = await listProductRunners(ctx.db, product.id);
		const ownerId = subject.data.ownerMunicipalityId;
		if (!runners.some((runner) => runner.municipalityId === ownerId)) {
			throw invalid({ ownerMunicipalityId: 'owner_not_running' });
		}
		ref = { productId: product.id };
		subjectFacts = { ownerMunicipalityId: ownerId, partnerMunicipalityIds: [] };
		subjectTitle = product.name;
	}

	const requestingId = values.requestingMunicipalityId;
	if (!canRequestReuseFor(actor, subjectFacts, requestingId)) {
		const isMember = actor.municipalities.some((m) => m.municipalityId === requestingId);
		throw new DomainError('FORBIDDEN', 'may not request', {
			requestingMunicipalityId: isMember ? 'own_subject' : 'municipality_not_allowed'
		});
	}
	const conflict = () =>
		new DomainError('CONFLICT', 'an active request exists', {
			requestingMunicipalityId: 'already_requested'
		});
	if ((await findActiveRequestId(ctx.db, ref, requestingId)) !== undefined) throw conflict();

	const decision = await consumeRateLimit(
		ctx,
		rateLimitRequest(REUSE_REQUESTS_PER_PERSON, actor.personId)
	);
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);

	const network = await getNetwork(ctx);
	const now = ctx.now().toISOString();
	const filing = inTransaction(ctx.db, async (tx) => {
		if ((await findActiveRequestId(tx, ref, requestingId)) !== undefined) throw conflict();
		const id = await insertRequest(tx, {
			projectId: 'projectId' in ref ? ref.projectId : null,
			productId: 'productId' in ref ? ref.productId : null,
			requestingMunicipalityId: requestingId,
			requestedByPersonId: actor.personId,
			ownerMunicipalityId: subjectFacts.ownerMunicipalityId,
			message: values.message,
			now
		});
		await insertEvent(tx, {
			requestId: id,
			status: 'open',
			personId: actor.personId,
			note: null,
			now
		});
		const names = await findMunicipalityNames(tx, [requestingId, subjectFacts.ownerMunicipalityId]);
		for (const to of await ownerRecipients(tx, ref, subjectFacts.ownerMunicipalityId)) {
			const mail = newReuseRequestMail({
				to,
				networkName: network.name || 'Netzwerk',
				requesterName: actor.displayName,
				requestingMunicipalityName: names.get(requestingId) ?? '',
				ownerMunicipalityName: names.get(subjectFacts.ownerMunicipalityId) ?? '',
				subjectKind: 'projectId' in ref ? 'project' : 'product',
				subjectTitle,
				message: values.message,
				link: reuseRequestLink(options.origin, id)
			});
			await enqueueMail(tx, mail, { now: ctx.now(), dedupeKey: `reuse:${id}:open:${to}` });
		}
		return id;
	});
	// Two people of one municipality asking at the same moment: the unique index decides.
	return filing.catch((caught: unknown) => {
		throw isUniqueViolation(caught) ? conflict() : caught;
	});
}

/** PostgreSQL 23505 or SQLite's UNIQUE constraint failure. */
function isUniqueViolation(error: unknown): boolean {
	const details = error as { code?: unknown; message?: unknown } | null;
	return (
		details?.code === '23505' ||
		details?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		(typeof details?.message === 'string' && details.message.includes('UNIQUE constraint failed'))
	);
}

/**
 * Who hears of a request on the owner side: the project's contact people, or the asked
 * municipality's contact for the product; without any, its admins. Deleted people never.
 */
async function ownerRecipients(db: Db, ref: SubjectRef, ownerId: number): Promise<string[]> {
	let contactIds: number[];
	if ('projectId' in ref) {
		contactIds = await findProjectContactIds(db, ref.projectId);
	} else {
		const contactId = await findAdoptionContactId(db, ref.productId, ownerId);
		contactIds = contactId === null ? [] : [contactId];
	}
	let emails = await findPersonEmails(db, contactIds);
	if (emails.length === 0) emails = await findPersonEmails(db, await findAdminIds(db, ownerId));
	return [...new Set(emails)];
}

// -- answering --

/**
 * Moves a request to `status`: the owner side (or the coordination) to in_discussion, adopted or
 * declined (with a note), the requesting side to withdrawn. Mails the requesting person (for a
 * withdrawal: the owner's contact people).
 * Throws NOT_FOUND (unknown, or not a party), FORBIDDEN (wrong side, read-only), CONFLICT (the
 * state does not allow it, or changed meanwhile), INVALID (`note`).
 */
export async function transitionReuseRequest(
	ctx: Ctx,
	input: TransitionReuseInput,
	options: ReuseMailOrigin
): Promise<void> {
	const actor = requirePerson(ctx.actor);
	const values = parseOrInvalid(TransitionReuseSchema, input);
	const request = await findRequest(ctx.db, values.requestId);
	if (!request || !canSeeReuseRequest(actor, factsOf(request))) throw notFound('reuse request');
	const transition = transitionTo(values.status);
	if (!transition) throw invalid({ status: 'status_invalid' });
	if (!canWrite(actor) || !reuseSidesOf(actor, factsOf(request)).includes(transition.side)) {
		throw forbidden('wrong side');
	}
	if (!canTransitionReuseRequest(actor, factsOf(request), values.status)) {
		throw new DomainError('CONFLICT', 'not in this state', { status: 'transition_not_allowed' });
	}
	if (transition.isNoteRequired && !values.note) throw invalid({ note: 'note_required' });

	const network = await getNetwork(ctx);
	const now = ctx.now().toISOString();
	const isClosing = values.status !== 'in_discussion';
	await inTransaction(ctx.db, async (tx) => {
		const changed = await updateRequestStatus(
			tx,
			request.id,
			request.status,
			values.status,
			now,
			isClosing
		);
		if (!changed) {
			throw new DomainError('CONFLICT', 'changed meanwhile', { status: 'transition_not_allowed' });
		}
		await insertEvent(tx, {
			requestId: request.id,
			status: values.status,
			personId: actor.personId,
			note: values.note,
			now
		});
		const ref: SubjectRef =
			request.projectId !== null
				? { projectId: request.projectId }
				: { productId: request.productId ?? 0 };
		const recipients =
			transition.side === 'owner'
				? await findPersonEmails(
						tx,
						request.requestedByPersonId === null ? [] : [request.requestedByPersonId]
					)
				: await ownerRecipients(tx, ref, request.ownerMunicipalityId);
		for (const to of recipients) {
			const mail = reuseStatusMail({
				to,
				networkName: network.name || 'Netzwerk',
				status: values.status,
				subjectTitle: request.subjectTitle,
				otherMunicipalityName:
					transition.side === 'owner'
						? request.ownerMunicipalityName
						: request.requestingMunicipalityName,
				actorName: actor.displayName,
				note: values.note,
				link: reuseRequestLink(options.origin, request.id)
			});
			await enqueueMail(tx, mail, {
				now: ctx.now(),
				dedupeKey: `reuse:${request.id}:${values.status}:${to}`
			});
		}
	});
}

/**
 * After adoption, the requester names their own project that took the wheel over: an existing
 * project of the requesting municipality, or a new draft ("Als eigenes Projekt anlegen", status
 * Planung, title, summary and products copied). Returns the linked project's id.
 * Throws NOT_FOUND, FORBIDDEN (not the requesting side), CONFLICT (not adopted, linked already),
 * INVALID (`projectId`: not a project of the requesting municipality).
 */
export async function linkReuseResult(ctx: Ctx, input: LinkReuseResultInput): Promise<number> {
	const actor = requirePerson(ctx.actor);
	const values = parseOrInvalid(LinkReuseResultSchema, input);
	const request = await findRequest(ctx.db, values.requestId);
	if (!request || !canSeeReuseRequest(actor, factsOf(request))) throw notFound('reuse request');
	if (!canLinkReuseResult(actor, factsOf(request))) {
		if (!reuseSidesOf(actor, factsOf(request)).includes('requester') || !canWrite(actor)) {
			throw forbidden('not the requesting side');
		}
		throw new DomainError('CONFLICT', 'cannot link now', { projectId: 'link_not_possible' });
	}

	if ('projectId' in values) {
		const project = await findProjectOwner(ctx.db, values.projectId);
		if (
			!project ||
			project.deletedAt !== null ||
			project.municipalityId !== request.requestingMunicipalityId
		) {
			throw invalid({ projectId: 'project_not_own' });
		}
	}
	// One transaction: a new draft exists only if the link holds.
	return inTransaction(ctx.db, async (tx) => {
		const projectId =
			'projectId' in values ? values.projectId : await createDraftFrom({ ...ctx, db: tx }, request);
		if (!(await setResultProject(tx, request.id, projectId, ctx.now().toISOString()))) {
			throw new DomainError('CONFLICT', 'linked meanwhile', { projectId: 'link_not_possible' });
		}
		return projectId;
	});
}

/** A draft project of the requesting municipality, copied from what was asked for. */
async function createDraftFrom(ctx: Ctx, request: RequestRow): Promise<number> {
	let summary = '';
	let productIds: number[] = [];
	if (request.projectId !== null) {
		const source = await findProjectFacts(ctx.db, request.projectId);
		summary = source && isProjectVisible(ctx.actor, source) ? source.summary : '';
		productIds = await findProjectProductIds(ctx.db, request.projectId);
	} else if (request.productId !== null) {
		productIds = [request.productId];
	}
	const created = await createProject(ctx, {
		municipalityId: request.requestingMunicipalityId,
		title: request.subjectTitle,
		summary,
		status: 'planung',
		visibility: 'draft',
		productIds
	});
	return created.id;
}

// -- reading --

export interface ReuseRequestListItem {
	id: number;
	subjectKind: 'project' | 'product';
	/** Null when the viewer may no longer see the project. */
	subjectTitle: string | null;
	otherMunicipalityName: string;
	status: ReuseRequestStatus;
	createdAt: string;
	updatedAt: string;
}

/**
 * The signed-in person's requests in one place: to their municipalities ("An uns gerichtet") and
 * from them ("Von uns gestellt"), newest first, optionally of one state.
 */
export async function listReuseRequests(
	ctx: Ctx,
	filter: { status?: string | null } = {}
): Promise<{ incoming: ReuseRequestListItem[]; outgoing: ReuseRequestListItem[] }> {
	const actor = requirePerson(ctx.actor);
	const { status } = ReuseListFilterSchema.parse(filter);
	const ids = actor.municipalities.map((m) => m.municipalityId);
	const [incoming, outgoing] = [
		await listRequests(ctx.db, 'owner', ids, status ?? null),
		await listRequests(ctx.db, 'requester', ids, status ?? null)
	];
	const visible = await visibleTitles(ctx, [...incoming, ...outgoing]);
	const item = (row: RequestRow, side: ReuseSide): ReuseRequestListItem => ({
		id: row.id,
		subjectKind: row.projectId !== null ? 'project' : 'product',
		subjectTitle: visible.has(row.id) ? row.subjectTitle : null,
		otherMunicipalityName:
			side === 'owner' ? row.requestingMunicipalityName : row.ownerMunicipalityName,
		status: row.status,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt
	});
	return {
		incoming: incoming.map((row) => item(row, 'owner')),
		outgoing: outgoing.map((row) => item(row, 'requester'))
	};
}

/** The requests whose subject the viewer may still see (a project may have become a draft). */
async function visibleTitles(ctx: Ctx, rows: RequestRow[]): Promise<Set<number>> {
	const result = new Set<number>();
	const cache = new Map<number, boolean>();
	for (const row of rows) {
		if (row.projectId === null) {
			result.add(row.id);
			continue;
		}
		let isVisible = cache.get(row.projectId);
		if (isVisible === undefined) {
			isVisible = isProjectVisible(ctx.actor, await findProjectFacts(ctx.db, row.projectId));
			cache.set(row.projectId, isVisible);
		}
		if (isVisible) result.add(row.id);
	}
	return result;
}

export interface ReuseRequestView {
	id: number;
	subjectKind: 'project' | 'product';
	subjectId: number;
	/** Null when the viewer may no longer see the project. */
	subjectTitle: string | null;
	/** The subject's page, when the viewer may see it. */
	subjectHref: string | null;
	requestingMunicipalityName: string;
	requestedByName: string | null;
	ownerMunicipalityName: string;
	message: string;
	status: ReuseRequestStatus;
	resultProject: { id: number; title: string } | null;
	createdAt: string;
	closedAt: string | null;
	events: EventRow[];
	/** Which sides the viewer acts for. */
	sides: ReuseSide[];
	/** The states the viewer may move the request to now. */
	transitions: ReuseRequestStatus[];
	/** Whether the viewer may link their own project now, and which ones. */
	canLinkResult: boolean;
	ownProjects: { id: number; title: string }[];
}

/** One request with its history, for its two sides. Third parties: NOT_FOUND. */
export async function getReuseRequest(ctx: Ctx, id: number): Promise<ReuseRequestView> {
	const actor = requirePerson(ctx.actor);
	if (!Number.isSafeInteger(id) || id < 1) throw notFound('reuse request');
	const request = await findRequest(ctx.db, id);
	if (!request || !canSeeReuseRequest(actor, factsOf(request))) throw notFound('reuse request');
	const facts = factsOf(request);
	const isVisible = (await visibleTitles(ctx, [request])).has(request.id);
	const subjectKind = request.projectId !== null ? 'project' : 'product';
	const subjectId = request.projectId ?? request.productId ?? 0;
	const canLink = canLinkReuseResult(actor, facts);
	return {
		id: request.id,
		subjectKind,
		subjectId,
		subjectTitle: isVisible ? request.subjectTitle : null,
		subjectHref: isVisible
			? subjectKind === 'project'
				? `/projekte/${subjectId}`
				: `/loesungen/${subjectId}`
			: null,
		requestingMunicipalityName: request.requestingMunicipalityName,
		requestedByName: request.requestedByName,
		ownerMunicipalityName: request.ownerMunicipalityName,
		message: request.message,
		status: request.status,
		resultProject:
			request.resultProjectId !== null
				? { id: request.resultProjectId, title: request.resultProjectTitle ?? '' }
				: null,
		createdAt: request.createdAt,
		closedAt: request.closedAt,
		events: await listEvents(ctx.db, request.id),
		sides: reuseSidesOf(actor, facts),
		transitions: allowedReuseTransitions(actor, facts),
		canLinkResult: canLink,
		ownProjects: canLink
			? (await listOwnProjects(ctx.db, request.requestingMunicipalityId)).map((p) => ({
					id: p.id,
					title: p.title
				}))
			: []
	};
}

export interface ReuseRequestFormView {
	subject: {
		kind: 'project' | 'product';
		id: number;
		title: string;
		/** The owner, for a project. */
		ownerMunicipalityName: string | null;
		href: string;
	};
	/** The viewer's municipalities that may ask, and whether one has an active request already. */
	municipalities: { id: number; name: string; activeRequestId: number | null }[];
	/** For a product: the municipalities running it, to choose whom to ask. */
	runners: { id: number; name: string }[];
}

/**
 * What the form "Das wollen wir auch" needs. Throws NOT_FOUND (subject invisible), FORBIDDEN
 * (none of the viewer's municipalities may ask: own project, read-only, no membership).
 */
export async function getReuseRequestForm(
	ctx: Ctx,
	subjectInput: { projectId?: unknown; productId?: unknown }
): Promise<ReuseRequestFormView> {
	const actor = requirePerson(ctx.actor);
	let ref: SubjectRef;
	let subject: ReuseRequestFormView['subject'];
	let eligible: number[];
	let runners: { id: number; name: string }[] = [];
	if (subjectInput.projectId !== undefined && subjectInput.projectId !== null) {
		const parsed = ReuseSubjectSchema.safeParse({ projectId: subjectInput.projectId });
		if (!parsed.success || !('projectId' in parsed.data)) throw notFound('project');
		const project = await loadVisibleProject(ctx, parsed.data.projectId);
		ref = { projectId: project.id };
		subject = {
			kind: 'project',
			id: project.id,
			title: project.title,
			ownerMunicipalityName: project.municipalityName,
			href: `/projekte/${project.id}`
		};
		eligible = requestingMunicipalitiesFor(actor, {
			ownerMunicipalityId: project.municipalityId,
			partnerMunicipalityIds: project.partnerMunicipalityIds
		});
	} else {
		const productId = Number(subjectInput.productId);
		if (!Number.isSafeInteger(productId) || productId < 1) throw notFound('product');
		const product = await loadProduct(ctx, productId);
		ref = { productId: product.id };
		subject = {
			kind: 'product',
			id: product.id,
			title: product.name,
			ownerMunicipalityName: null,
			href: `/loesungen/${product.id}`
		};
		const running = await listProductRunners(ctx.db, product.id);
		runners = running.map((r) => ({ id: r.municipalityId, name: r.name }));
		eligible = productRequesters(
			actor,
			running.map((r) => r.municipalityId)
		);
	}
	if (eligible.length === 0) throw forbidden('cannot request');
	const names = await findMunicipalityNames(ctx.db, eligible);
	const municipalities = [];
	for (const id of eligible) {
		municipalities.push({
			id,
			name: names.get(id) ?? '',
			activeRequestId: (await findActiveRequestId(ctx.db, ref, id)) ?? null
		});
	}
	municipalities.sort((a, b) => a.name.localeCompare(b.name, 'de'));
	return { subject, municipalities, runners };
}

/** The actor's municipalities that could ask someone else running the product. */
function productRequesters(actor: Actor, runnerIds: readonly number[]): number[] {
	if (actor.kind !== 'person') return [];
	return actor.municipalities
		.map((m) => m.municipalityId)
		.filter((id) =>
			runnerIds.some((ownerId) =>
				canRequestReuseFor(actor, { ownerMunicipalityId: ownerId, partnerMunicipalityIds: [] }, id)
			)
		);
}

// -- counts --

export interface ReuseSummary {
	/** Municipalities that adopted it ("Von 3 Kommunen nachgenutzt"). */
	adoptedCount: number;
	/** Requests still waiting for an answer (open or in discussion). */
	activeCount: number;
	/** The viewer's municipalities' latest request about it. */
	ownRequest: { id: number; status: ReuseRequestStatus } | null;
	/** Whether the viewer may ask now (a municipality that may ask has no active request). */
	canRequest: boolean;
}

async function summaryOf(
	ctx: Ctx,
	ref: SubjectRef,
	eligible: readonly number[]
): Promise<ReuseSummary> {
	const counts = await countSubjectRequests(ctx.db, ref);
	const memberOf =
		ctx.actor.kind === 'person' ? ctx.actor.municipalities.map((m) => m.municipalityId) : [];
	const own = await findLatestRequestOf(ctx.db, ref, memberOf);
	const busy = await findMunicipalitiesWithActiveRequest(ctx.db, ref, eligible);
	return {
		...counts,
		ownRequest: own ? { id: own.id, status: own.status } : null,
		canRequest: eligible.some((id) => !busy.has(id))
	};
}

/** The reuse box of a project page. Throws NOT_FOUND when the viewer may not see the project. */
export async function getProjectReuseSummary(ctx: Ctx, projectId: number): Promise<ReuseSummary> {
	const project = await loadVisibleProject(ctx, projectId);
	const eligible = requestingMunicipalitiesFor(ctx.actor, {
		ownerMunicipalityId: project.municipalityId,
		partnerMunicipalityIds: project.partnerMunicipalityIds
	});
	return summaryOf(ctx, { projectId: project.id }, eligible);
}

/** The reuse box of a product page. Throws NOT_FOUND for an unknown or deleted product. */
export async function getProductReuseSummary(ctx: Ctx, productId: number): Promise<ReuseSummary> {
	const product = await loadProduct(ctx, productId);
	const runners = await listProductRunners(ctx.db, product.id);
	const eligible = productRequesters(
		ctx.actor,
		runners.map((r) => r.municipalityId)
	);
	return summaryOf(ctx, { productId: product.id }, eligible);
}
