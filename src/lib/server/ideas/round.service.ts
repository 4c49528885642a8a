/**
 * Prioritisation rounds: the coordination opens a round (e.g. at the annual conference) over some
 * ideas; each member municipality distributes at most the round's points across them, one
 * allocation per municipality (a new one replaces it while the round is open). Results are a
 * ranked list: for everyone once closed, live for the coordination.
 */
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import type { IdeaRoundStatus, IdeaStatus } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { canAllocateIn, canManageRounds, canSeeRoundResults, isWithinBudget } from './idea.policy';
import {
	closeRoundRow,
	findIdea,
	findMunicipalities,
	findRound,
	insertRound,
	listAllocations,
	listRoundIdeas,
	listRoundRows,
	lockRound,
	replaceAllocation,
	type RoundRow
} from './idea.repository';
import {
	AllocationInputSchema,
	parseOrInvalid,
	RoundInputSchema,
	type AllocationInputRaw,
	type RoundInputRaw
} from './idea.schema';
import { assertCanSeeIdeas, requirePerson } from './idea.service';

export interface RoundListItem extends RoundRow {
	ideaCount: number;
}

export async function listRounds(ctx: Ctx): Promise<{ rounds: RoundRow[]; canManage: boolean }> {
	assertCanSeeIdeas(ctx.actor);
	return { rounds: await listRoundRows(ctx.db), canManage: canManageRounds(ctx.actor) };
}

/** Opens a round over ideas that are still open (not rejected, not implemented). */
export async function openRound(ctx: Ctx, raw: RoundInputRaw): Promise<{ id: number }> {
	assertCanSeeIdeas(ctx.actor);
	if (!canManageRounds(ctx.actor)) throw forbidden('coordination only');
	const input = parseOrInvalid(RoundInputSchema, raw);
	for (const ideaId of input.ideaIds) {
		const idea = await findIdea(ctx.db, ideaId);
		if (!idea || idea.status === 'rejected' || idea.status === 'implemented') {
			throw invalid({ ideaIds: 'ideas_invalid' });
		}
	}
	const id = await inTransaction(ctx.db, (tx) =>
		insertRound(tx, {
			name: input.name,
			points: input.pointsPerMunicipality,
			personId: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
			ideaIds: input.ideaIds,
			now: ctx.now().toISOString()
		})
	);
	return { id };
}

export interface RoundView {
	round: RoundRow;
	ideas: { id: number; title: string; status: IdeaStatus; municipalityName: string }[];
	/** The actor's municipalities that may allocate, with their points per idea so far. */
	allocations: {
		municipalityId: number;
		name: string;
		points: Record<number, number>;
		used: number;
	}[];
	/** Ranked by points; null when the actor may not see them (yet). */
	results: { ideaId: number; title: string; points: number; municipalities: number }[] | null;
	canManage: boolean;
}

async function loadRound(ctx: Ctx, id: number): Promise<RoundRow> {
	assertCanSeeIdeas(ctx.actor);
	if (!Number.isSafeInteger(id) || id <= 0) throw notFound('round');
	const round = await findRound(ctx.db, id);
	if (!round) throw notFound('round');
	return round;
}

export async function getRound(ctx: Ctx, id: number): Promise<RoundView> {
	const round = await loadRound(ctx, id);
	const [ideas, allocations] = await Promise.all([
		listRoundIdeas(ctx.db, round.id),
		listAllocations(ctx.db, round.id)
	]);
	const actor = ctx.actor;
	const ownIds =
		actor.kind === 'person'
			? actor.municipalities
					.map((m) => m.municipalityId)
					.filter((mid) => canAllocateIn(actor, round, mid))
			: [];
	const own = (await findMunicipalities(ctx.db, ownIds)).filter(
		(m) => m.membershipStatus === 'member'
	);
	const mine = own.map((m) => {
		const points: Record<number, number> = {};
		for (const a of allocations) if (a.municipalityId === m.id) points[a.ideaId] = a.points;
		return {
			municipalityId: m.id,
			name: m.name,
			points,
			used: Object.values(points).reduce((x, y) => x + y, 0)
		};
	});
	let results: RoundView['results'] = null;
	if (canSeeRoundResults(actor, round)) {
		results = ideas
			.map((idea) => {
				const rows = allocations.filter((a) => a.ideaId === idea.id);
				return {
					ideaId: idea.id,
					title: idea.title,
					points: rows.reduce((sum, a) => sum + a.points, 0),
					municipalities: rows.length
				};
			})
			.sort(
				(a, b) => b.points - a.points || b.municipalities - a.municipalities || a.ideaId - b.ideaId
			);
	}
	return { round, ideas, allocations: mine, results, canManage: canManageRounds(actor) };
}

/**
 * A municipality's allocation in an open round: replaces its earlier one. Points go only to the
 * round's ideas and add up to at most the budget.
 */
export async function allocatePoints(
	ctx: Ctx,
	roundId: number,
	raw: AllocationInputRaw
): Promise<void> {
	const actor = requirePerson(ctx.actor);
	const round = await loadRound(ctx, roundId);
	const input = parseOrInvalid(AllocationInputSchema, raw);
	const [municipality] = await findMunicipalities(ctx.db, [input.municipalityId]);
	if (
		!municipality ||
		municipality.membershipStatus !== 'member' ||
		!canAllocateIn(actor, round, municipality.id)
	) {
		if (round.status !== 'open')
			throw new DomainError('CONFLICT', 'round closed', { form: 'round_closed' });
		throw new DomainError('FORBIDDEN', 'may not allocate', {
			municipalityId: 'allocation_not_allowed'
		});
	}
	const ideaIds = new Set((await listRoundIdeas(ctx.db, round.id)).map((i) => i.id));
	if (input.points.some((p) => !ideaIds.has(p.ideaId))) throw invalid({ points: 'ideas_invalid' });
	if (new Set(input.points.map((p) => p.ideaId)).size !== input.points.length) {
		throw invalid({ points: 'ideas_invalid' });
	}
	if (
		!isWithinBudget(
			input.points.map((p) => p.points),
			round.pointsPerMunicipality
		)
	) {
		throw invalid({ points: 'over_budget' });
	}
	await inTransaction(ctx.db, async (tx) => {
		await lockRound(tx, round.id);
		const current = await findRound(tx, round.id);
		if (current?.status !== 'open')
			throw new DomainError('CONFLICT', 'round closed', { form: 'round_closed' });
		await replaceAllocation(tx, {
			roundId: round.id,
			municipalityId: municipality.id,
			personId: actor.personId,
			points: input.points,
			now: ctx.now().toISOString()
		});
	});
}

export async function closeRound(ctx: Ctx, roundId: number): Promise<void> {
	const round = await loadRound(ctx, roundId);
	if (!canManageRounds(ctx.actor)) throw forbidden('coordination only');
	await inTransaction(ctx.db, async (tx) => {
		await lockRound(tx, round.id);
		const current = await findRound(tx, round.id);
		if (current?.status !== ('open' satisfies IdeaRoundStatus)) return;
		await closeRoundRow(tx, round.id, ctx.now().toISOString());
	});
}
