/** SQL of people, their municipalities and their sessions. Queries only; rules live in services. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { PersonTable, SessionTable } from '../db/schema';

/** A person who may sign in: not deleted. `email` must be normalised. */
export function findPersonForSignIn(db: Db, email: string) {
	return db
		.selectFrom('person')
		.select(['id', 'display_name', 'password_hash', 'is_coordinator', 'two_factor_enabled_at'])
		.where('email', '=', email)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

export async function personEmailExists(db: Db, email: string): Promise<boolean> {
	const row = await db
		.selectFrom('person')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insertPerson(db: Db, values: Insertable<PersonTable>): Promise<number> {
	const row = await db
		.insertInto('person')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function markSignedIn(
	db: Db,
	personId: number,
	nowIso: string,
	newPasswordHash: string | null
): Promise<void> {
	await db
		.updateTable('person')
		.set({
			last_sign_in_at: nowIso,
			...(newPasswordHash ? { password_hash: newPasswordHash, updated_at: nowIso } : {})
		})
		.where('id', '=', personId)
		.execute();
}

export function findMemberships(db: Db, personId: number) {
	return db
		.selectFrom('person_municipality')
		.select(['municipality_id', 'role'])
		.where('person_id', '=', personId)
		.orderBy('municipality_id')
		.execute();
}

/** Names of the register's municipalities and associations, for the password policy. */
export async function findNetworkWords(db: Db): Promise<string[]> {
	const [municipalities, associations] = await Promise.all([
		db.selectFrom('municipality').select('name').execute(),
		db.selectFrom('association').select('name').execute()
	]);
	return [...municipalities, ...associations].map((row) => row.name);
}

export async function insertSession(db: Db, values: Insertable<SessionTable>): Promise<void> {
	await db.insertInto('session').values(values).execute();
}

/** The session with its person, when the person may still act (not deleted). */
export function findSessionWithPerson(db: Db, sessionId: string) {
	return db
		.selectFrom('session as s')
		.innerJoin('person as p', 'p.id', 's.person_id')
		.select([
			's.id',
			's.person_id',
			's.last_seen_at',
			's.expires_at',
			's.idle_expires_at',
			'p.display_name',
			'p.is_coordinator',
			'p.deleted_at',
			'p.email_verified_at',
			'p.two_factor_enabled_at'
		])
		.where('s.id', '=', sessionId)
		.executeTakeFirst();
}

export async function touchSession(
	db: Db,
	sessionId: string,
	lastSeenIso: string,
	idleExpiresIso: string
): Promise<void> {
	await db
		.updateTable('session')
		.set({ last_seen_at: lastSeenIso, idle_expires_at: idleExpiresIso })
		.where('id', '=', sessionId)
		.execute();
}

/**
 * Notes a request of the person: a request after a pause of `gapStartIso` or longer starts a new
 * visit, and the end of the one before is kept as `previous_visit_at` ("new since your last
 * visit"). Not among the columns that bump the content version.
 */
export async function recordVisit(
	db: Db,
	personId: number,
	nowIso: string,
	gapStartIso: string
): Promise<void> {
	await db
		.updateTable('person')
		.set((eb) => ({
			previous_visit_at: eb
				.case()
				.when('last_visit_at', '<', gapStartIso)
				.then(eb.ref('last_visit_at'))
				.else(eb.ref('previous_visit_at'))
				.end(),
			last_visit_at: nowIso
		}))
		.where('id', '=', personId)
		.execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<boolean> {
	const result = await db.deleteFrom('session').where('id', '=', sessionId).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Deletes one session only when it is the person's own. */
export async function deleteSessionOfPerson(
	db: Db,
	sessionId: string,
	personId: number
): Promise<boolean> {
	const result = await db
		.deleteFrom('session')
		.where('id', '=', sessionId)
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export async function deleteSessionsOfPerson(db: Db, personId: number): Promise<number> {
	const result = await db
		.deleteFrom('session')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The person's sessions that are still valid at `nowIso`, newest use first. */
export function findSessionsOfPerson(db: Db, personId: number, nowIso: string) {
	return db
		.selectFrom('session')
		.select([
			'id',
			'created_at',
			'last_seen_at',
			'expires_at',
			'idle_expires_at',
			'ip_address',
			'user_agent'
		])
		.where('person_id', '=', personId)
		.where('expires_at', '>', nowIso)
		.where('idle_expires_at', '>', nowIso)
		.orderBy('last_seen_at', 'desc')
		.orderBy('id')
		.execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
	const result = await db
		.deleteFrom('session')
		.where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('idle_expires_at', '<=', nowIso)]))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Ends every session of the person except `keepSessionId` (the one in use). */
export async function deleteOtherSessionsOfPerson(
	db: Db,
	personId: number,
	keepSessionId: string
): Promise<number> {
	const result = await db
		.deleteFrom('session')
		.where('person_id', '=', personId)
		.where('id', '<>', keepSessionId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** A person who is not deleted, by id: what account pages need. */
export function findActivePerson(db: Db, personId: number) {
	return db
		.selectFrom('person')
		.select([
			'id',
			'email',
			'display_name',
			'password_hash',
			'email_verified_at',
			'two_factor_enabled_at'
		])
		.where('id', '=', personId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
}

export async function updatePasswordHash(
	db: Db,
	personId: number,
	passwordHash: string,
	nowIso: string
): Promise<void> {
	await db
		.updateTable('person')
		.set({ password_hash: passwordHash, updated_at: nowIso })
		.where('id', '=', personId)
		.execute();
}

/** Marks the address confirmed (keeps an earlier confirmation time). */
export async function markEmailVerified(db: Db, personId: number, nowIso: string): Promise<void> {
	await db
		.updateTable('person')
		.set({ email_verified_at: nowIso, updated_at: nowIso })
		.where('id', '=', personId)
		.where('email_verified_at', 'is', null)
		.execute();
}

/** Replaces the address by a confirmed new one. */
export async function updatePersonEmail(
	db: Db,
	personId: number,
	email: string,
	nowIso: string
): Promise<void> {
	await db
		.updateTable('person')
		.set({ email, email_verified_at: nowIso, updated_at: nowIso })
		.where('id', '=', personId)
		.execute();
}
