/**
 * SQL of memberships: municipalities' membership state, the people of a municipality and their
 * roles, and the few person rows joining creates. Queries only; rules live in the services.
 */
import { PostgresAdapter } from 'kysely';
import { json, type Db } from '../db';
import type { MunicipalityRole } from '../db/schema';

const municipalityColumns = [
	'm.id',
	'm.ags',
	'm.name',
	'm.association_id',
	'm.membership_status',
	'a.name as association_name'
] as const;

function municipalities(db: Db) {
	return db
		.selectFrom('municipality as m')
		.leftJoin('association as a', 'a.id', 'm.association_id')
		.select(municipalityColumns);
}

export type MunicipalityRow = Awaited<ReturnType<typeof findMunicipalitiesByAgs>>[number];

export function findMunicipalitiesByAgs(db: Db, agsList: readonly string[]) {
	if (agsList.length === 0) return Promise.resolve([]);
	return municipalities(db).where('m.ags', 'in', agsList).orderBy('m.name_sort').execute();
}

export function findMunicipalitiesByIds(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return municipalities(db).where('m.id', 'in', ids).orderBy('m.name_sort').execute();
}

/** Every municipality of the register, in German order (for the forms' choices). */
export function findAllMunicipalities(db: Db) {
	return municipalities(db).orderBy('m.name_sort').orderBy('m.id').execute();
}

/** The municipalities of an association that are not members (yet). */
export function findNonMembersOfAssociation(db: Db, associationId: number) {
	return municipalities(db)
		.where('m.association_id', '=', associationId)
		.where('m.membership_status', '<>', 'member')
		.orderBy('m.name_sort')
		.execute();
}

/** Makes the municipalities members as of `date`; returns the ids that were not members before. */
export async function makeMembers(
	db: Db,
	ids: readonly number[],
	date: string,
	nowIso: string
): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.updateTable('municipality')
		.set({ membership_status: 'member', member_since: date, applied_on: null, updated_at: nowIso })
		.where('id', 'in', ids)
		.where('membership_status', '<>', 'member')
		.returning('id')
		.execute();
	return rows.map((row) => row.id);
}

/** Marks non-member municipalities as applicants; returns the ids that changed. */
export async function markApplied(
	db: Db,
	ids: readonly number[],
	date: string,
	nowIso: string
): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.updateTable('municipality')
		.set({ membership_status: 'applied', applied_on: date, updated_at: nowIso })
		.where('id', 'in', ids)
		.where('membership_status', '=', 'none')
		.returning('id')
		.execute();
	return rows.map((row) => row.id);
}

/** Applicants back to "no membership"; members stay members. Returns the ids that changed. */
export async function resetApplied(
	db: Db,
	ids: readonly number[],
	nowIso: string
): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.updateTable('municipality')
		.set({ membership_status: 'none', applied_on: null, updated_at: nowIso })
		.where('id', 'in', ids)
		.where('membership_status', '=', 'applied')
		.returning('id')
		.execute();
	return rows.map((row) => row.id);
}

/** The public "what happened lately" entry of a municipality joining. */
export async function insertJoinedActivity(
	db: Db,
	municipalityId: number,
	nowIso: string
): Promise<void> {
	await db
		.insertInto('activity')
		.values({
			kind: 'municipality_joined',
			municipality_id: municipalityId,
			occurred_at: nowIso,
			is_public: true,
			details_json: json({ founding: false })
		})
		.execute();
}

/**
 * Locks the municipality's row until the transaction ends (PostgreSQL; SQLite has one writer at a
 * time anyway), so that two admins demoting each other at once cannot both pass the last-admin
 * check.
 */
export async function lockMunicipality(db: Db, municipalityId: number): Promise<void> {
	let query = db.selectFrom('municipality').select('id').where('id', '=', municipalityId);
	if (db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
	await query.execute();
}

/** The people of a municipality (not deleted), admins first, then by name. */
export function findPeopleOfMunicipality(db: Db, municipalityId: number) {
	return db
		.selectFrom('person_municipality as pm')
		.innerJoin('person as p', 'p.id', 'pm.person_id')
		.select([
			'p.id',
			'p.display_name',
			'p.email',
			'p.job_title',
			'pm.role',
			'pm.created_at',
			'p.last_sign_in_at'
		])
		.where('pm.municipality_id', '=', municipalityId)
		.where('p.deleted_at', 'is', null)
		.orderBy('pm.role', 'asc')
		.orderBy('p.display_name')
		.orderBy('p.id')
		.execute();
}

export function findMembership(db: Db, personId: number, municipalityId: number) {
	return db
		.selectFrom('person_municipality')
		.select(['person_id', 'municipality_id', 'role'])
		.where('person_id', '=', personId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
}

export function findMembershipsOfPerson(db: Db, personId: number) {
	return db
		.selectFrom('person_municipality')
		.select(['municipality_id', 'role'])
		.where('person_id', '=', personId)
		.execute();
}

export async function countAdmins(db: Db, municipalityId: number): Promise<number> {
	const row = await db
		.selectFrom('person_municipality as pm')
		.innerJoin('person as p', 'p.id', 'pm.person_id')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('pm.municipality_id', '=', municipalityId)
		.where('pm.role', '=', 'admin')
		.where('p.deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function insertMembership(
	db: Db,
	personId: number,
	municipalityId: number,
	role: MunicipalityRole
): Promise<void> {
	await db
		.insertInto('person_municipality')
		.values({ person_id: personId, municipality_id: municipalityId, role })
		.execute();
}

export async function updateMembershipRole(
	db: Db,
	personId: number,
	municipalityId: number,
	role: MunicipalityRole
): Promise<boolean> {
	const result = await db
		.updateTable('person_municipality')
		.set({ role })
		.where('person_id', '=', personId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function deleteMembership(
	db: Db,
	personId: number,
	municipalityId: number
): Promise<boolean> {
	const result = await db
		.deleteFrom('person_municipality')
		.where('person_id', '=', personId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Any person with the address, deleted or not (the address is unique). */
export function findPersonByEmail(db: Db, email: string) {
	return db
		.selectFrom('person')
		.select(['id', 'display_name', 'email', 'email_verified_at', 'deleted_at'])
		.where('email', '=', email)
		.executeTakeFirst();
}

export function findPersonById(db: Db, personId: number) {
	return db
		.selectFrom('person')
		.select(['id', 'display_name', 'email', 'email_verified_at', 'deleted_at'])
		.where('id', '=', personId)
		.executeTakeFirst();
}

/** Municipalities the person administers, with their names (for the overview). */
export function findAdministeredMunicipalities(db: Db, personId: number) {
	return db
		.selectFrom('person_municipality as pm')
		.innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
		.select(['m.id', 'm.ags', 'm.name', 'm.membership_status'])
		.where('pm.person_id', '=', personId)
		.where('pm.role', '=', 'admin')
		.orderBy('m.name_sort')
		.execute();
}

/** The network's members, for the coordination's overview. */
export function findMemberMunicipalities(db: Db) {
	return db
		.selectFrom('municipality as m')
		.select(['m.id', 'm.ags', 'm.name', 'm.membership_status'])
		.where('m.membership_status', '=', 'member')
		.orderBy('m.name_sort')
		.execute();
}
