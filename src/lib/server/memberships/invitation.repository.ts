/** SQL of invitations. Queries only; rules live in invitation.service.ts. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { InvitationTable } from '../db/schema';

const invitationColumns = [
	'i.id',
	'i.email',
	'i.display_name',
	'i.role',
	'i.invited_by_person_id',
	'i.created_at',
	'i.expires_at',
	'i.accepted_at',
	'i.revoked_at',
	'p.display_name as invited_by_name'
] as const;

function invitations(db: Db) {
	return db
		.selectFrom('invitation as i')
		.leftJoin('person as p', 'p.id', 'i.invited_by_person_id')
		.select(invitationColumns);
}

export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationById>>>;

export async function insertInvitation(
	db: Db,
	values: Insertable<InvitationTable>,
	municipalityIds: readonly number[]
): Promise<number> {
	const row = await db
		.insertInto('invitation')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('invitation_municipality')
		.values(municipalityIds.map((id) => ({ invitation_id: row.id, municipality_id: id })))
		.execute();
	return row.id;
}

export function findInvitationByTokenHash(db: Db, tokenHash: string) {
	return invitations(db).where('i.token_hash', '=', tokenHash).executeTakeFirst();
}

export function findInvitationById(db: Db, invitationId: number) {
	return invitations(db).where('i.id', '=', invitationId).executeTakeFirst();
}

/** The municipalities of the given invitations, in German order. */
export function findInvitationMunicipalities(db: Db, invitationIds: readonly number[]) {
	if (invitationIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('invitation_municipality as im')
		.innerJoin('municipality as m', 'm.id', 'im.municipality_id')
		.select(['im.invitation_id', 'm.id', 'm.ags', 'm.name', 'm.membership_status'])
		.where('im.invitation_id', 'in', invitationIds)
		.orderBy('m.name_sort')
		.execute();
}

/** Invitations neither accepted nor revoked (expired ones included), newest first. */
export function findOpenInvitations(db: Db) {
	return invitations(db)
		.where('i.accepted_at', 'is', null)
		.where('i.revoked_at', 'is', null)
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id', 'desc')
		.execute();
}

/** Open invitations that include the municipality, newest first. */
export function findOpenInvitationsOfMunicipality(db: Db, municipalityId: number) {
	return invitations(db)
		.where('i.accepted_at', 'is', null)
		.where('i.revoked_at', 'is', null)
		.where('i.id', 'in', (eb) =>
			eb
				.selectFrom('invitation_municipality')
				.select('invitation_id')
				.where('municipality_id', '=', municipalityId)
		)
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id', 'desc')
		.execute();
}

/**
 * Uses the invitation up: one conditional update, so of two accepts at the same moment exactly
 * one changes the row (on PostgreSQL the second waits for the first and then finds it used).
 */
export async function claimInvitation(
	db: Db,
	invitationId: number,
	personId: number,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ accepted_at: nowIso, accepted_person_id: personId })
		.where('id', '=', invitationId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', nowIso)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function markInvitationRevoked(
	db: Db,
	invitationId: number,
	nowIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ revoked_at: nowIso })
		.where('id', '=', invitationId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** A fresh token and expiry for an open invitation: the old link stops working. */
export async function renewInvitation(
	db: Db,
	invitationId: number,
	tokenHash: string,
	expiresAtIso: string
): Promise<boolean> {
	const result = await db
		.updateTable('invitation')
		.set({ token_hash: tokenHash, expires_at: expiresAtIso })
		.where('id', '=', invitationId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}
