/** The network's activity feed ("what happened lately"). */
import type { Ctx } from '../context';
import { findRecentActivity } from './activity.repository';

export const ACTIVITY_KINDS = ['municipality_joined'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface ActivityItem {
	id: number;
	kind: ActivityKind;
	occurredAt: string;
	municipality: { ags: string; name: string } | null;
}

const isKnownKind = (kind: string): kind is ActivityKind =>
	(ACTIVITY_KINDS as readonly string[]).includes(kind);

/** The latest entries the actor may see; kinds this version does not know are left out. */
export async function listRecentActivity(ctx: Ctx, limit = 8): Promise<ActivityItem[]> {
	const publicOnly = ctx.actor.kind === 'anonymous';
	const rows = await findRecentActivity(ctx.db, limit, publicOnly);
	const items: ActivityItem[] = [];
	for (const row of rows) {
		if (!isKnownKind(row.kind)) continue;
		items.push({
			id: row.id,
			kind: row.kind,
			occurredAt: row.occurred_at,
			municipality: row.ags !== null && row.name !== null ? { ags: row.ags, name: row.name } : null
		});
	}
	return items;
}
