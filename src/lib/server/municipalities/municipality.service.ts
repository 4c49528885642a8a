/** Use cases of the municipality register. */
import type { Ctx } from '../context';
import type { MembershipStatus, MunicipalityType } from '../db/schema';
import { notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { canSeeApplications } from './municipality.policy';
import {
	countMunicipalities,
	findAssociations,
	findMunicipalities,
	findMunicipalitiesOfAssociation,
	findMunicipalityByAgs,
	sumRegisterFigures,
	type MunicipalityQuery
} from './municipality.repository';
import {
	AgsSchema,
	municipalityPageSize,
	type MunicipalityFilter,
	type MunicipalitySort
} from './municipality.schema';

export interface MunicipalitySummary {
	ags: string;
	name: string;
	type: MunicipalityType;
	association: { id: number; name: string } | null;
	population: number | null;
	membershipStatus: MembershipStatus;
	memberSince: string | null;
	appliedOn: string | null;
	isFoundingMember: boolean;
	isDemo: boolean;
}

export interface MunicipalityDetail extends MunicipalitySummary {
	populationDate: string | null;
	areaKm2: number | null;
	location: { latitude: number; longitude: number } | null;
	website: string | null;
	dataSource: string | null;
	/** Other municipalities of the same administrative association. */
	associationPeers: { ags: string; name: string; isMember: boolean }[];
}

export interface MunicipalityPage {
	items: MunicipalitySummary[];
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
	sort: MunicipalitySort;
}

type SummaryRow = Awaited<ReturnType<typeof findMunicipalities>>[number];

function toSummary(row: SummaryRow, showApplications: boolean): MunicipalitySummary {
	const hidden = row.membership_status === 'applied' && !showApplications;
	return {
		ags: row.ags,
		name: row.name,
		type: row.type,
		association:
			row.association_id !== null && row.association_name !== null
				? { id: row.association_id, name: row.association_name }
				: null,
		population: row.population,
		membershipStatus: hidden ? 'none' : row.membership_status,
		memberSince: row.member_since,
		appliedOn: hidden ? null : row.applied_on,
		isFoundingMember: row.is_founding_member,
		// A demo flag on a hidden applicant would hint at the application.
		isDemo: hidden ? false : row.is_demo
	};
}

/** Which stored states a membership filter selects, as far as the actor may see them. */
function membershipStates(
	filter: MembershipStatus | undefined,
	showApplications: boolean
): MembershipStatus[] | undefined {
	if (!filter) return undefined;
	if (showApplications) return [filter];
	if (filter === 'none') return ['none', 'applied'];
	// The public cannot ask for applicants: the filter is not offered and is ignored.
	if (filter === 'applied') return undefined;
	return [filter];
}

/**
 * One page of the register, filtered and sorted. A page number past the end shows the last page.
 */
export async function listMunicipalities(
	ctx: Ctx,
	filter: MunicipalityFilter
): Promise<MunicipalityPage> {
	const showApplications = canSeeApplications(ctx.actor);
	const nameKey = filter.q ? germanSortKey(filter.q) : undefined;
	const where: Omit<MunicipalityQuery, 'sort' | 'limit' | 'offset'> = {
		membershipIn: membershipStates(filter.membership, showApplications),
		type: filter.type,
		associationId: filter.association,
		nameKeyContains: nameKey || undefined
	};
	const total = await countMunicipalities(ctx.db, where);
	const pageSize = municipalityPageSize(total);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(filter.page, pageCount);
	const rows =
		total === 0
			? []
			: await findMunicipalities(ctx.db, {
					...where,
					sort: filter.sort,
					limit: pageSize,
					offset: (page - 1) * pageSize
				});
	return {
		items: rows.map((row) => toSummary(row, showApplications)),
		total,
		page,
		pageSize,
		pageCount,
		sort: filter.sort
	};
}

/** One municipality by its official key; throws NOT_FOUND when there is none. */
export async function getMunicipality(ctx: Ctx, ags: string): Promise<MunicipalityDetail> {
	if (!AgsSchema.safeParse(ags).success) throw notFound('municipality');
	const row = await findMunicipalityByAgs(ctx.db, ags);
	if (!row) throw notFound('municipality');
	const showApplications = canSeeApplications(ctx.actor);
	const peers =
		row.association_id === null
			? []
			: await findMunicipalitiesOfAssociation(ctx.db, row.association_id);
	return {
		...toSummary(row, showApplications),
		populationDate: row.population_date,
		areaKm2: row.area_km2,
		location:
			row.latitude !== null && row.longitude !== null
				? { latitude: row.latitude, longitude: row.longitude }
				: null,
		website: row.website,
		dataSource: row.data_source,
		associationPeers: peers
			.filter((peer) => peer.ags !== row.ags)
			.map((peer) => ({
				ags: peer.ags,
				name: peer.name,
				isMember: peer.membership_status === 'member'
			}))
	};
}

/** The administrative associations, for filters. */
export function listAssociations(ctx: Ctx) {
	return findAssociations(ctx.db);
}

export interface RegisterFigures {
	municipalities: number;
	members: number;
	foundingMembers: number;
	memberPopulation: number;
}

/** Key figures of the register for the front page. */
export async function getRegisterFigures(ctx: Ctx): Promise<RegisterFigures> {
	const row = await sumRegisterFigures(ctx.db);
	return {
		municipalities: Number(row.municipalities ?? 0),
		members: Number(row.members ?? 0),
		foundingMembers: Number(row.founding_members ?? 0),
		memberPopulation: Number(row.member_population ?? 0)
	};
}
