/** SQL of the municipality register. Queries only; rules live in the service. */
import type { Db } from '../db';
import type { MembershipStatus, MunicipalityType } from '../db/schema';
import type { MunicipalitySort } from './municipality.schema';

export interface MunicipalityQuery {
	membershipIn?: MembershipStatus[];
	type?: MunicipalityType;
	associationId?: number;
	/** Normalised name fragment (see germanSortKey). */
	nameKeyContains?: string;
	sort: MunicipalitySort;
	limit: number;
	offset: number;
}

const summaryColumns = [
	'm.id',
	'm.ags',
	'm.name',
	'm.type',
	'm.population',
	'm.membership_status',
	'm.member_since',
	'm.applied_on',
	'm.is_founding_member',
	'm.is_demo',
	'm.association_id',
	'a.name as association_name'
] as const;

function filtered(db: Db, query: Omit<MunicipalityQuery, 'sort' | 'limit' | 'offset'>) {
	let q = db
		.selectFrom('municipality as m')
		.leftJoin('association as a', 'a.id', 'm.association_id');
	if (query.membershipIn) q = q.where('m.membership_status', 'in', query.membershipIn);
	if (query.type) q = q.where('m.type', '=', query.type);
	if (query.associationId) q = q.where('m.association_id', '=', query.associationId);
	if (query.nameKeyContains) {
		// The key holds only letters, digits and spaces, so no LIKE wildcard can come from input.
		q = q.where('m.name_sort', 'like', `%${query.nameKeyContains}%`);
	}
	return q;
}

export async function findMunicipalities(db: Db, query: MunicipalityQuery) {
	let q = filtered(db, query).select(summaryColumns);
	switch (query.sort) {
		case 'name':
			q = q.orderBy('m.name_sort', 'asc');
			break;
		case '-name':
			q = q.orderBy('m.name_sort', 'desc');
			break;
		case 'population':
			q = q.orderBy('m.population', 'asc');
			break;
		case '-population':
			q = q.orderBy('m.population', 'desc');
			break;
	}
	return q.orderBy('m.id', 'asc').limit(query.limit).offset(query.offset).execute();
}

export async function countMunicipalities(
	db: Db,
	query: Omit<MunicipalityQuery, 'sort' | 'limit' | 'offset'>
): Promise<number> {
	const row = await filtered(db, query)
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export function findMunicipalityByAgs(db: Db, ags: string) {
	return db
		.selectFrom('municipality as m')
		.leftJoin('association as a', 'a.id', 'm.association_id')
		.select([
			...summaryColumns,
			'm.population_date',
			'm.area_km2',
			'm.latitude',
			'm.longitude',
			'm.website',
			'm.data_source'
		])
		.where('m.ags', '=', ags)
		.executeTakeFirst();
}

export function findAssociations(db: Db) {
	return db
		.selectFrom('association as a')
		.select(['a.id', 'a.name'])
		.orderBy('a.name_sort')
		.execute();
}

export function findMunicipalitiesOfAssociation(db: Db, associationId: number) {
	return db
		.selectFrom('municipality as m')
		.select(['m.ags', 'm.name', 'm.membership_status'])
		.where('m.association_id', '=', associationId)
		.orderBy('m.name_sort')
		.execute();
}

/** Members, their inhabitants, and all municipalities of the register, in one round trip. */
export function sumRegisterFigures(db: Db) {
	return db
		.selectFrom('municipality')
		.select((eb) => [
			eb.fn.countAll<number>().as('municipalities'),
			eb.fn
				.sum<number>(eb.case().when('membership_status', '=', 'member').then(1).else(0).end())
				.as('members'),
			eb.fn
				.sum<number>(
					eb
						.case()
						.when('membership_status', '=', 'member')
						.then(eb.ref('population'))
						.else(0)
						.end()
				)
				.as('member_population'),
			eb.fn
				.sum<number>(eb.case().when('is_founding_member', '=', true).then(1).else(0).end())
				.as('founding_members')
		])
		.executeTakeFirstOrThrow();
}
