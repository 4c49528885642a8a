/** Texts of the map's marks: membership states and stages, in the current locale. */
import { m } from '$lib/paraglide/messages';

export type MapMarkKind = 'membership' | 'stage';

const MEMBERSHIP_LABELS: Record<string, () => string> = {
	founding: m.membership_founding,
	member: m.membership_member,
	applied: m.membership_applied,
	none: m.membership_none
};

const STAGE_LABELS: Record<string, () => string> = {
	live: m.map_stage_live,
	building: m.map_stage_building,
	planning: m.map_stage_planning,
	idea: m.map_stage_idea,
	paused: m.map_stage_paused,
	stopped: m.map_stage_stopped,
	none: m.map_stage_none
};

export function markLabel(kind: MapMarkKind, mark: string): string {
	const label = (kind === 'membership' ? MEMBERSHIP_LABELS : STAGE_LABELS)[mark];
	return label ? label() : mark;
}
