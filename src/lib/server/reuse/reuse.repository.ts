/** The SQL of the reuse requests; no rules here (see reuse.service.ts and reuse.policy.ts). */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import type { ProjectStatus, ReuseRequestStatus } from '../db/schema';
import type { ProjectScope } from '../projects/project.policy';
import { projectVisibleTo } from '../projects/project.visibility';
import { ACTIVE_REUSE_STATUSES } from './reuse.policy';

export type SubjectRef = { projectId: number } | { productId: number };

export async function findProjectProductIds(db: Db, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_product')
		.select('product_id')
		.where('project_id', '=', projectId)
		.execute();
	return rows.map((row) => row.product_id);
}

export async function findProduct(
	db: Db,
	productId: number
): Promise<{ id: number; name: string; deletedAt: string | null } | undefined> {
	return db
		.selectFrom('product')
		.select(['id', 'name', 'deleted_at as deletedAt'])
		.where('id', '=', productId)
		.executeTakeFirst();
}

/** The municipalities that run (or tried) a product: every adoption beyond "interested". */
export async function listProductRunners(
	db: Db,
	productId: number
): Promise<{ municipalityId: number; name: string; contactPersonId: number | null }[]> {
	return db
		.selectFrom('adoption')
		.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
		.select([
			'adoption.municipality_id as municipalityId',
			'municipality.name',
			'adoption.contact_person_id as contactPersonId'
		])
		.where('adoption.product_id', '=', productId)
		.where('adoption.stage', '<>', 'interested')
		.orderBy('municipality.name_sort')
		.execute();
}

export async function findMunicipalityNames(
	db: Db,
	ids: readonly number[]
): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('municipality')
		.select(['id', 'name'])
		.where('id', 'in', [...ids])
		.execute();
	return new Map(rows.map((row) => [row.id, row.name]));
}

function whereSubject(ref: SubjectRef) {
	return (eb: ExpressionBuilder<Database, 'reuse_request'>) =>
		'projectId' in ref
			? eb('reuse_request.project_id', '=', ref.projectId)
			: eb('reuse_request.product_id', '=', ref.productId);
}

/** The active request of a municipality about a subject, if any. */
export async function findActiveRequestId(
	db: Db,
	ref: SubjectRef,
	requestingMunicipalityId: number
): Promise<number | undefined> {
	const row = await db
		.selectFrom('reuse_request')
		.select('id')
		.where(whereSubject(ref))
		.where('requesting_municipality_id', '=', requestingMunicipalityId)
		.where('status', 'in', [...ACTIVE_REUSE_STATUSES])
		.executeTakeFirst();
	return row?.id;
}

export interface NewRequestRow {
	projectId: number | null;
	productId: number | null;
	requestingMunicipalityId: number;
	requestedByPersonId: number | null;
	ownerMunicipalityId: number;
	message: string;
	now: string;
}

export async function insertRequest(db: Db, row: NewRequestRow): Promise<number> {
	const inserted = await db
		.insertInto('reuse_request')
		.values({
			project_id: row.projectId,
			product_id: row.productId,
			requesting_municipality_id: row.requestingMunicipalityId,
			requested_by_person_id: row.requestedByPersonId,
			owner_municipality_id: row.ownerMunicipalityId,
			message: row.message,
			status: 'open',
			created_at: row.now,
			updated_at: row.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return inserted.id;
}

export async function insertEvent(
	db: Db,
	event: {
		requestId: number;
		status: ReuseRequestStatus;
		personId: number | null;
		note: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('reuse_request_event')
		.values({
			reuse_request_id: event.requestId,
			status: event.status,
			person_id: event.personId,
			note: event.note,
			created_at: event.now
		})
		.execute();
}

/**
 * Moves a request on, only from the state the caller saw: two people answering at once cannot
 * both win. Returns whether it changed.
 */
export async function updateRequestStatus(
	db: Db,
	id: number,
	from: ReuseRequestStatus,
	to: ReuseRequestStatus,
	now: string,
	isClosing: boolean
): Promise<boolean> {
	const result = await db
		.updateTable('reuse_request')
		.set({ status: to, updated_at: now, closed_at: isClosing ? now : null })
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function setResultProject(
	db: Db,
	id: number,
	projectId: number,
	now: string
): Promise<boolean> {
	const result = await db
		.updateTable('reuse_request')
		.set({ result_project_id: projectId, updated_at: now })
		.where('id', '=', id)
		.where('status', '=', 'adopted')
		.where('result_project_id', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export interface RequestRow {
	id: number;
	projectId: number | null;
	productId: number | null;
	subjectTitle: string;
	requestingMunicipalityId: number;
	requestingMunicipalityName: string;
	requestedByPersonId: number | null;
	requestedByName: string | null;
	ownerMunicipalityId: number;
	ownerMunicipalityName: string;
	message: string;
	status: ReuseRequestStatus;
	resultProjectId: number | null;
	resultProjectTitle: string | null;
	createdAt: string;
	updatedAt: string;
	closedAt: string | null;
}

function requestQuery(db: Db) {
	return db
		.selectFrom('reuse_request')
		.innerJoin(
			'municipality as requester',
			'requester.id',
			'reuse_request.requesting_municipality_id'
		)
		.innerJoin('municipality as owner', 'owner.id', 'reuse_request.owner_municipality_id')
		.leftJoin('project', 'project.id', 'reuse_request.project_id')
		.leftJoin('product', 'product.id', 'reuse_request.product_id')
		.leftJoin('person', 'person.id', 'reuse_request.requested_by_person_id')
		.leftJoin('project as result', 'result.id', 'reuse_request.result_project_id')
		.select((eb) => [
			'reuse_request.id',
			'reuse_request.project_id as projectId',
			'reuse_request.product_id as productId',
			eb.fn.coalesce('project.title', 'product.name').as('subjectTitle'),
			'reuse_request.requesting_municipality_id as requestingMunicipalityId',
			'requester.name as requestingMunicipalityName',
			'reuse_request.requested_by_person_id as requestedByPersonId',
			'person.display_name as requestedByName',
			'reuse_request.owner_municipality_id as ownerMunicipalityId',
			'owner.name as ownerMunicipalityName',
			'reuse_request.message',
			'reuse_request.status',
			'reuse_request.result_project_id as resultProjectId',
			'result.title as resultProjectTitle',
			'reuse_request.created_at as createdAt',
			'reuse_request.updated_at as updatedAt',
			'reuse_request.closed_at as closedAt'
		]);
}

export async function findRequest(db: Db, id: number): Promise<RequestRow | undefined> {
	const row = await requestQuery(db).where('reuse_request.id', '=', id).executeTakeFirst();
	return row ? { ...row, subjectTitle: row.subjectTitle ?? '' } : undefined;
}

/** Requests to (`owner`) or from (`requester`) the given municipalities, newest first. */
export async function listRequests(
	db: Db,
	side: 'owner' | 'requester',
	municipalityIds: readonly number[],
	status: ReuseRequestStatus | null,
	limit = 200
): Promise<RequestRow[]> {
	if (municipalityIds.length === 0) return [];
	let query = requestQuery(db).where(
		side === 'owner'
			? 'reuse_request.owner_municipality_id'
			: 'reuse_request.requesting_municipality_id',
		'in',
		[...municipalityIds]
	);
	if (status) query = query.where('reuse_request.status', '=', status);
	const rows = await query
		.orderBy('reuse_request.created_at', 'desc')
		.orderBy('reuse_request.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((row) => ({ ...row, subjectTitle: row.subjectTitle ?? '' }));
}

export interface EventRow {
	status: ReuseRequestStatus;
	personName: string | null;
	note: string | null;
	createdAt: string;
}

export async function listEvents(db: Db, requestId: number): Promise<EventRow[]> {
	return db
		.selectFrom('reuse_request_event')
		.leftJoin('person', 'person.id', 'reuse_request_event.person_id')
		.select([
			'reuse_request_event.status',
			'person.display_name as personName',
			'reuse_request_event.note',
			'reuse_request_event.created_at as createdAt'
		])
		.where('reuse_request_event.reuse_request_id', '=', requestId)
		.orderBy('reuse_request_event.created_at')
		.orderBy('reuse_request_event.id')
		.execute();
}

/** Addresses of people not deleted, by id. */
export async function findPersonEmails(db: Db, personIds: readonly number[]): Promise<string[]> {
	if (personIds.length === 0) return [];
	const rows = await db
		.selectFrom('person')
		.select('email')
		.where('id', 'in', [...personIds])
		.where('deleted_at', 'is', null)
		.orderBy('id')
		.execute();
	return rows.map((row) => row.email);
}

export async function findProjectContactIds(db: Db, projectId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('project_contact')
		.select('person_id')
		.where('project_id', '=', projectId)
		.orderBy('position')
		.execute();
	return rows.map((row) => row.person_id);
}

export async function findAdoptionContactId(
	db: Db,
	productId: number,
	municipalityId: number
): Promise<number | null> {
	const row = await db
		.selectFrom('adoption')
		.select('contact_person_id')
		.where('product_id', '=', productId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
	return row?.contact_person_id ?? null;
}

export async function findAdminIds(db: Db, municipalityId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('person_municipality')
		.select('person_id')
		.where('municipality_id', '=', municipalityId)
		.where('role', '=', 'admin')
		.execute();
	return rows.map((row) => row.person_id);
}

/** How many municipalities adopted the subject, and how many requests are still active. */
export async function countSubjectRequests(
	db: Db,
	ref: SubjectRef
): Promise<{ adoptedCount: number; activeCount: number }> {
	const adopted = await db
		.selectFrom('reuse_request')
		.select((eb) =>
			eb.fn.count<number>('reuse_request.requesting_municipality_id').distinct().as('count')
		)
		.where(whereSubject(ref))
		.where('status', '=', 'adopted')
		.executeTakeFirstOrThrow();
	const active = await db
		.selectFrom('reuse_request')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where(whereSubject(ref))
		.where('status', 'in', [...ACTIVE_REUSE_STATUSES])
		.executeTakeFirstOrThrow();
	return { adoptedCount: Number(adopted.count), activeCount: Number(active.count) };
}

/** The latest request about the subject from any of the municipalities. */
export async function findLatestRequestOf(
	db: Db,
	ref: SubjectRef,
	municipalityIds: readonly number[]
): Promise<
	{ id: number; status: ReuseRequestStatus; requestingMunicipalityId: number } | undefined
> {
	if (municipalityIds.length === 0) return undefined;
	return db
		.selectFrom('reuse_request')
		.select(['id', 'status', 'requesting_municipality_id as requestingMunicipalityId'])
		.where(whereSubject(ref))
		.where('requesting_municipality_id', 'in', [...municipalityIds])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.executeTakeFirst();
}

/** The municipalities among `ids` that have an active request about the subject. */
export async function findMunicipalitiesWithActiveRequest(
	db: Db,
	ref: SubjectRef,
	ids: readonly number[]
): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('reuse_request')
		.select('requesting_municipality_id')
		.where(whereSubject(ref))
		.where('requesting_municipality_id', 'in', [...ids])
		.where('status', 'in', [...ACTIVE_REUSE_STATUSES])
		.execute();
	return new Set(rows.map((row) => row.requesting_municipality_id));
}

/**
 * Adopted requests network-wide that the scope may know of: on projects it may see, and on
 * products that are not deleted (the solutions register is public).
 */
export async function countAdoptedVisible(db: Db, scope: ProjectScope): Promise<number> {
	const onProjects = await db
		.selectFrom('reuse_request')
		.innerJoin('project', 'project.id', 'reuse_request.project_id')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('reuse_request.status', '=', 'adopted')
		.where(projectVisibleTo(scope))
		.executeTakeFirstOrThrow();
	const onProducts = await db
		.selectFrom('reuse_request')
		.innerJoin('product', 'product.id', 'reuse_request.product_id')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('reuse_request.status', '=', 'adopted')
		.where('product.deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(onProjects.count) + Number(onProducts.count);
}

/** The projects a municipality owns (not deleted), for linking the result of an adoption. */
export async function listOwnProjects(
	db: Db,
	municipalityId: number
): Promise<{ id: number; title: string; status: ProjectStatus }[]> {
	return db
		.selectFrom('project')
		.select(['id', 'title', 'status'])
		.where('municipality_id', '=', municipalityId)
		.where('deleted_at', 'is', null)
		.orderBy('title_sort')
		.limit(500)
		.execute();
}

export async function findProjectOwner(
	db: Db,
	projectId: number
): Promise<{ municipalityId: number; deletedAt: string | null } | undefined> {
	return db
		.selectFrom('project')
		.select(['municipality_id as municipalityId', 'deleted_at as deletedAt'])
		.where('id', '=', projectId)
		.executeTakeFirst();
}
