/**
 * Use cases of the idea pool: post an idea, support it for a municipality ("Wir wären dabei"),
 * move it through its states (the coordination), turn an accepted idea into a joint project.
 * Each write checks the policy, validates, and writes with its history and notification event in
 * one transaction.
 */
import type { Actor, Ctx, PersonActor } from '../context';
import { inTransaction } from '../db';
import type { IdeaStatus } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { followSubject, publishEvent } from '../notifications';
import { canSeeProject, createProject, findProjectFacts } from '../projects';
import {
	consumeRateLimit,
	rateLimitRequest,
	rateLimited,
	type RateLimitPolicy
} from '../rate-limits';
import { findSimilarProjects, type SimilarProject } from '../search';
import { renderMarkdown } from '../text/markdown';
import {
	allowedIdeaStates,
	canActFor,
	canChangeIdeaState,
	canConvertIdea,
	canSeeIdeas,
	canSupportIdea,
	isReasonRequired
} from './idea.policy';
import {
	deleteSupport,
	findIdea,
	findMunicipalities,
	findSupportId,
	insertIdea,
	insertStateChange,
	insertSupport,
	listIdeaRows,
	listMemberMunicipalities,
	listOpenIdeaTexts,
	listStateChanges,
	listSupports,
	setIdeaStatus,
	touchIdea,
	updateSupport,
	upsertMember,
	type IdeaRow
} from './idea.repository';
import {
	ConvertInputSchema,
	IdeaInputSchema,
	IdeaListFilterSchema,
	parseOrInvalid,
	StateChangeSchema,
	SupportInputSchema,
	type ConvertInputRaw,
	type IdeaInputRaw,
	type StateChangeRaw,
	type SupportInputRaw
} from './idea.schema';
import { scoreSimilarIdeas } from './idea.similar';

/**
 * Posts per person and hour (ideas, supports with their comments, progress updates): a person
 * at a conference table posts a handful; a script posting hundreds is stopped.
 */
export const IDEA_POSTS_PER_PERSON: RateLimitPolicy = {
	scope: 'ideas:person',
	subject: 'person',
	limit: 20,
	windowSeconds: 60 * 60
};

export function requirePerson(actor: Actor): PersonActor {
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return actor;
}

/** Ideas are members' content: anyone else learns nothing, not even that the pool exists. */
export function assertCanSeeIdeas(actor: Actor): void {
	if (actor.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	if (!canSeeIdeas(actor)) throw notFound('idea');
}

export async function consumePost(ctx: Ctx, personId: number): Promise<void> {
	const decision = await consumeRateLimit(ctx, rateLimitRequest(IDEA_POSTS_PER_PERSON, personId));
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

function personIdOf(actor: Actor): number | null {
	return actor.kind === 'person' ? actor.personId : null;
}

const ideaUrl = (id: number) => `/ideen/${id}`;

// -- reading --

export interface IdeaListItem {
	id: number;
	title: string;
	status: IdeaStatus;
	municipalityName: string;
	supportCount: number;
	createdAt: string;
	lastActivityAt: string;
	projectId: number | null;
}

function listItemOf(row: IdeaRow): IdeaListItem {
	return {
		id: row.id,
		title: row.title,
		status: row.status,
		municipalityName: row.municipalityName,
		supportCount: row.supportCount,
		createdAt: row.createdAt,
		lastActivityAt: row.lastActivityAt,
		projectId: row.projectId
	};
}

/** The pool, filtered by state and sorted by support, newest or activity. */
export async function listIdeas(ctx: Ctx, filterInput: unknown = {}) {
	assertCanSeeIdeas(ctx.actor);
	const filter = IdeaListFilterSchema.parse(filterInput ?? {});
	const rows = await listIdeaRows(ctx.db, { status: filter.status ?? null, sort: filter.sort });
	return { filter, ideas: rows.map(listItemOf) };
}

export interface IdeaSupportView {
	municipalityId: number;
	municipalityName: string;
	personName: string | null;
	comment: string;
	contributors: string;
	createdAt: string;
}

export interface IdeaView {
	id: number;
	title: string;
	problemHtml: string;
	solutionHtml: string;
	benefitHtml: string;
	status: IdeaStatus;
	municipality: { id: number; name: string };
	authorName: string | null;
	createdAt: string;
	lastActivityAt: string;
	project: { id: number; title: string } | null;
	supports: IdeaSupportView[];
	history: {
		status: IdeaStatus;
		personName: string | null;
		reason: string | null;
		createdAt: string;
	}[];
	/** The actor's municipalities that may support, with their current support if any. */
	supportChoices: { id: number; name: string; support: IdeaSupportView | null }[];
	allowedStates: IdeaStatus[];
	canConvert: boolean;
	/** For converting: member municipalities, the supporters first. */
	municipalities: { id: number; name: string; isSupporter: boolean }[];
}

async function loadIdea(ctx: Ctx, id: number): Promise<IdeaRow> {
	assertCanSeeIdeas(ctx.actor);
	if (!Number.isSafeInteger(id) || id <= 0) throw notFound('idea');
	const row = await findIdea(ctx.db, id);
	if (!row) throw notFound('idea');
	return row;
}

/** One idea with its supporters and history, and what the actor may do with it. */
export async function getIdea(ctx: Ctx, id: number): Promise<IdeaView> {
	const row = await loadIdea(ctx, id);
	const [supportRows, history] = await Promise.all([
		listSupports(ctx.db, row.id),
		listStateChanges(ctx.db, row.id)
	]);
	const supports: IdeaSupportView[] = supportRows.map((s) => ({
		municipalityId: s.municipalityId,
		municipalityName: s.municipalityName,
		personName: s.personName,
		comment: s.comment,
		contributors: s.contributors,
		createdAt: s.createdAt
	}));
	const actor = ctx.actor;
	const ownIds = actor.kind === 'person' ? actor.municipalities.map((m) => m.municipalityId) : [];
	const own = await findMunicipalities(
		ctx.db,
		ownIds.filter((mid) => canSupportIdea(actor, row.status, mid))
	);
	const supportChoices = own
		.filter((m) => m.membershipStatus === 'member')
		.map((m) => ({
			id: m.id,
			name: m.name,
			support: supports.find((s) => s.municipalityId === m.id) ?? null
		}));
	const canConvert = canConvertIdea(actor, row);
	const supporterIds = new Set(supports.map((s) => s.municipalityId));
	const municipalities = canConvert
		? (await listMemberMunicipalities(ctx.db))
				.map((m) => ({ id: m.id, name: m.name, isSupporter: supporterIds.has(m.id) }))
				.sort((a, b) => Number(b.isSupporter) - Number(a.isSupporter))
		: [];
	let project: IdeaView['project'] = null;
	if (row.projectId !== null) {
		// The link obeys the catalogue's one visibility rule (a converted draft stays its own).
		const facts = await findProjectFacts(ctx.db, row.projectId);
		if (facts && facts.deletedAt === null && canSeeProject(ctx.actor, facts)) {
			project = { id: row.projectId, title: facts.title };
		}
	}
	return {
		id: row.id,
		title: row.title,
		problemHtml: renderMarkdown(row.problem),
		solutionHtml: renderMarkdown(row.solution),
		benefitHtml: renderMarkdown(row.benefit),
		status: row.status,
		municipality: { id: row.municipalityId, name: row.municipalityName },
		authorName: row.authorName,
		createdAt: row.createdAt,
		lastActivityAt: row.lastActivityAt,
		project,
		supports,
		history: history.map((h) => ({
			status: h.status,
			personName: h.personName,
			reason: h.reason,
			createdAt: h.createdAt
		})),
		supportChoices,
		allowedStates: allowedIdeaStates(actor, row.status),
		canConvert,
		municipalities
	};
}

/** The municipalities the actor may post an idea for (member municipalities they belong to). */
export async function listIdeaAuthorChoices(ctx: Ctx): Promise<{ id: number; name: string }[]> {
	assertCanSeeIdeas(ctx.actor);
	const actor = ctx.actor;
	if (actor.kind !== 'person') return [];
	const ids = actor.municipalities
		.map((m) => m.municipalityId)
		.filter((id) => canActFor(actor, id));
	const rows = await findMunicipalities(ctx.db, ids);
	return rows
		.filter((m) => m.membershipStatus === 'member')
		.map((m) => ({ id: m.id, name: m.name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export interface SimilarIdea {
	id: number;
	title: string;
	status: IdeaStatus;
	url: string;
}

/** "Das gibt es schon": catalogue projects (unless left out) and open ideas like the draft. */
export async function findSimilarToDraft(
	ctx: Ctx,
	draft: { title: string; problem: string },
	options: { projects?: boolean } = {}
): Promise<{ projects: SimilarProject[]; ideas: SimilarIdea[] }> {
	assertCanSeeIdeas(ctx.actor);
	const title = draft.title.slice(0, 300);
	const problem = draft.problem.slice(0, 2000);
	const [projects, texts] = await Promise.all([
		options.projects === false ? [] : findSimilarProjects(ctx, { title, summary: problem }),
		listOpenIdeaTexts(ctx.db)
	]);
	const byId = new Map(texts.map((t) => [t.id, t]));
	const ideas = scoreSimilarIdeas({ title, problem }, texts).map(({ id }) => {
		const idea = byId.get(id)!;
		return { id, title: idea.title, status: idea.status, url: ideaUrl(id) };
	});
	return { projects, ideas };
}

// -- writing --

/** Posts an idea for a member municipality the actor belongs to; the author follows it. */
export async function createIdea(ctx: Ctx, raw: IdeaInputRaw): Promise<{ id: number }> {
	const actor = requirePerson(ctx.actor);
	assertCanSeeIdeas(actor);
	const input = parseOrInvalid(IdeaInputSchema, raw);
	const [municipality] = await findMunicipalities(ctx.db, [input.municipalityId]);
	if (
		!municipality ||
		municipality.membershipStatus !== 'member' ||
		!canActFor(actor, municipality.id)
	) {
		throw invalid({ municipalityId: 'municipality_not_yours' });
	}
	await consumePost(ctx, actor.personId);
	const now = ctx.now();
	return inTransaction(ctx.db, async (tx) => {
		const id = await insertIdea(tx, {
			...input,
			authorPersonId: actor.personId,
			now: now.toISOString()
		});
		await insertStateChange(tx, {
			ideaId: id,
			status: 'new',
			personId: actor.personId,
			reason: null,
			now: now.toISOString()
		});
		await followSubject(tx, actor.personId, { type: 'idea', id });
		await publishEvent(tx, {
			kind: 'idea_posted',
			actorPersonId: actor.personId,
			audience: 'members',
			title: `Neue Idee: ${input.title}`,
			url: ideaUrl(id),
			subjects: [
				{ type: 'idea', id },
				{ type: 'municipality', id: municipality.ags }
			],
			payload: { ideaId: id, municipalityId: municipality.id },
			occurredAt: now
		});
		return { id };
	});
}

/**
 * "Wir wären dabei" for a municipality: adds its support or changes its comment and who would
 * work on it. Once per municipality (a second support changes the first); the supporter follows
 * the idea.
 */
export async function supportIdea(ctx: Ctx, ideaId: number, raw: SupportInputRaw): Promise<void> {
	const actor = requirePerson(ctx.actor);
	const idea = await loadIdea(ctx, ideaId);
	const input = parseOrInvalid(SupportInputSchema, raw);
	const [municipality] = await findMunicipalities(ctx.db, [input.municipalityId]);
	if (
		!municipality ||
		municipality.membershipStatus !== 'member' ||
		!canSupportIdea(actor, idea.status, municipality.id)
	) {
		throw new DomainError('FORBIDDEN', 'may not support', {
			municipalityId: 'support_not_allowed'
		});
	}
	await consumePost(ctx, actor.personId);
	const now = ctx.now();
	await inTransaction(ctx.db, async (tx) => {
		const existing = await findSupportId(tx, idea.id, municipality.id);
		const values = {
			personId: actor.personId,
			comment: input.comment,
			contributors: input.contributors,
			now: now.toISOString()
		};
		if (existing === undefined) {
			await insertSupport(tx, { ...values, ideaId: idea.id, municipalityId: municipality.id });
		} else {
			await updateSupport(tx, existing, values);
		}
		await touchIdea(tx, idea.id, now.toISOString());
		await followSubject(tx, actor.personId, { type: 'idea', id: idea.id });
		if (existing === undefined) {
			await publishEvent(tx, {
				kind: 'idea_supported',
				actorPersonId: actor.personId,
				audience: 'members',
				title: `${municipality.name} wäre dabei: ${idea.title}`,
				url: ideaUrl(idea.id),
				subjects: [{ type: 'idea', id: idea.id }],
				payload: { ideaId: idea.id, municipalityId: municipality.id },
				occurredAt: now
			});
		}
	});
}

/** Withdraws a municipality's support (any of its people may). */
export async function withdrawSupport(
	ctx: Ctx,
	ideaId: number,
	municipalityIdInput: unknown
): Promise<void> {
	const actor = requirePerson(ctx.actor);
	const idea = await loadIdea(ctx, ideaId);
	const municipalityId = Number(municipalityIdInput);
	if (
		!Number.isSafeInteger(municipalityId) ||
		!canSupportIdea(actor, idea.status, municipalityId)
	) {
		throw new DomainError('FORBIDDEN', 'may not withdraw', {
			municipalityId: 'support_not_allowed'
		});
	}
	await inTransaction(ctx.db, async (tx) => {
		const existing = await findSupportId(tx, idea.id, municipalityId);
		if (existing === undefined) return;
		await deleteSupport(tx, existing);
		await touchIdea(tx, idea.id, ctx.now().toISOString());
	});
}

/** The coordination moves an idea to another state; rejecting needs a reason. */
export async function changeIdeaState(
	ctx: Ctx,
	ideaId: number,
	raw: StateChangeRaw
): Promise<void> {
	const idea = await loadIdea(ctx, ideaId);
	const input = parseOrInvalid(StateChangeSchema, raw);
	if (!canChangeIdeaState(ctx.actor, idea.status, input.status)) {
		if (ctx.actor.kind === 'person' && !ctx.actor.isCoordinator)
			throw forbidden('coordination only');
		throw invalid({ status: 'status_not_allowed' });
	}
	if (isReasonRequired(input.status) && input.reason === '') {
		throw invalid({ reason: 'reason_required' });
	}
	const now = ctx.now();
	const actorId = personIdOf(ctx.actor);
	await inTransaction(ctx.db, async (tx) => {
		const current = await findIdea(tx, idea.id);
		if (!current || current.status !== idea.status) {
			throw new DomainError('CONFLICT', 'changed meanwhile', { status: 'changed_meanwhile' });
		}
		await setIdeaStatus(tx, idea.id, input.status, now.toISOString());
		await insertStateChange(tx, {
			ideaId: idea.id,
			status: input.status,
			personId: actorId,
			reason: input.reason === '' ? null : input.reason,
			now: now.toISOString()
		});
		await publishEvent(tx, {
			kind: 'idea_state_changed',
			actorPersonId: actorId,
			audience: 'members',
			title: `Idee »${idea.title}«: Stand geändert`,
			url: ideaUrl(idea.id),
			subjects: [{ type: 'idea', id: idea.id }],
			recipients:
				idea.authorPersonId === null ? [] : [{ personId: idea.authorPersonId, reason: 'author' }],
			payload: { ideaId: idea.id, from: idea.status, to: input.status },
			occurredAt: now
		});
	});
}

function projectDescription(idea: IdeaRow): string {
	return [
		'## Problem',
		idea.problem,
		'## Lösungsvorschlag',
		idea.solution,
		'## Erwarteter Nutzen',
		idea.benefit
	].join('\n\n');
}

/**
 * Turns an accepted idea into a joint project through the catalogue's own use case (so it is in
 * the catalogue, the matrix and the search like any project): the lead municipality owns it, the
 * participating ones are its partners, the supporters of those become members, and the idea
 * points to it and is `implemented` — all in one transaction.
 */
export async function convertIdea(
	ctx: Ctx,
	ideaId: number,
	raw: ConvertInputRaw
): Promise<{ projectId: number }> {
	const idea = await loadIdea(ctx, ideaId);
	if (!canConvertIdea(ctx.actor, idea)) {
		if (ctx.actor.kind === 'person' && !ctx.actor.isCoordinator)
			throw forbidden('coordination only');
		throw new DomainError('CONFLICT', 'not convertible', { form: 'not_convertible' });
	}
	const input = parseOrInvalid(ConvertInputSchema, raw);
	const partnerIds = input.partnerMunicipalityIds.filter((id) => id !== input.leadMunicipalityId);
	const found = await findMunicipalities(ctx.db, [input.leadMunicipalityId, ...partnerIds]);
	const lead = found.find((m) => m.id === input.leadMunicipalityId);
	if (!lead || lead.membershipStatus !== 'member')
		throw invalid({ leadMunicipalityId: 'lead_required' });
	if (partnerIds.some((id) => !found.some((m) => m.id === id && m.membershipStatus === 'member'))) {
		throw invalid({ partnerMunicipalityIds: 'partner_invalid' });
	}
	const now = ctx.now();
	const actorId = personIdOf(ctx.actor);
	return inTransaction(ctx.db, async (tx) => {
		const current = await findIdea(tx, idea.id);
		if (!current || current.status !== 'accepted' || current.projectId !== null) {
			throw new DomainError('CONFLICT', 'changed meanwhile', { form: 'not_convertible' });
		}
		const { id: projectId } = await createProject(
			{ ...ctx, db: tx },
			{
				title: idea.title,
				summary: idea.solution.replace(/\s+/g, ' ').trim().slice(0, 500),
				descriptionMd: projectDescription(idea),
				municipalityId: lead.id,
				partnerMunicipalityIds: partnerIds,
				status: 'planung',
				visibility: input.visibility
			}
		);
		const participants = new Set([lead.id, ...partnerIds]);
		for (const support of await listSupports(tx, idea.id)) {
			if (support.personId !== null && participants.has(support.municipalityId)) {
				await upsertMember(tx, {
					projectId,
					personId: support.personId,
					role: support.contributors.slice(0, 100) || 'Mitwirkung'
				});
			}
		}
		await setIdeaStatus(tx, idea.id, 'implemented', now.toISOString(), projectId);
		await insertStateChange(tx, {
			ideaId: idea.id,
			status: 'implemented',
			personId: actorId,
			reason: null,
			now: now.toISOString()
		});
		await publishEvent(tx, {
			kind: 'idea_converted',
			actorPersonId: actorId,
			audience: 'members',
			title: `Aus der Idee »${idea.title}« wird ein gemeinsames Projekt`,
			url: `/projekte/${projectId}`,
			subjects: [
				{ type: 'idea', id: idea.id },
				{ type: 'project', id: projectId }
			],
			payload: { ideaId: idea.id, projectId },
			occurredAt: now
		});
		return { projectId };
	});
}
