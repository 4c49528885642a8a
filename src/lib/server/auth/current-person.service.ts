/** "Who am I": the acting person as the API describes them (GET /api/v1/me). */
import type { Ctx } from '../context';
import { DomainError } from '../errors';
import { findMembershipsWithMunicipality } from './api-token.repository';
import { canWrite, isSignedIn } from './auth.policy';

export interface CurrentPerson {
	id: number;
	name: string;
	isCoordinator: boolean;
	municipalities: { ags: string; name: string; role: 'admin' | 'member' }[];
	/** What this request may do: a read-only token reads, everything else may also write. */
	scope: 'read' | 'read_write';
	authentication: { method: 'session' } | { method: 'token'; tokenId: number };
}

/** The signed-in person with their municipalities and roles; UNAUTHENTICATED for visitors. */
export async function getCurrentPerson(ctx: Ctx): Promise<CurrentPerson> {
	const actor = ctx.actor;
	if (!isSignedIn(actor)) throw new DomainError('UNAUTHENTICATED', 'not signed in');
	const memberships = await findMembershipsWithMunicipality(ctx.db, actor.personId);
	return {
		id: actor.personId,
		name: actor.displayName,
		isCoordinator: actor.isCoordinator,
		municipalities: memberships.map((row) => ({ ags: row.ags, name: row.name, role: row.role })),
		scope: canWrite(actor) ? 'read_write' : 'read',
		authentication:
			actor.auth.method === 'token'
				? { method: 'token', tokenId: actor.auth.tokenId }
				: { method: 'session' }
	};
}
