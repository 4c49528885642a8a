/** SQL of the idea pool and of joint projects' parts; nothing else here. */
import { sql } from 'kysely';
import type { Db } from '../db';
import type { IdeaRoundStatus, IdeaStatus, MilestoneStatus } from '../db/schema';
import type { IdeaSort } from './idea.schema';

// -- ideas --

export interface IdeaRow {
	id: number;
	title: string;
	problem: string;
	solution: string;
	benefit: string;
	municipalityId: number;
	municipalityName: string;
	municipalityAgs: string;
	authorPersonId: number | null;
	authorName: string | null;
	status: IdeaStatus;
	projectId: number | null;
	createdAt: string;
	lastActivityAt: string;
	supportCount: number;
}

function ideaQuery(db: Db) {
	return db
		.selectFrom('idea')
		.innerJoin('municipality', 'municipality.id', 'idea.municipality_id')
		.leftJoin('person', 'person.id', 'idea.author_person_id')
		.select((eb) => [
			'idea.id',
			'idea.title',
			'idea.problem',
			'idea.solution',
			'idea.benefit',
			'idea.municipality_id as municipalityId',
			'municipality.name as municipalityName',
			'municipality.ags as municipalityAgs',
			'idea.author_person_id as authorPersonId',
			'person.display_name as authorName',
			'idea.status',
			'idea.project_id as projectId',
			'idea.created_at as createdAt',
			'idea.last_activity_at as lastActivityAt',
			eb
				.selectFrom('idea_support')
				.whereRef('idea_support.idea_id', '=', 'idea.id')
				.select((s) => s.fn.countAll<number>().as('n'))
				.as('supportCount')
		]);
}

function normalise(row: IdeaRow): IdeaRow {
	return { ...row, supportCount: Number(row.supportCount) };
}

export async function findIdea(db: Db, id: number): Promise<IdeaRow | undefined> {
	const row = await ideaQuery(db).where('idea.id', '=', id).executeTakeFirst();
	return row ? normalise(row as IdeaRow) : undefined;
}

export async function listIdeaRows(
	db: Db,
	filter: { status: IdeaStatus | null; sort: IdeaSort }
): Promise<IdeaRow[]> {
	let query = ideaQuery(db);
	if (filter.status) query = query.where('idea.status', '=', filter.status);
	switch (filter.sort) {
		case 'support':
			query = query.orderBy('supportCount', 'desc').orderBy('idea.created_at', 'desc');
			break;
		case 'newest':
			query = query.orderBy('idea.created_at', 'desc');
			break;
		case 'activity':
			query = query.orderBy('idea.last_activity_at', 'desc');
			break;
	}
	const rows = await query.orderBy('idea.id', 'desc').execute();
	return rows.map((row) => normalise(row as IdeaRow));
}

/** Open ideas (not rejected, not implemented) as the similarity check reads them. */
export async function listOpenIdeaTexts(db: Db) {
	return db
		.selectFrom('idea')
		.select(['id', 'title', 'problem', 'status'])
		.where('status', 'in', ['new', 'in_review', 'accepted'])
		.execute();
}

export async function insertIdea(
	db: Db,
	values: {
		title: string;
		problem: string;
		solution: string;
		benefit: string;
		municipalityId: number;
		authorPersonId: number;
		now: string;
		isDemo?: boolean;
	}
): Promise<number> {
	const row = await db
		.insertInto('idea')
		.values({
			title: values.title,
			problem: values.problem,
			solution: values.solution,
			benefit: values.benefit,
			municipality_id: values.municipalityId,
			author_person_id: values.authorPersonId,
			status: 'new',
			created_at: values.now,
			updated_at: values.now,
			last_activity_at: values.now,
			is_demo: values.isDemo ?? false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function setIdeaStatus(
	db: Db,
	id: number,
	status: IdeaStatus,
	now: string,
	projectId?: number
): Promise<void> {
	await db
		.updateTable('idea')
		.set({
			status,
			updated_at: now,
			last_activity_at: now,
			...(projectId === undefined ? {} : { project_id: projectId })
		})
		.where('id', '=', id)
		.execute();
}

export async function touchIdea(db: Db, id: number, now: string): Promise<void> {
	await db.updateTable('idea').set({ last_activity_at: now }).where('id', '=', id).execute();
}

export async function insertStateChange(
	db: Db,
	values: {
		ideaId: number;
		status: IdeaStatus;
		personId: number | null;
		reason: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('idea_state_change')
		.values({
			idea_id: values.ideaId,
			status: values.status,
			person_id: values.personId,
			reason: values.reason,
			created_at: values.now
		})
		.execute();
}

export async function listStateChanges(db: Db, ideaId: number) {
	return db
		.selectFrom('idea_state_change')
		.leftJoin('person', 'person.id', 'idea_state_change.person_id')
		.select([
			'idea_state_change.id',
			'idea_state_change.status',
			'idea_state_change.reason',
			'idea_state_change.created_at as createdAt',
			'person.display_name as personName'
		])
		.where('idea_state_change.idea_id', '=', ideaId)
		.orderBy('idea_state_change.created_at', 'asc')
		.orderBy('idea_state_change.id', 'asc')
		.execute();
}

// -- support --

export async function listSupports(db: Db, ideaId: number) {
	return db
		.selectFrom('idea_support')
		.innerJoin('municipality', 'municipality.id', 'idea_support.municipality_id')
		.leftJoin('person', 'person.id', 'idea_support.person_id')
		.select([
			'idea_support.id',
			'idea_support.municipality_id as municipalityId',
			'municipality.name as municipalityName',
			'municipality.ags as municipalityAgs',
			'idea_support.person_id as personId',
			'person.display_name as personName',
			'idea_support.comment',
			'idea_support.contributors',
			'idea_support.created_at as createdAt',
			'idea_support.updated_at as updatedAt'
		])
		.where('idea_support.idea_id', '=', ideaId)
		.orderBy('idea_support.created_at', 'asc')
		.orderBy('idea_support.id', 'asc')
		.execute();
}

export async function findSupportId(db: Db, ideaId: number, municipalityId: number) {
	const row = await db
		.selectFrom('idea_support')
		.select('id')
		.where('idea_id', '=', ideaId)
		.where('municipality_id', '=', municipalityId)
		.executeTakeFirst();
	return row?.id;
}

export async function insertSupport(
	db: Db,
	values: {
		ideaId: number;
		municipalityId: number;
		personId: number;
		comment: string;
		contributors: string;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('idea_support')
		.values({
			idea_id: values.ideaId,
			municipality_id: values.municipalityId,
			person_id: values.personId,
			comment: values.comment,
			contributors: values.contributors,
			created_at: values.now,
			updated_at: values.now
		})
		.execute();
}

export async function updateSupport(
	db: Db,
	id: number,
	values: { personId: number; comment: string; contributors: string; now: string }
): Promise<void> {
	await db
		.updateTable('idea_support')
		.set({
			person_id: values.personId,
			comment: values.comment,
			contributors: values.contributors,
			updated_at: values.now
		})
		.where('id', '=', id)
		.execute();
}

export async function deleteSupport(db: Db, id: number): Promise<void> {
	await db.deleteFrom('idea_support').where('id', '=', id).execute();
}

// -- municipalities --

export async function findMunicipalities(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('municipality')
		.select(['id', 'name', 'ags', 'membership_status as membershipStatus'])
		.where('id', 'in', ids)
		.execute();
}

export async function listMemberMunicipalities(db: Db) {
	return db
		.selectFrom('municipality')
		.select(['id', 'name', 'ags'])
		.where('membership_status', '=', 'member')
		.orderBy('name_sort')
		.execute();
}

// -- rounds --

export interface RoundRow {
	id: number;
	name: string;
	pointsPerMunicipality: number;
	status: IdeaRoundStatus;
	createdAt: string;
	closedAt: string | null;
}

function roundQuery(db: Db) {
	return db
		.selectFrom('idea_round')
		.select([
			'id',
			'name',
			'points_per_municipality as pointsPerMunicipality',
			'status',
			'created_at as createdAt',
			'closed_at as closedAt'
		]);
}

export async function findRound(db: Db, id: number): Promise<RoundRow | undefined> {
	return roundQuery(db).where('id', '=', id).executeTakeFirst();
}

export async function listRoundRows(db: Db): Promise<RoundRow[]> {
	return roundQuery(db).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function insertRound(
	db: Db,
	values: {
		name: string;
		points: number;
		personId: number | null;
		ideaIds: readonly number[];
		now: string;
	}
): Promise<number> {
	const row = await db
		.insertInto('idea_round')
		.values({
			name: values.name,
			points_per_municipality: values.points,
			status: 'open',
			created_by_person_id: values.personId,
			created_at: values.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('idea_round_idea')
		.values(values.ideaIds.map((ideaId) => ({ round_id: row.id, idea_id: ideaId })))
		.execute();
	return row.id;
}

export async function closeRoundRow(db: Db, id: number, now: string): Promise<void> {
	await db
		.updateTable('idea_round')
		.set({ status: 'closed', closed_at: now })
		.where('id', '=', id)
		.execute();
}

export async function listRoundIdeas(db: Db, roundId: number) {
	return db
		.selectFrom('idea_round_idea')
		.innerJoin('idea', 'idea.id', 'idea_round_idea.idea_id')
		.innerJoin('municipality', 'municipality.id', 'idea.municipality_id')
		.select(['idea.id', 'idea.title', 'idea.status', 'municipality.name as municipalityName'])
		.where('idea_round_idea.round_id', '=', roundId)
		.orderBy('idea.id')
		.execute();
}

export async function listAllocations(db: Db, roundId: number) {
	return db
		.selectFrom('idea_round_allocation')
		.select(['municipality_id as municipalityId', 'idea_id as ideaId', 'points'])
		.where('round_id', '=', roundId)
		.execute();
}

export async function replaceAllocation(
	db: Db,
	values: {
		roundId: number;
		municipalityId: number;
		personId: number;
		points: readonly { ideaId: number; points: number }[];
		now: string;
	}
): Promise<void> {
	await db
		.deleteFrom('idea_round_allocation')
		.where('round_id', '=', values.roundId)
		.where('municipality_id', '=', values.municipalityId)
		.execute();
	const rows = values.points
		.filter((p) => p.points > 0)
		.map((p) => ({
			round_id: values.roundId,
			municipality_id: values.municipalityId,
			idea_id: p.ideaId,
			points: p.points,
			person_id: values.personId,
			updated_at: values.now
		}));
	if (rows.length > 0) await db.insertInto('idea_round_allocation').values(rows).execute();
}

/** Takes a row lock on the round on PostgreSQL, so allocations and closing do not interleave. */
export async function lockRound(db: Db, id: number): Promise<void> {
	await sql`update idea_round set status = status where id = ${id}`.execute(db);
}

// -- joint projects --

export async function findIdeaOfProject(db: Db, projectId: number) {
	return db
		.selectFrom('idea')
		.select(['id', 'title'])
		.where('project_id', '=', projectId)
		.executeTakeFirst();
}

export async function listMilestones(db: Db, projectId: number) {
	return db
		.selectFrom('project_milestone')
		.select(['id', 'title', 'due_on as dueOn', 'status', 'position'])
		.where('project_id', '=', projectId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function findMilestone(db: Db, projectId: number, id: number) {
	return db
		.selectFrom('project_milestone')
		.select(['id', 'title', 'status'])
		.where('project_id', '=', projectId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function insertMilestone(
	db: Db,
	values: {
		projectId: number;
		title: string;
		dueOn: string | null;
		status: MilestoneStatus;
		now: string;
	}
): Promise<number> {
	const last = await db
		.selectFrom('project_milestone')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('project_id', '=', values.projectId)
		.executeTakeFirst();
	const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
	const row = await db
		.insertInto('project_milestone')
		.values({
			project_id: values.projectId,
			title: values.title,
			due_on: values.dueOn,
			status: values.status,
			position,
			created_at: values.now,
			updated_at: values.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateMilestoneRow(
	db: Db,
	id: number,
	values: { title: string; dueOn: string | null; status: MilestoneStatus; now: string }
): Promise<void> {
	await db
		.updateTable('project_milestone')
		.set({
			title: values.title,
			due_on: values.dueOn,
			status: values.status,
			updated_at: values.now
		})
		.where('id', '=', id)
		.execute();
}

export async function deleteMilestoneRow(db: Db, id: number): Promise<void> {
	await db.deleteFrom('project_milestone').where('id', '=', id).execute();
}

export async function listUpdates(db: Db, projectId: number) {
	return db
		.selectFrom('project_update')
		.leftJoin('person', 'person.id', 'project_update.author_person_id')
		.select([
			'project_update.id',
			'project_update.body_md as bodyMd',
			'project_update.created_at as createdAt',
			'person.display_name as authorName'
		])
		.where('project_update.project_id', '=', projectId)
		.orderBy('project_update.created_at', 'desc')
		.orderBy('project_update.id', 'desc')
		.execute();
}

export async function insertUpdate(
	db: Db,
	values: { projectId: number; personId: number | null; bodyMd: string; now: string }
): Promise<void> {
	await db
		.insertInto('project_update')
		.values({
			project_id: values.projectId,
			author_person_id: values.personId,
			body_md: values.bodyMd,
			created_at: values.now
		})
		.execute();
}

export async function listMembers(db: Db, projectId: number) {
	return db
		.selectFrom('project_member')
		.innerJoin('person', 'person.id', 'project_member.person_id')
		.select(['person.id as personId', 'person.display_name as name', 'project_member.role'])
		.where('project_member.project_id', '=', projectId)
		.where('person.deleted_at', 'is', null)
		.orderBy('person.display_name')
		.execute();
}

/** People of the given municipalities (not deleted), who may become members. */
export async function listPeopleOf(db: Db, municipalityIds: readonly number[]) {
	if (municipalityIds.length === 0) return [];
	return db
		.selectFrom('person')
		.innerJoin('person_municipality', 'person_municipality.person_id', 'person.id')
		.innerJoin('municipality', 'municipality.id', 'person_municipality.municipality_id')
		.select([
			'person.id as personId',
			'person.display_name as name',
			'municipality.name as municipalityName'
		])
		.where('person_municipality.municipality_id', 'in', municipalityIds)
		.where('person.deleted_at', 'is', null)
		.orderBy('person.display_name')
		.orderBy('person.id')
		.execute();
}

export async function upsertMember(
	db: Db,
	values: { projectId: number; personId: number; role: string }
): Promise<void> {
	await db
		.insertInto('project_member')
		.values({ project_id: values.projectId, person_id: values.personId, role: values.role })
		.onConflict((oc) => oc.columns(['project_id', 'person_id']).doUpdateSet({ role: values.role }))
		.execute();
}

export async function deleteMember(db: Db, projectId: number, personId: number): Promise<void> {
	await db
		.deleteFrom('project_member')
		.where('project_id', '=', projectId)
		.where('person_id', '=', personId)
		.execute();
}
