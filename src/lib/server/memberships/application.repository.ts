/** SQL of membership applications. Queries only; rules live in application.service.ts. */
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { ApplicationStatus, MembershipApplicationTable } from '../db/schema';

const applicationColumns = [
	'ap.id',
	'ap.contact_name',
	'ap.email',
	'ap.job_title',
	'ap.phone',
	'ap.message',
	'ap.status',
	'ap.decision_reason',
	'ap.decided_at',
	'ap.created_at',
	'p.display_name as decided_by_name'
] as const;

function applications(db: Db) {
	return db
		.selectFrom('membership_application as ap')
		.leftJoin('person as p', 'p.id', 'ap.decided_by_person_id')
		.select(applicationColumns);
}

export async function insertApplication(
	db: Db,
	values: Insertable<MembershipApplicationTable>,
	municipalityIds: readonly number[]
): Promise<number> {
	const row = await db
		.insertInto('membership_application')
		.values(values)
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('membership_application_municipality')
		.values(municipalityIds.map((id) => ({ application_id: row.id, municipality_id: id })))
		.execute();
	return row.id;
}

/** Applications with the given status (all when omitted): pending oldest first, others newest. */
export function findApplications(db: Db, status?: ApplicationStatus) {
	let query = applications(db);
	if (status) query = query.where('ap.status', '=', status);
	return status === 'pending'
		? query.orderBy('ap.created_at', 'asc').orderBy('ap.id', 'asc').execute()
		: query.orderBy('ap.created_at', 'desc').orderBy('ap.id', 'desc').limit(200).execute();
}

export function findApplicationById(db: Db, applicationId: number) {
	return applications(db).where('ap.id', '=', applicationId).executeTakeFirst();
}

export function findApplicationMunicipalities(db: Db, applicationIds: readonly number[]) {
	if (applicationIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('membership_application_municipality as am')
		.innerJoin('municipality as m', 'm.id', 'am.municipality_id')
		.select(['am.application_id', 'm.id', 'm.ags', 'm.name', 'm.membership_status'])
		.where('am.application_id', 'in', applicationIds)
		.orderBy('m.name_sort')
		.execute();
}

export async function countApplications(db: Db, status: ApplicationStatus): Promise<number> {
	const row = await db
		.selectFrom('membership_application')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('status', '=', status)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Decides a pending application; false when it was decided already (by someone else). */
export async function decideApplication(
	db: Db,
	applicationId: number,
	decision: {
		status: Exclude<ApplicationStatus, 'pending'>;
		reason: string | null;
		personId: number;
		nowIso: string;
	}
): Promise<boolean> {
	const result = await db
		.updateTable('membership_application')
		.set({
			status: decision.status,
			decision_reason: decision.reason,
			decided_by_person_id: decision.personId,
			decided_at: decision.nowIso
		})
		.where('id', '=', applicationId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Of `municipalityIds`, those with another pending application than `exceptId`. */
export async function findMunicipalitiesWithOtherPendingApplication(
	db: Db,
	municipalityIds: readonly number[],
	exceptId: number
): Promise<number[]> {
	if (municipalityIds.length === 0) return [];
	const rows = await db
		.selectFrom('membership_application_municipality as am')
		.innerJoin('membership_application as ap', 'ap.id', 'am.application_id')
		.select('am.municipality_id')
		.distinct()
		.where('am.municipality_id', 'in', municipalityIds)
		.where('ap.status', '=', 'pending')
		.where('ap.id', '<>', exceptId)
		.execute();
	return rows.map((row) => row.municipality_id);
}
