/**
 * The adoption matrix: for each municipality and topic the furthest stage reached, from the
 * projects that match the topic (owned or joined as partner) and the adoptions of its products.
 * Computed once per content version and audience (cache.ts); the map and the topic pages read
 * the same data, so a stage is the same wherever it is shown.
 */
import type { Ctx } from '../context';
import { findProjectsMatchingPhrase } from '../search';
import { overviewAudienceOf, overviewProjectScope, type OverviewAudience } from './audience';
import { perContentVersion } from './cache';
import {
	findMatrixMunicipalities,
	findTopicAdoptions,
	findTopicProductMatches,
	findTopicTagMatches,
	findVisiblePartners,
	findVisibleProjectStages,
	type MatrixMunicipalityRow
} from './matrix.repository';
import {
	furtherStage,
	STAGE_OF_ADOPTION,
	STAGE_OF_PROJECT_STATUS,
	STAGE_RANK,
	type OverviewStage
} from './stage';
import { listTopics, type Topic } from './topic.service';

/** What one cell of the matrix stands for. */
export interface MatrixCell {
	stage: OverviewStage;
	/** Projects behind the cell (owned or as partner), ids. */
	projectIds: number[];
	/** Products of the topic the municipality has adopted, ids. */
	productIds: number[];
}

export interface MatrixData {
	version: number;
	audience: OverviewAudience;
	topics: Topic[];
	municipalities: MatrixMunicipalityRow[];
	/** municipality id → topic id → cell (only cells with something in them). */
	cells: Map<number, Map<number, MatrixCell>>;
}

function cellOf(
	data: Map<number, Map<number, MatrixCell>>,
	municipalityId: number,
	topicId: number,
	stage: OverviewStage
) {
	let row = data.get(municipalityId);
	if (!row) data.set(municipalityId, (row = new Map<number, MatrixCell>()));
	let cell = row.get(topicId);
	if (!cell) row.set(topicId, (cell = { stage, projectIds: [], productIds: [] }));
	else cell.stage = furtherStage(cell.stage, stage) ?? stage;
	return cell;
}

/**
 * Topic id → the projects (any visibility) that match it by tag, product or phrase. The same for
 * every audience, so computed once per content version: the phrase matching is the costly part.
 */
function topicMatches(ctx: Ctx): Promise<Map<number, Set<number>>> {
	return perContentVersion(ctx, 'any', 'topic-matches', async () => {
		const db = ctx.db;
		const [topics, tagMatches, productMatches] = await Promise.all([
			listTopics(ctx),
			findTopicTagMatches(db),
			findTopicProductMatches(db)
		]);
		const matches = new Map<number, Set<number>>(topics.map((topic) => [topic.id, new Set()]));
		for (const row of [...tagMatches, ...productMatches]) {
			matches.get(row.topic_id)?.add(row.project_id);
		}
		for (const topic of topics) {
			const set = matches.get(topic.id);
			if (!set) continue;
			for (const phrase of topic.phrases) {
				for (const id of await findProjectsMatchingPhrase(db, phrase)) set.add(id);
			}
		}
		return matches;
	});
}

async function computeMatrix(
	ctx: Ctx,
	audience: OverviewAudience,
	version: number
): Promise<MatrixData> {
	const scope = overviewProjectScope(audience);
	const db = ctx.db;
	const [topics, municipalities, projects, partners, matches, adoptions] = await Promise.all([
		listTopics(ctx),
		findMatrixMunicipalities(db),
		findVisibleProjectStages(db, scope),
		findVisiblePartners(db, scope),
		topicMatches(ctx),
		findTopicAdoptions(db)
	]);

	const visible = new Map(projects.map((project) => [project.id, project]));
	const partnersOf = new Map<number, number[]>();
	for (const partner of partners) {
		const list = partnersOf.get(partner.project_id);
		if (list) list.push(partner.municipality_id);
		else partnersOf.set(partner.project_id, [partner.municipality_id]);
	}

	const cells = new Map<number, Map<number, MatrixCell>>();
	for (const topic of topics) {
		// Ascending ids: the project lists behind a cell come in a stable order.
		const ids = [...(matches.get(topic.id) ?? [])].sort((a, b) => a - b);
		for (const id of ids) {
			const project = visible.get(id);
			if (!project) continue;
			const stage = STAGE_OF_PROJECT_STATUS[project.status];
			const places = new Set([project.municipality_id, ...(partnersOf.get(id) ?? [])]);
			for (const municipalityId of places) {
				cellOf(cells, municipalityId, topic.id, stage).projectIds.push(id);
			}
		}
	}
	for (const adoption of adoptions) {
		const cell = cellOf(
			cells,
			adoption.municipality_id,
			adoption.topic_id,
			STAGE_OF_ADOPTION[adoption.stage]
		);
		if (!cell.productIds.includes(adoption.product_id)) cell.productIds.push(adoption.product_id);
	}
	return { version, audience, topics, municipalities, cells };
}

/** The matrix data for the actor's audience (computed at most once per content version). */
export function getMatrixData(ctx: Ctx): Promise<MatrixData> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, 'matrix', (version) =>
		computeMatrix(ctx, audience, version)
	);
}

/** The topics, for choosing one (map, filters). */
export async function listOverviewTopics(ctx: Ctx): Promise<{ id: number; name: string }[]> {
	const data = await getMatrixData(ctx);
	return data.topics.map((topic) => ({ id: topic.id, name: topic.name }));
}

/** Per municipality id the furthest stage reached in a topic (none: not in the map). */
export async function getTopicStages(
	ctx: Ctx,
	topicId: number
): Promise<Map<number, OverviewStage>> {
	const data = await getMatrixData(ctx);
	const stages = new Map<number, OverviewStage>();
	for (const [municipalityId, row] of data.cells) {
		const cell = row.get(topicId);
		if (cell) stages.set(municipalityId, cell.stage);
	}
	return stages;
}

/** How many topics a municipality runs (live), then how many it works on at all. */
export function coverageOf(row: ReadonlyMap<number, MatrixCell> | undefined): {
	live: number;
	active: number;
} {
	let live = 0;
	let active = 0;
	for (const cell of row?.values() ?? []) {
		if (cell.stage === 'live') live += 1;
		if (STAGE_RANK[cell.stage] >= STAGE_RANK.idea) active += 1;
	}
	return { live, active };
}
