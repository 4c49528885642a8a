/**
 * Joint projects: a catalogue project that came from an idea. Besides the catalogue record it has
 * milestones, progress updates and members; the lead municipality's people and the coordination
 * keep them. Projects without an idea have none of this (decision 0025).
 */
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import type { MilestoneStatus, ProjectVisibility } from '../db/schema';
import { forbidden, invalid, notFound } from '../errors';
import { publishEvent, type EventAudience } from '../notifications';
import { canSeeProject, findProjectFacts, type ProjectFacts } from '../projects';
import { renderMarkdown } from '../text/markdown';
import { canEditJointProject } from './idea.policy';
import {
	deleteMember,
	deleteMilestoneRow,
	findIdeaOfProject,
	findMilestone,
	insertMilestone,
	insertUpdate,
	listMembers,
	listMilestones,
	listPeopleOf,
	listSupports,
	listUpdates,
	updateMilestoneRow,
	upsertMember
} from './idea.repository';
import {
	MemberInputSchema,
	MilestoneInputSchema,
	parseOrInvalid,
	ProgressUpdateSchema,
	type MemberInputRaw,
	type MilestoneInputRaw
} from './idea.schema';
import { consumePost, requirePerson } from './idea.service';

export interface JointProjectView {
	projectId: number;
	idea: { id: number; title: string };
	supporters: { municipalityName: string; personName: string | null }[];
	milestones: { id: number; title: string; dueOn: string | null; status: MilestoneStatus }[];
	updates: { id: number; html: string; authorName: string | null; createdAt: string }[];
	members: { personId: number; name: string; role: string }[];
	canEdit: boolean;
	/** People of the lead and participating municipalities (only for those who may edit). */
	candidates: { personId: number; name: string; municipalityName: string }[];
}

interface JointProject {
	facts: ProjectFacts;
	idea: { id: number; title: string };
}

/** A visible, live project that came from an idea; undefined for any other project. */
async function findJointProject(ctx: Ctx, projectId: number): Promise<JointProject | undefined> {
	if (!Number.isSafeInteger(projectId) || projectId <= 0) return undefined;
	// Most projects did not come from an idea: ask that first (one indexed lookup per page).
	const idea = await findIdeaOfProject(ctx.db, projectId);
	if (!idea) return undefined;
	const facts = await findProjectFacts(ctx.db, projectId);
	if (!facts || facts.deletedAt !== null || !canSeeProject(ctx.actor, facts)) return undefined;
	return { facts, idea };
}

async function loadEditable(ctx: Ctx, projectId: number): Promise<JointProject> {
	const joint = await findJointProject(ctx, projectId);
	if (!joint) throw notFound('joint project');
	if (!canEditJointProject(ctx.actor, joint.facts.municipalityId)) throw forbidden('lead only');
	return joint;
}

/** The joint-project part of a project page, or null for a project that did not come from an idea. */
export async function getJointProject(
	ctx: Ctx,
	projectId: number
): Promise<JointProjectView | null> {
	const joint = await findJointProject(ctx, projectId);
	if (!joint) return null;
	const canEdit = canEditJointProject(ctx.actor, joint.facts.municipalityId);
	const [supports, milestones, updates, members, candidates] = await Promise.all([
		// Supporters are members' knowledge; visitors of a public project see the idea's title only.
		ctx.actor.kind === 'anonymous' ? Promise.resolve([]) : listSupports(ctx.db, joint.idea.id),
		listMilestones(ctx.db, projectId),
		listUpdates(ctx.db, projectId),
		listMembers(ctx.db, projectId),
		canEdit
			? listPeopleOf(ctx.db, [joint.facts.municipalityId, ...joint.facts.partnerMunicipalityIds])
			: Promise.resolve([])
	]);
	return {
		projectId,
		idea: joint.idea,
		supporters: supports.map((s) => ({
			municipalityName: s.municipalityName,
			personName: s.personName
		})),
		milestones: milestones.map((m) => ({
			id: m.id,
			title: m.title,
			dueOn: m.dueOn,
			status: m.status
		})),
		updates: updates.map((u) => ({
			id: u.id,
			html: renderMarkdown(u.bodyMd),
			authorName: u.authorName,
			createdAt: u.createdAt
		})),
		members,
		canEdit,
		candidates
	};
}

function audienceOf(visibility: ProjectVisibility): EventAudience {
	return visibility === 'public' ? 'public' : visibility === 'network' ? 'members' : 'recipients';
}

function personIdOf(ctx: Ctx): number | null {
	return ctx.actor.kind === 'person' ? ctx.actor.personId : null;
}

async function announceReached(
	ctx: Ctx,
	db: Ctx['db'],
	joint: JointProject,
	milestoneTitle: string
): Promise<void> {
	await publishEvent(db, {
		kind: 'milestone_reached',
		actorPersonId: personIdOf(ctx),
		audience: audienceOf(joint.facts.visibility),
		title: `Meilenstein erreicht: ${milestoneTitle} (${joint.facts.title})`,
		url: `/projekte/${joint.facts.id}`,
		subjects: [{ type: 'project', id: joint.facts.id }],
		payload: { projectId: joint.facts.id },
		occurredAt: ctx.now()
	});
}

export async function addMilestone(
	ctx: Ctx,
	projectId: number,
	raw: MilestoneInputRaw
): Promise<void> {
	const joint = await loadEditable(ctx, projectId);
	const input = parseOrInvalid(MilestoneInputSchema, raw);
	await inTransaction(ctx.db, async (tx) => {
		await insertMilestone(tx, { projectId, ...input, now: ctx.now().toISOString() });
		if (input.status === 'reached') await announceReached(ctx, tx, joint, input.title);
	});
}

export async function updateMilestone(
	ctx: Ctx,
	projectId: number,
	milestoneId: number,
	raw: MilestoneInputRaw
): Promise<void> {
	const joint = await loadEditable(ctx, projectId);
	const input = parseOrInvalid(MilestoneInputSchema, raw);
	await inTransaction(ctx.db, async (tx) => {
		const before = await findMilestone(tx, projectId, milestoneId);
		if (!before) throw notFound('milestone');
		await updateMilestoneRow(tx, milestoneId, { ...input, now: ctx.now().toISOString() });
		if (input.status === 'reached' && before.status !== 'reached') {
			await announceReached(ctx, tx, joint, input.title);
		}
	});
}

export async function removeMilestone(
	ctx: Ctx,
	projectId: number,
	milestoneId: number
): Promise<void> {
	await loadEditable(ctx, projectId);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await findMilestone(tx, projectId, milestoneId))) throw notFound('milestone');
		await deleteMilestoneRow(tx, milestoneId);
	});
}

/** A progress update (markdown, shown sanitised); rate-limited like every post. */
export async function postProgressUpdate(
	ctx: Ctx,
	projectId: number,
	raw: { body?: unknown }
): Promise<void> {
	const actor = requirePerson(ctx.actor);
	const joint = await loadEditable(ctx, projectId);
	const input = parseOrInvalid(ProgressUpdateSchema, raw);
	await consumePost(ctx, actor.personId);
	const now = ctx.now();
	await inTransaction(ctx.db, async (tx) => {
		await insertUpdate(tx, {
			projectId,
			personId: actor.personId,
			bodyMd: input.body,
			now: now.toISOString()
		});
		await publishEvent(tx, {
			kind: 'project_update',
			actorPersonId: actor.personId,
			audience: audienceOf(joint.facts.visibility),
			title: `Neuer Fortschrittsbericht: ${joint.facts.title}`,
			url: `/projekte/${projectId}`,
			subjects: [{ type: 'project', id: projectId }],
			payload: { projectId },
			occurredAt: now
		});
	});
}

/** Adds a person of the lead or a participating municipality as member, or changes their role. */
export async function setMember(ctx: Ctx, projectId: number, raw: MemberInputRaw): Promise<void> {
	const joint = await loadEditable(ctx, projectId);
	const input = parseOrInvalid(MemberInputSchema, raw);
	const candidates = await listPeopleOf(ctx.db, [
		joint.facts.municipalityId,
		...joint.facts.partnerMunicipalityIds
	]);
	if (!candidates.some((c) => c.personId === input.personId)) {
		throw invalid({ personId: 'person_not_participant' });
	}
	await inTransaction(ctx.db, (tx) => upsertMember(tx, { projectId, ...input }));
}

export async function removeMember(
	ctx: Ctx,
	projectId: number,
	personIdInput: unknown
): Promise<void> {
	await loadEditable(ctx, projectId);
	const personId = Number(personIdInput);
	if (!Number.isSafeInteger(personId)) throw invalid({ personId: 'person_required' });
	await inTransaction(ctx.db, (tx) => deleteMember(tx, projectId, personId));
}
