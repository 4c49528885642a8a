/**
 * The adoption matrix as its page, its exports and the topic pages read it: rows filtered,
 * sorted and paged; the projects and adoptions behind a cell.
 */
import { z } from 'zod';
import type { Ctx } from '../context';
import { MUNICIPALITY_TYPES, type MunicipalityType, type ProjectStatus } from '../db/schema';
import { notFound } from '../errors';
import {
	exportFileName,
	writeSheet,
	type ExportedFile,
	type InterchangeFormat,
	type OutValue
} from '../interchange';
import { municipalityPageSize } from '../municipalities/municipality.schema';
import { projectVisibleTo } from '../projects';
import { overviewAudienceOf, overviewProjectScope } from './audience';
import { perContentVersion } from './cache';
import { coverageOf, getMatrixData, type MatrixCell, type MatrixData } from './matrix';
import type { MatrixMunicipalityRow } from './matrix.repository';
import { STAGE_OF_ADOPTION, type OverviewStage } from './stage';

export const MATRIX_SORTS = ['name', 'population', 'coverage'] as const;
export type MatrixSort = (typeof MATRIX_SORTS)[number];
/** Applications are not public: the matrix knows members and everyone else. */
export const MATRIX_MEMBERSHIPS = ['member', 'none'] as const;

/** Filters from a query string; malformed values mean "no filter" (an old link still works). */
export const MatrixFilterSchema = z.object({
	association: z.coerce.number().int().positive().optional().catch(undefined),
	type: z.enum(MUNICIPALITY_TYPES).optional().catch(undefined),
	membership: z.enum(MATRIX_MEMBERSHIPS).optional().catch(undefined),
	sort: z.enum(MATRIX_SORTS).default('name').catch('name'),
	page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1)
});
export type MatrixFilter = z.output<typeof MatrixFilterSchema>;

export function parseMatrixFilter(params: URLSearchParams): MatrixFilter {
	const entries: Record<string, string> = {};
	for (const key of ['association', 'type', 'membership', 'sort', 'page']) {
		const value = params.get(key);
		if (value !== null && value !== '') entries[key] = value;
	}
	return MatrixFilterSchema.parse(entries);
}

export interface MatrixMunicipality {
	id: number;
	ags: string;
	name: string;
	type: MunicipalityType;
	associationName: string | null;
	population: number | null;
	isMember: boolean;
	isFoundingMember: boolean;
}

export interface MatrixRow {
	municipality: MatrixMunicipality;
	/** One per topic, in the topics' order; null where nothing is known. */
	stages: (OverviewStage | null)[];
	live: number;
	active: number;
}

export interface MatrixView {
	topics: { id: number; name: string; description: string }[];
	rows: MatrixRow[];
	/** Rows after filtering (all pages). */
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
	/** Per topic, over all filtered rows: municipalities live, municipalities with any stage. */
	topicTotals: { live: number; active: number }[];
}

function municipalityOf(row: MatrixMunicipalityRow): MatrixMunicipality {
	return {
		id: row.id,
		ags: row.ags,
		name: row.name,
		type: row.type,
		associationName: row.association_name,
		population: row.population,
		isMember: row.membership_status === 'member',
		isFoundingMember: row.is_founding_member
	};
}

/** All rows that pass the filter, in the chosen order. */
function filteredRows(data: MatrixData, filter: MatrixFilter): MatrixRow[] {
	const rows: (MatrixRow & { nameSort: string })[] = [];
	for (const municipality of data.municipalities) {
		if (filter.association !== undefined && municipality.association_id !== filter.association) {
			continue;
		}
		if (filter.type !== undefined && municipality.type !== filter.type) continue;
		const isMember = municipality.membership_status === 'member';
		if (filter.membership === 'member' && !isMember) continue;
		if (filter.membership === 'none' && isMember) continue;
		const cells = data.cells.get(municipality.id);
		rows.push({
			municipality: municipalityOf(municipality),
			stages: data.topics.map((topic) => cells?.get(topic.id)?.stage ?? null),
			...coverageOf(cells),
			nameSort: municipality.name_sort
		});
	}
	// data.municipalities comes in name order; sort is stable, so ties stay alphabetical.
	if (filter.sort === 'population') {
		rows.sort((a, b) => (b.municipality.population ?? -1) - (a.municipality.population ?? -1));
	} else if (filter.sort === 'coverage') {
		rows.sort((a, b) => b.live - a.live || b.active - a.active);
	}
	return rows.map(({ nameSort: _nameSort, ...row }) => row);
}

/** One page of the matrix; kept per content version, audience and filter like the data. */
export function getAdoptionMatrix(ctx: Ctx, filter: MatrixFilter): Promise<MatrixView> {
	return perContentVersion(
		ctx,
		overviewAudienceOf(ctx.actor),
		`matrix-view|${JSON.stringify(filter)}`,
		() => buildMatrixView(ctx, filter)
	);
}

async function buildMatrixView(ctx: Ctx, filter: MatrixFilter): Promise<MatrixView> {
	const data = await getMatrixData(ctx);
	const rows = filteredRows(data, filter);
	const pageSize = municipalityPageSize(rows.length);
	const pages = Math.max(1, Math.ceil(rows.length / pageSize));
	const page = Math.min(filter.page, pages);
	const topicTotals = data.topics.map((_, index) => {
		let live = 0;
		let active = 0;
		for (const row of rows) {
			const stage = row.stages[index];
			if (stage === 'live') live += 1;
			if (stage !== null && stage !== 'stopped' && stage !== 'paused') active += 1;
		}
		return { live, active };
	});
	return {
		topics: data.topics.map(({ id, name, description }) => ({ id, name, description })),
		rows: rows.slice((page - 1) * pageSize, page * pageSize),
		total: rows.length,
		page,
		pageSize,
		pageCount: pages,
		topicTotals
	};
}

// -- exports --

/** The stage names of the exports (German, like the interchange format). */
export const STAGE_EXPORT_LABELS: Readonly<Record<OverviewStage, string>> = {
	live: 'In Betrieb',
	building: 'In Umsetzung',
	planning: 'In Planung',
	idea: 'Idee',
	paused: 'Pausiert',
	stopped: 'Eingestellt'
};

const TYPE_EXPORT_LABELS: Readonly<Record<MunicipalityType, string>> = {
	gemeinde: 'Gemeinde',
	stadt: 'Stadt',
	grosse_kreisstadt: 'Große Kreisstadt',
	kreisfreie_stadt: 'Kreisfreie Stadt',
	landkreis: 'Landkreis',
	verband: 'Verband'
};

const FIXED_COLUMNS = [
	'AGS',
	'Kommune',
	'Art',
	'Verwaltungsverband',
	'Einwohner',
	'Mitglied'
] as const;

/** The whole filtered matrix (no paging) as CSV or XLSX; the audience's rules hold. */
export async function exportAdoptionMatrix(
	ctx: Ctx,
	filter: MatrixFilter,
	format: Exclude<InterchangeFormat, 'json'>
): Promise<ExportedFile> {
	const data = await getMatrixData(ctx);
	const rows = filteredRows(data, filter);
	const taken = new Set<string>(FIXED_COLUMNS);
	const topicColumns = data.topics.map((topic) => {
		const column = taken.has(topic.name) ? `${topic.name} (Thema)` : topic.name;
		taken.add(column);
		return column;
	});
	const liveColumn = 'Themen in Betrieb';
	const columns = [...FIXED_COLUMNS, ...topicColumns, liveColumn];
	const records = rows.map((row) => {
		const record: Record<string, OutValue> = {
			AGS: row.municipality.ags,
			Kommune: row.municipality.name,
			Art: TYPE_EXPORT_LABELS[row.municipality.type],
			Verwaltungsverband: row.municipality.associationName,
			Einwohner: row.municipality.population,
			Mitglied: row.municipality.isMember
		};
		topicColumns.forEach((column, index) => {
			const stage = row.stages[index];
			record[column] = stage === null || stage === undefined ? null : STAGE_EXPORT_LABELS[stage];
		});
		record[liveColumn] = row.live;
		return record;
	});
	const written = await writeSheet(format, columns, records, 'Matrix');
	return { ...written, filename: exportFileName('matrix', format, ctx.now()) };
}

// -- behind a cell: the topic pages --

export interface TopicPlace {
	municipality: MatrixMunicipality;
	stage: OverviewStage;
	projectCount: number;
	productCount: number;
}

export interface TopicCellDetail {
	municipality: MatrixMunicipality;
	stage: OverviewStage | null;
	projects: { id: number; title: string; status: ProjectStatus; isOwner: boolean }[];
	adoptions: { productId: number; productName: string; stage: OverviewStage }[];
}

export interface TopicOverview {
	topic: MatrixData['topics'][number];
	/** Municipalities with a stage in this topic, furthest first, then by name. */
	places: TopicPlace[];
	/** When one municipality was asked for: what is behind its cell. */
	detail: TopicCellDetail | null;
}

const STAGE_ORDER: readonly OverviewStage[] = [
	'live',
	'building',
	'planning',
	'idea',
	'paused',
	'stopped'
];

async function cellDetail(
	ctx: Ctx,
	data: MatrixData,
	municipality: MatrixMunicipalityRow,
	cell: MatrixCell | undefined
): Promise<TopicCellDetail> {
	const projectIds = cell?.projectIds ?? [];
	const productIds = cell?.productIds ?? [];
	const projects =
		projectIds.length === 0
			? []
			: await ctx.db
					.selectFrom('project')
					.select(['project.id', 'project.title', 'project.status', 'project.municipality_id'])
					.where('project.id', 'in', projectIds.slice(0, 500))
					// The cache already holds only what the audience may see; asked again all the same.
					.where(projectVisibleTo(overviewProjectScope(data.audience)))
					.orderBy('project.title_sort')
					.execute();
	const adoptions =
		productIds.length === 0
			? []
			: await ctx.db
					.selectFrom('adoption')
					.innerJoin('product', 'product.id', 'adoption.product_id')
					.select(['product.id', 'product.name', 'adoption.stage'])
					.where('adoption.municipality_id', '=', municipality.id)
					.where('adoption.product_id', 'in', productIds)
					.where('product.deleted_at', 'is', null)
					.orderBy('product.name_sort')
					.execute();
	return {
		municipality: municipalityOf(municipality),
		stage: cell?.stage ?? null,
		projects: projects.map((project) => ({
			id: project.id,
			title: project.title,
			status: project.status,
			isOwner: project.municipality_id === municipality.id
		})),
		adoptions: adoptions.map((adoption) => ({
			productId: adoption.id,
			productName: adoption.name,
			stage: STAGE_OF_ADOPTION[adoption.stage]
		}))
	};
}

/** A topic: who has reached which stage; with `ags`, what is behind that municipality's cell. */
export async function getTopicOverview(
	ctx: Ctx,
	topicId: number,
	ags?: string
): Promise<TopicOverview> {
	const data = await getMatrixData(ctx);
	const topic = data.topics.find((candidate) => candidate.id === topicId);
	if (!topic) throw notFound('topic');
	const places: TopicPlace[] = [];
	for (const municipality of data.municipalities) {
		const cell = data.cells.get(municipality.id)?.get(topicId);
		if (!cell) continue;
		places.push({
			municipality: municipalityOf(municipality),
			stage: cell.stage,
			projectCount: cell.projectIds.length,
			productCount: cell.productIds.length
		});
	}
	places.sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
	let detail: TopicCellDetail | null = null;
	if (ags !== undefined) {
		const municipality = data.municipalities.find((candidate) => candidate.ags === ags);
		if (!municipality) throw notFound('municipality');
		detail = await cellDetail(
			ctx,
			data,
			municipality,
			data.cells.get(municipality.id)?.get(topicId)
		);
	}
	return { topic, places, detail };
}
