/** SQL of profiles and the people directory. Queries only; rules live in the services. */
import type { Db } from '../db';
import type { ContactVisibility } from '../db/schema';

const profileColumns = [
	'p.id',
	'p.email',
	'p.display_name',
	'p.job_title',
	'p.phone',
	'p.about',
	'p.email_visibility',
	'p.phone_visibility',
	'p.is_listed',
	'p.is_demo',
	'p.deleted_at'
] as const;

export function findProfileRow(db: Db, personId: number) {
	return db
		.selectFrom('person as p')
		.select(profileColumns)
		.where('p.id', '=', personId)
		.executeTakeFirst();
}

export interface ProfileUpdate {
	display_name: string;
	name_sort: string;
	job_title: string | null;
	phone: string | null;
	about: string | null;
	email_visibility: ContactVisibility;
	phone_visibility: ContactVisibility;
	is_listed: boolean;
	updated_at: string;
}

export async function updateProfileRow(db: Db, personId: number, values: ProfileUpdate) {
	await db.updateTable('person').set(values).where('id', '=', personId).execute();
}

export async function replaceExpertise(
	db: Db,
	personId: number,
	tags: { tag: string; tag_sort: string }[]
) {
	await db.deleteFrom('person_expertise').where('person_id', '=', personId).execute();
	if (tags.length > 0) {
		await db
			.insertInto('person_expertise')
			.values(tags.map((t) => ({ person_id: personId, ...t })))
			.execute();
	}
}

export async function replaceTopics(
	db: Db,
	personId: number,
	topics: { topic: string; topic_sort: string }[]
) {
	await db.deleteFrom('person_topic').where('person_id', '=', personId).execute();
	if (topics.length > 0) {
		await db
			.insertInto('person_topic')
			.values(topics.map((t) => ({ person_id: personId, ...t })))
			.execute();
	}
}

export function findExpertiseOf(db: Db, personIds: readonly number[]) {
	if (personIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('person_expertise')
		.select(['person_id', 'tag'])
		.where('person_id', 'in', personIds)
		.orderBy('tag_sort')
		.execute();
}

export function findTopicsOf(db: Db, personIds: readonly number[]) {
	if (personIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('person_topic')
		.select(['person_id', 'topic'])
		.where('person_id', 'in', personIds)
		.orderBy('topic_sort')
		.execute();
}

export function findMembershipsOf(db: Db, personIds: readonly number[]) {
	if (personIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('person_municipality as pm')
		.innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
		.select(['pm.person_id', 'pm.municipality_id', 'pm.role', 'm.ags', 'm.name'])
		.where('pm.person_id', 'in', personIds)
		.orderBy('m.name_sort')
		.execute();
}

export interface DirectoryQuery {
	/** Normalised name fragment (germanSortKey). */
	nameKeyContains?: string;
	expertiseKey?: string;
	topicKey?: string;
	ags?: string;
	limit: number;
	offset: number;
}

function listed(db: Db, query: Omit<DirectoryQuery, 'limit' | 'offset'>) {
	let q = db
		.selectFrom('person as p')
		.where('p.is_listed', '=', true)
		.where('p.deleted_at', 'is', null);
	if (query.nameKeyContains) {
		// The key holds only letters, digits and spaces, so no LIKE wildcard can come from input.
		q = q.where('p.name_sort', 'like', `%${query.nameKeyContains}%`);
	}
	const expertiseKey = query.expertiseKey;
	if (expertiseKey) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('person_expertise as e')
					.select('e.person_id')
					.whereRef('e.person_id', '=', 'p.id')
					.where('e.tag_sort', '=', expertiseKey)
			)
		);
	}
	const topicKey = query.topicKey;
	if (topicKey) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('person_topic as t')
					.select('t.person_id')
					.whereRef('t.person_id', '=', 'p.id')
					.where('t.topic_sort', '=', topicKey)
			)
		);
	}
	const ags = query.ags;
	if (ags) {
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('person_municipality as pm')
					.innerJoin('municipality as m', 'm.id', 'pm.municipality_id')
					.select('pm.person_id')
					.whereRef('pm.person_id', '=', 'p.id')
					.where('m.ags', '=', ags)
			)
		);
	}
	return q;
}

/** Listed people, by German name order (ties by id, so pages never overlap). */
export function findDirectoryRows(db: Db, query: DirectoryQuery) {
	return listed(db, query)
		.select(profileColumns)
		.orderBy('p.name_sort')
		.orderBy('p.id')
		.limit(query.limit)
		.offset(query.offset)
		.execute();
}

export async function countDirectoryRows(
	db: Db,
	query: Omit<DirectoryQuery, 'limit' | 'offset'>
): Promise<number> {
	const row = await listed(db, query)
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** The expertise tags of listed people, one spelling per key, for the filter. */
export function findListedExpertise(db: Db) {
	return db
		.selectFrom('person_expertise as e')
		.innerJoin('person as p', 'p.id', 'e.person_id')
		.select((eb) => ['e.tag_sort', eb.fn.min('e.tag').as('tag')])
		.where('p.is_listed', '=', true)
		.where('p.deleted_at', 'is', null)
		.groupBy('e.tag_sort')
		.orderBy('e.tag_sort')
		.execute();
}

export function findListedTopics(db: Db) {
	return db
		.selectFrom('person_topic as t')
		.innerJoin('person as p', 'p.id', 't.person_id')
		.select((eb) => ['t.topic_sort', eb.fn.min('t.topic').as('topic')])
		.where('p.is_listed', '=', true)
		.where('p.deleted_at', 'is', null)
		.groupBy('t.topic_sort')
		.orderBy('t.topic_sort')
		.execute();
}

/** Municipalities that have listed people, for the filter. */
export function findListedMunicipalities(db: Db) {
	return db
		.selectFrom('municipality as m')
		.select(['m.ags', 'm.name'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('person_municipality as pm')
					.innerJoin('person as p', 'p.id', 'pm.person_id')
					.select('pm.person_id')
					.whereRef('pm.municipality_id', '=', 'm.id')
					.where('p.is_listed', '=', true)
					.where('p.deleted_at', 'is', null)
			)
		)
		.orderBy('m.name_sort')
		.execute();
}

export async function findNotificationSettingsJson(db: Db, personId: number): Promise<unknown> {
	const row = await db
		.selectFrom('person')
		.select('notification_settings_json')
		.where('id', '=', personId)
		.executeTakeFirst();
	return row?.notification_settings_json;
}

export async function updateNotificationSettingsJson(
	db: Db,
	personId: number,
	settingsJson: string,
	nowIso: string
) {
	await db
		.updateTable('person')
		.set({ notification_settings_json: settingsJson, updated_at: nowIso })
		.where('id', '=', personId)
		.execute();
}
