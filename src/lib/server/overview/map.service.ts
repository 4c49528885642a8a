/**
 * The network map (`/uebersicht/karte`): every municipality at its reference point, sized by
 * population and marked by its membership or by the furthest stage it reached in a topic (the
 * matrix's cells, matrix.ts) or with a product. Stages come from the same scale and the same
 * audience rules as the matrix and the statistics, and every part is computed once per content
 * version and audience (cache.ts).
 */
import type { Ctx } from '../context';
import { canSeeApplications } from '../municipalities';
import { overviewAudienceOf, overviewProjectScope } from './audience';
import { perContentVersion } from './cache';
import { layoutMap } from './map-layout';
import { getTopicStages, listOverviewTopics } from './matrix';
import {
	findAdoptionStages,
	findMapMunicipalities,
	findProductsInUse,
	findProjectStagesOfProduct
} from './map.repository';
import type { MapColouring, ParsedMapColouring } from './map.schema';
import {
	furtherStage,
	OVERVIEW_STAGES,
	STAGE_OF_ADOPTION,
	STAGE_OF_PROJECT_STATUS,
	type OverviewStage
} from './stage';

/** Membership as the map shows it; `applied` only to those who may see applications. */
export type MembershipMark = 'founding' | 'member' | 'applied' | 'none';
/** A stage, or `none` where the municipality has none with the chosen product. */
export type StageMark = OverviewStage | 'none';

export const MEMBERSHIP_MARKS: readonly MembershipMark[] = [
	'founding',
	'member',
	'applied',
	'none'
];
/** Furthest stage first, as the legend lists them. */
export const STAGE_MARKS: readonly StageMark[] = [...[...OVERVIEW_STAGES].reverse(), 'none'];

export interface MapProductOption {
	id: number;
	name: string;
	vendorName: string | null;
}

export interface MapTopicOption {
	id: number;
	name: string;
}

export interface MapMunicipality {
	ags: string;
	name: string;
	population: number | null;
	mark: MembershipMark | StageMark;
	/** Whether it has a reference point (otherwise it is only in the table). */
	isPlaced: boolean;
}

export interface MapPoint {
	ags: string;
	name: string;
	mark: MembershipMark | StageMark;
	x: number;
	y: number;
	r: number;
}

export interface OverviewMap {
	/** What the map is coloured by (membership when the request named something unknown). */
	colouring: MapColouring;
	/** Why the requested colouring is not shown: a value the form never sends, or gone. */
	problem: 'invalid' | 'unknown_product' | 'unknown_topic' | null;
	/** The chosen topic's or product's name. */
	subject: string | null;
	topics: MapTopicOption[];
	products: MapProductOption[];
	/** The marks that can appear, in legend order, with how many municipalities have each. */
	legend: { mark: MembershipMark | StageMark; count: number }[];
	width: number;
	height: number;
	/** In drawing order: larger circles first. */
	points: MapPoint[];
	/** All municipalities of the register, alphabetical. */
	municipalities: MapMunicipality[];
}

interface RegisterRow {
	id: number;
	ags: string;
	name: string;
	population: number | null;
	latitude: number | null;
	longitude: number | null;
	membershipStatus: 'member' | 'applied' | 'none';
	isFoundingMember: boolean;
}

interface RegisterPicture {
	rows: RegisterRow[];
	width: number;
	height: number;
	points: { id: number; x: number; y: number; r: number }[];
}

/** The register and where each municipality is drawn: the same for every colouring. */
function getRegisterPicture(ctx: Ctx): Promise<RegisterPicture> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, 'map:register', async () => {
		const rows: RegisterRow[] = (await findMapMunicipalities(ctx.db)).map((row) => ({
			id: row.id,
			ags: row.ags,
			name: row.name,
			population: row.population,
			latitude: row.latitude,
			longitude: row.longitude,
			membershipStatus: row.membership_status,
			isFoundingMember: row.is_founding_member
		}));
		const layout = layoutMap(rows);
		return {
			rows,
			width: layout.width,
			height: layout.height,
			points: layout.points.map(({ item, x, y, r }) => ({ id: item.id, x, y, r }))
		};
	});
}

/**
 * The furthest stage each municipality reached with a product: its own adoption of the product,
 * and the projects using it that the actor's audience may see, for the owner and every partner.
 * Drafts never count; nor do deleted projects. Empty for an unknown or deleted product.
 */
export function getProductStages(
	ctx: Ctx,
	productId: number
): Promise<ReadonlyMap<number, OverviewStage>> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, `map:product:${productId}`, async () => {
		const scope = overviewProjectScope(audience);
		const [adoptions, projects] = await Promise.all([
			findAdoptionStages(ctx.db, productId),
			findProjectStagesOfProduct(ctx.db, productId, scope)
		]);
		const stages = new Map<number, OverviewStage>();
		const reach = (municipalityId: number, stage: OverviewStage) => {
			const further = furtherStage(stages.get(municipalityId), stage);
			if (further) stages.set(municipalityId, further);
		};
		for (const row of adoptions) reach(row.municipality_id, STAGE_OF_ADOPTION[row.stage]);
		for (const row of projects) reach(row.municipality_id, STAGE_OF_PROJECT_STATUS[row.status]);
		return stages;
	});
}

/** Products that some municipality adopted or that a project the audience may see uses. */
export function listMapProducts(ctx: Ctx): Promise<MapProductOption[]> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, 'map:products', async () => {
		const rows = await findProductsInUse(ctx.db, overviewProjectScope(audience));
		return rows.map((row) => ({ id: row.id, name: row.name, vendorName: row.vendor_name }));
	});
}

function membershipMark(row: RegisterRow, showApplications: boolean): MembershipMark {
	if (row.membershipStatus === 'member') return row.isFoundingMember ? 'founding' : 'member';
	// As on /kommunen: an application is the network's internal business.
	if (row.membershipStatus === 'applied' && showApplications) return 'applied';
	return 'none';
}

/** The map as the actor may see it, coloured as requested (see ParsedMapColouring). */
export async function getOverviewMap(
	ctx: Ctx,
	requested: ParsedMapColouring
): Promise<OverviewMap> {
	const [picture, topics, products] = await Promise.all([
		getRegisterPicture(ctx),
		listOverviewTopics(ctx),
		listMapProducts(ctx)
	]);
	let colouring: MapColouring = requested.colouring;
	let problem: OverviewMap['problem'] = requested.problem;
	let subject: string | null = null;
	let stages: ReadonlyMap<number, OverviewStage> | null = null;

	switch (colouring.kind) {
		case 'membership':
			break;
		case 'product': {
			const id = colouring.id;
			const product = products.find((p) => p.id === id);
			if (product) {
				subject = product.name;
				stages = await getProductStages(ctx, product.id);
			} else {
				problem = 'unknown_product';
			}
			break;
		}
		case 'topic': {
			const id = colouring.id;
			const topic = topics.find((t) => t.id === id);
			if (topic) {
				subject = topic.name;
				stages = await getTopicStages(ctx, topic.id);
			} else {
				problem = 'unknown_topic';
			}
			break;
		}
	}
	if (problem !== null) {
		colouring = { kind: 'membership' };
		subject = null;
		stages = null;
	}

	const showApplications = canSeeApplications(ctx.actor);
	const markOf = (row: RegisterRow): MembershipMark | StageMark =>
		stages ? (stages.get(row.id) ?? 'none') : membershipMark(row, showApplications);
	const marks = new Map(picture.rows.map((row) => [row.id, markOf(row)]));
	const placed = new Set(picture.points.map((point) => point.id));
	const byId = new Map(picture.rows.map((row) => [row.id, row]));

	const order: readonly (MembershipMark | StageMark)[] = stages
		? STAGE_MARKS
		: MEMBERSHIP_MARKS.filter((mark) => mark !== 'applied' || showApplications);
	const counts = new Map<MembershipMark | StageMark, number>();
	for (const mark of marks.values()) counts.set(mark, (counts.get(mark) ?? 0) + 1);

	return {
		colouring,
		problem,
		subject,
		topics,
		products,
		legend: order.map((mark) => ({ mark, count: counts.get(mark) ?? 0 })),
		width: picture.width,
		height: picture.height,
		points: picture.points.map((point) => {
			const row = byId.get(point.id) as RegisterRow;
			return {
				ags: row.ags,
				name: row.name,
				mark: marks.get(point.id) ?? 'none',
				x: point.x,
				y: point.y,
				r: point.r
			};
		}),
		municipalities: picture.rows.map((row) => ({
			ags: row.ags,
			name: row.name,
			population: row.population,
			mark: marks.get(row.id) ?? 'none',
			isPlaced: placed.has(row.id)
		}))
	};
}
