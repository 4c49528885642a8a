/**
 * Who an overview picture is drawn for. The network's pictures (matrix, map, statistics, the
 * front page's figures) show published projects only: public ones to everyone, members-only
 * ones ("network") to signed-in members as well. Drafts belong to their owners until they are
 * published and never enter a picture, so every member sees the same figures and the pictures
 * can be computed once per audience (decision 0022).
 */
import type { Actor } from '../context';
import type { ProjectScope } from '../projects';

export const OVERVIEW_AUDIENCES = ['public', 'network'] as const;
export type OverviewAudience = (typeof OVERVIEW_AUDIENCES)[number];

export function overviewAudienceOf(actor: Actor): OverviewAudience {
	return actor.kind === 'anonymous' ? 'public' : 'network';
}

/** The project scope of an audience: `projectVisibleTo(overviewProjectScope(a))`. */
export function overviewProjectScope(audience: OverviewAudience): ProjectScope {
	return audience === 'public' ? { kind: 'public' } : { kind: 'members', draftMunicipalityIds: [] };
}
