/** Small helpers the membership use cases share. */
import { recordAuditEvent, type AuditEventInput } from '../audit';
import type { Actor, Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import { NETWORK_TIME_ZONE } from '../audit/day-range';
import { DomainError } from '../errors';
import { getNetwork } from '../network';
import { insertJoinedActivity, makeMembers } from './membership.repository';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: NETWORK_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The calendar day (`YYYY-MM-DD`) in the network's time zone: "member since" is a German date. */
export function networkDate(now: Date): string {
	return dayFormat.format(now);
}

export function requirePerson(actor: Actor): PersonActor {
	if (actor.kind !== 'person') throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return actor;
}

/** The network's name for mails, with a neutral fallback for an unconfigured installation. */
export async function networkNameFor(db: Db): Promise<{ name: string; contactEmail: string }> {
	const network = await getNetwork({
		db,
		actor: { kind: 'system', reason: 'mail' },
		now: () => new Date()
	});
	return { name: network.name || 'Netzwerk', contactEmail: network.contactEmail };
}

/**
 * Makes the municipalities members of the network (those that are not yet), each with the
 * public "joined" entry and an audit event naming why (`details`, e.g. the invitation or the
 * application). Returns the ids that joined now.
 */
export async function admitMunicipalities(
	tx: Db,
	ctx: Ctx,
	municipalityIds: readonly number[],
	actor: Pick<AuditEventInput, 'actorPersonId' | 'actorLabel'>,
	details: Record<string, unknown>
): Promise<number[]> {
	const nowIso = ctx.now().toISOString();
	const joined = await makeMembers(tx, municipalityIds, networkDate(ctx.now()), nowIso);
	for (const municipalityId of joined) {
		await insertJoinedActivity(tx, municipalityId, nowIso);
		await recordAuditEvent(
			tx,
			{
				action: 'membership.changed',
				...actor,
				subjectType: 'municipality',
				subjectId: municipalityId,
				municipalityId,
				details: { to: 'member', ...details }
			},
			ctx
		);
	}
	return joined;
}
