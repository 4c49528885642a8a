/** Labels of the overview's stages, long (legend, tables) and short (matrix cells). */
import { m } from '$lib/paraglide/messages';

export type StageCode = 'live' | 'building' | 'planning' | 'idea' | 'paused' | 'stopped';

/** Furthest first: the order of legends. */
export const STAGE_CODES: readonly StageCode[] = [
	'live',
	'building',
	'planning',
	'idea',
	'paused',
	'stopped'
];

export const stageLabel: Record<StageCode, () => string> = {
	live: m.overview_stage_live,
	building: m.overview_stage_building,
	planning: m.overview_stage_planning,
	idea: m.overview_stage_idea,
	paused: m.overview_stage_paused,
	stopped: m.overview_stage_stopped
};

export const stageShortLabel: Record<StageCode, () => string> = {
	live: m.overview_stage_live_short,
	building: m.overview_stage_building_short,
	planning: m.overview_stage_planning_short,
	idea: m.overview_stage_idea_short,
	paused: m.overview_stage_paused_short,
	stopped: m.overview_stage_stopped_short
};

/** A mark beside the text, so that neither colour nor the word alone carries the stage. */
export const stageMark: Record<StageCode, string> = {
	live: '●',
	building: '◕',
	planning: '◑',
	idea: '○',
	paused: '‖',
	stopped: '×'
};
