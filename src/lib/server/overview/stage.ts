/**
 * One stage scale for everything the overview draws: a project's status and a municipality's
 * adoption of a product map onto it, and "the furthest stage reached" is the highest rank.
 */
import type { AdoptionStage, ProjectStatus } from '../db/schema';

/** Lowest first. Stopped and paused work ranks below any active stage. */
export const OVERVIEW_STAGES = [
	'stopped',
	'paused',
	'idea',
	'planning',
	'building',
	'live'
] as const;
export type OverviewStage = (typeof OVERVIEW_STAGES)[number];

export const STAGE_RANK: Readonly<Record<OverviewStage, number>> = Object.fromEntries(
	OVERVIEW_STAGES.map((stage, index) => [stage, index])
) as Record<OverviewStage, number>;

export const STAGE_OF_PROJECT_STATUS: Readonly<Record<ProjectStatus, OverviewStage>> = {
	eingestellt: 'stopped',
	pausiert: 'paused',
	idee: 'idea',
	planung: 'planning',
	umsetzung: 'building',
	betrieb: 'live'
};

export const STAGE_OF_ADOPTION: Readonly<Record<AdoptionStage, OverviewStage>> = {
	stopped: 'stopped',
	interested: 'idea',
	evaluating: 'planning',
	pilot: 'building',
	live: 'live'
};

/** The further of two stages (either may be missing). */
export function furtherStage(
	a: OverviewStage | undefined,
	b: OverviewStage | undefined
): OverviewStage | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return STAGE_RANK[b] > STAGE_RANK[a] ? b : a;
}
