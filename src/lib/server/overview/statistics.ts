/**
 * The network's statistics: every series of the statistics page and the annual-report export,
 * by calendar year from the first year with data to the current one. Computed once per content
 * version, audience and current year (the cache of decision 0012/0022), so a visit costs one
 * lookup; the cold computation is a handful of grouped queries (statistics.repository.ts).
 *
 * Rules, stated once (the page repeats them in one sentence each):
 * - Projects count as the audience may see them (`projectVisibleTo`); drafts and deleted projects
 *   never count.
 * - A past year shows the state at its end, reconstructed from the dated status changes: the
 *   last change on or before 31 December. The current year shows today's state (the project's
 *   current status), so the current year's figures are the key figures. A project without any
 *   dated change counts with its current status from the year it was entered.
 * - Staff hours saved in a year: the reported hours of the projects in operation (`betrieb`) at
 *   the end of that year (today for the current year). Hours are reported as a current figure
 *   per project; the history only decides whether a project was running.
 * - Members: today's member municipalities by the year they joined (`member_since`; without a
 *   date, the current year). Former members are not recorded and are not counted.
 * - Reuse requests: by the year asked (UTC), with their current status; those about a visible
 *   project and those about a product of the register.
 * - Most adopted products: municipalities using a product at stage pilot or live.
 */
import type { Ctx } from '../context';
import {
	PROJECT_STATUSES,
	REUSE_REQUEST_STATUSES,
	type ProjectStatus,
	type ReuseRequestStatus
} from '../db/schema';
import { overviewAudienceOf, overviewProjectScope, type OverviewAudience } from './audience';
import { perContentVersion } from './cache';
import { getNetworkFigures, type NetworkFigures } from './figures';
import {
	countCurrentProjects,
	countMembersByYear,
	countReuseRequestsByYear,
	countStatusSpans,
	countUndatedProjects,
	listMostAdoptedProducts,
	listTopicFields,
	type StatusSpanRow,
	type UndatedStatusRow
} from './statistics.repository';

export const TOP_PRODUCTS_LIMIT = 10;

export interface TopicFieldCount {
	/** Null: projects without a topic field. */
	key: string | null;
	name: string | null;
	projects: number;
}

export interface AdoptedProduct {
	id: number;
	name: string;
	/** Municipalities using it at stage pilot or live. */
	municipalities: number;
}

export interface NetworkStatistics {
	audience: OverviewAudience;
	/** The day the figures were computed (`YYYY-MM-DD`, UTC): the date of the data. */
	asOf: string;
	/** Calendar years, oldest first; the last is the current year. */
	years: number[];
	figures: NetworkFigures;
	/** Per status, the number of projects at the end of each year (current year: today). */
	projectsByStatus: Record<ProjectStatus, number[]>;
	/** Projects as they are now, by topic field in the fixed order; empty fields left out. */
	projectsByTopicField: TopicFieldCount[];
	/** Member municipalities at the end of each year, and how many joined in it. */
	members: { total: number[]; joined: number[] };
	/** Reuse requests asked in each year, by their status now. */
	reuseRequests: Record<ReuseRequestStatus, number[]>;
	/** Reported staff hours saved per year by the projects in operation at the end of each year. */
	hoursSaved: number[];
	/** Up to TOP_PRODUCTS_LIMIT products, most municipalities first, ties by name. */
	topProducts: AdoptedProduct[];
}

/** The years from `first` (or the current year, if later or unknown) to `current`. */
export function yearRange(first: number | undefined, current: number): number[] {
	const start = first === undefined || first > current ? current : first;
	return Array.from({ length: current - start + 1 }, (_, index) => start + index);
}

function zeros(length: number): number[] {
	return Array.from({ length }, () => 0);
}

function perKey<K extends string>(keys: readonly K[], length: number): Record<K, number[]> {
	return Object.fromEntries(keys.map((key) => [key, zeros(length)])) as Record<K, number[]>;
}

/**
 * The status of each project at the end of each past year, from its spans: a span "status from
 * year a until year b" holds at the end of a … b-1 (in year b a later change replaced it; with no
 * later change, up to the last past year). Undated projects hold their status from the year they
 * were entered. Returns per status the projects and their reported hours, for `years` without
 * the current one (its entries stay 0: today's state fills them).
 */
export function statusAtYearEnds(
	spans: readonly StatusSpanRow[],
	undated: readonly UndatedStatusRow[],
	years: readonly number[]
): { projects: Record<ProjectStatus, number[]>; hours: Record<ProjectStatus, number[]> } {
	const projects = perKey(PROJECT_STATUSES, years.length);
	const hours = perKey(PROJECT_STATUSES, years.length);
	const first = years[0];
	const lastPast = (years.at(-1) ?? 0) - 1;
	if (first === undefined) return { projects, hours };
	const add = (status: ProjectStatus, from: number, until: number, n: number, h: number) => {
		for (let year = Math.max(from, first); year <= Math.min(until, lastPast); year++) {
			const index = year - first;
			projects[status][index] = (projects[status][index] ?? 0) + n;
			hours[status][index] = (hours[status][index] ?? 0) + h;
		}
	};
	for (const span of spans) {
		add(span.status, span.fromYear, (span.untilYear ?? Infinity) - 1, span.projects, span.hours);
	}
	for (const row of undated) add(row.status, row.year, Infinity, row.projects, row.hours);
	return { projects, hours };
}

async function computeStatistics(
	ctx: Ctx,
	audience: OverviewAudience,
	currentYear: number
): Promise<NetworkStatistics> {
	const scope = overviewProjectScope(audience);
	const [figures, spans, undated, current, topicFields, members, reuse, topProducts] =
		await Promise.all([
			getNetworkFigures(ctx),
			countStatusSpans(ctx.db, scope),
			countUndatedProjects(ctx.db, scope),
			countCurrentProjects(ctx.db, scope),
			listTopicFields(ctx.db),
			countMembersByYear(ctx.db),
			countReuseRequestsByYear(ctx.db, scope),
			listMostAdoptedProducts(ctx.db, TOP_PRODUCTS_LIMIT)
		]);

	const firstYears = [
		...spans.map((span) => span.fromYear),
		...undated.map((row) => row.year),
		...members.flatMap((row) => (row.year === null ? [] : [row.year])),
		...reuse.map((row) => row.year)
	];
	const years = yearRange(firstYears.length ? Math.min(...firstYears) : undefined, currentYear);
	const first = years[0] ?? currentYear;
	const now = years.length - 1;

	const past = statusAtYearEnds(spans, undated, years);
	const projectsByStatus = past.projects;
	const hoursSaved = [...past.hours.betrieb];
	hoursSaved[now] = 0;
	const byTopic = new Map<string | null, number>();
	for (const row of current) {
		projectsByStatus[row.status][now] = (projectsByStatus[row.status][now] ?? 0) + row.projects;
		if (row.status === 'betrieb') hoursSaved[now] = (hoursSaved[now] ?? 0) + row.hours;
		byTopic.set(row.topicFieldKey, (byTopic.get(row.topicFieldKey) ?? 0) + row.projects);
	}
	const known = new Set(topicFields.map((field) => field.key));
	const projectsByTopicField: TopicFieldCount[] = [
		...topicFields.map((field) => ({
			key: field.key,
			name: field.name,
			projects: byTopic.get(field.key) ?? 0
		})),
		{
			key: null,
			name: null,
			// A key outside the list cannot be stored (foreign key); counted as "none" all the same.
			projects: [...byTopic].reduce(
				(sum, [key, n]) => (key === null || !known.has(key) ? sum + n : sum),
				0
			)
		}
	].filter((field) => field.projects > 0);

	const joined = zeros(years.length);
	for (const row of members) {
		const year = row.year === null ? currentYear : row.year;
		// Joined before the first year of the range cannot be: the range starts at the earliest.
		const index = Math.min(Math.max(year, first), currentYear) - first;
		joined[index] = (joined[index] ?? 0) + row.members;
	}
	let running = 0;
	const total = joined.map((n) => (running += n));

	const reuseRequests = perKey(REUSE_REQUEST_STATUSES, years.length);
	for (const row of reuse) {
		const index = Math.min(Math.max(row.year, first), currentYear) - first;
		reuseRequests[row.status][index] = (reuseRequests[row.status][index] ?? 0) + row.requests;
	}

	return {
		audience,
		asOf: ctx.now().toISOString().slice(0, 10),
		years,
		figures,
		projectsByStatus,
		projectsByTopicField,
		members: { total, joined },
		reuseRequests,
		hoursSaved,
		topProducts
	};
}

/**
 * All series of the statistics for the actor's audience (public visitors: public projects only;
 * signed-in members: every published project). The key figures are `getNetworkFigures`' own.
 */
export async function getNetworkStatistics(ctx: Ctx): Promise<NetworkStatistics> {
	const audience = overviewAudienceOf(ctx.actor);
	const currentYear = ctx.now().getUTCFullYear();
	// The current year is part of the key: on 1 January the series gain a year without a write.
	return perContentVersion(ctx, audience, `statistics|${currentYear}`, () =>
		computeStatistics(ctx, audience, currentYear)
	);
}
