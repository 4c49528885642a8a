/**
 * The statistics as people read them: for each chart its words (title, summary, rule), axis and
 * table labels and series with their colours, and the same tables as workbook sheets. The page
 * and the Excel export both draw from here, so a number and its label never differ between them.
 */
import type { NetworkStatistics } from '$lib/server/overview';
import { formatDate, formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { statusLabel, type ProjectStatusCode } from '$lib/components/projects/labels';
import { reuseStatusLabel, type ReuseStatus } from '$lib/components/reuse/reuse-text';
import {
	PLAIN_STYLE,
	STAGE_STYLES,
	totals,
	type ChartSeries,
	type StageStyleKey
} from '$lib/components/charts/chart';

/** Bottom of the stack first: what runs, then what is on its way, then what rests. */
const STATUS_ORDER: readonly [ProjectStatusCode, StageStyleKey][] = [
	['betrieb', 'live'],
	['umsetzung', 'building'],
	['planung', 'planning'],
	['idee', 'idea'],
	['pausiert', 'paused'],
	['eingestellt', 'stopped']
];

const REUSE_ORDER: readonly [ReuseStatus, StageStyleKey][] = [
	['adopted', 'live'],
	['in_discussion', 'building'],
	['open', 'idea'],
	['withdrawn', 'paused'],
	['declined', 'stopped']
];

export type ChartKind = 'bars' | 'line' | 'ranking';

export interface StatisticsChart {
	/** Page-wide id of the figure (also the section's anchor). */
	id: string;
	kind: ChartKind;
	heading: string;
	title: string;
	summary: string;
	/** One sentence: what is counted how. */
	rule: string | null;
	sheet: string;
	categoryHeader: string;
	/** Along the axis. */
	categories: string[];
	/** Row headings of the table (and the sheet). */
	tableCategories: string[];
	series: ChartSeries[];
	/** Columns only the table shows. */
	tableOnly: { key: string; label: string; values: number[] }[];
	/** Label of the sum column (several series only). */
	totalLabel?: string;
}

/**
 * "3 mehr als Ende 2025" / "2 weniger …" / "genauso viele …": today's value against last year's
 * end; null without a previous year.
 */
export function changeText(values: readonly number[], years: readonly number[]): string | null {
	if (values.length < 2 || years.length < 2) return null;
	const now = values.at(-1) ?? 0;
	const before = values.at(-2) ?? 0;
	const year = String(years.at(-2));
	const count = Math.abs(now - before);
	if (now > before) return m.stats_change_more({ count, year });
	if (now < before) return m.stats_change_fewer({ count, year });
	return m.stats_change_same({ year });
}

function stateCategories(years: readonly number[]) {
	return {
		categories: years.map((year, i) =>
			i === years.length - 1 ? m.stats_axis_today() : String(year)
		),
		tableCategories: years.map((year, i) =>
			i === years.length - 1
				? m.stats_year_today({ year: String(year) })
				: m.stats_year_end({ year: String(year) })
		)
	};
}

export function projectsSummary(stats: NetworkStatistics, locale: string): string {
	const now = stats.years.length - 1;
	const total = Object.values(stats.projectsByStatus).reduce((sum, v) => sum + (v[now] ?? 0), 0);
	if (!total) return m.stats_projects_none();
	const live = formatNumber(locale, stats.projectsByStatus.betrieb[now] ?? 0);
	const change = changeText(stats.projectsByStatus.betrieb, stats.years);
	const params = { live, total: formatNumber(locale, total) };
	return change
		? m.stats_projects_summary_change({ ...params, change })
		: m.stats_projects_summary(params);
}

export function topicsSummary(stats: NetworkStatistics, locale: string): string {
	const total = stats.projectsByTopicField.reduce((sum, field) => sum + field.projects, 0);
	const top = [...stats.projectsByTopicField]
		.filter((field) => field.key !== null)
		.sort((a, b) => b.projects - a.projects)[0];
	if (!top || total === 0) return m.stats_projects_none();
	return m.stats_topics_summary({
		name: top.name ?? '',
		count: formatNumber(locale, top.projects),
		total: formatNumber(locale, total)
	});
}

export function membersSummary(stats: NetworkStatistics, locale: string): string {
	const total = formatNumber(locale, stats.members.total.at(-1) ?? 0);
	const change = changeText(stats.members.total, stats.years);
	return change
		? m.stats_members_summary_change({ total, change })
		: m.stats_members_summary({ total });
}

export function reuseSummary(stats: NetworkStatistics, locale: string): string {
	const perYear = Object.values(stats.reuseRequests);
	const total = perYear.reduce((sum, values) => sum + values.reduce((a, b) => a + b, 0), 0);
	if (total === 0) return m.stats_reuse_none();
	const firstIndex = stats.years.findIndex((_, i) =>
		perYear.some((values) => (values[i] ?? 0) > 0)
	);
	return m.stats_reuse_summary({
		year: String(stats.years[firstIndex] ?? stats.years[0]),
		total: formatNumber(locale, total),
		adopted: formatNumber(
			locale,
			stats.reuseRequests.adopted.reduce((a, b) => a + b, 0)
		)
	});
}

export function hoursSummary(stats: NetworkStatistics, locale: string): string {
	const hours = formatNumber(locale, stats.hoursSaved.at(-1) ?? 0);
	const change = changeText(stats.hoursSaved, stats.years);
	return change
		? m.stats_hours_summary_change({ hours, change })
		: m.stats_hours_summary({ hours });
}

export function productsSummary(stats: NetworkStatistics, locale: string): string {
	const top = stats.topProducts[0];
	if (!top) return m.stats_products_none();
	return m.stats_products_summary({
		name: top.name,
		count: formatNumber(locale, top.municipalities)
	});
}

/** Every chart of the statistics page, in page order. */
export function statisticsCharts(stats: NetworkStatistics, locale: string): StatisticsChart[] {
	const years = stats.years;
	const state = stateCategories(years);
	const plain = (key: string, label: string, values: readonly number[]): ChartSeries => ({
		key,
		label,
		values,
		...PLAIN_STYLE
	});
	return [
		{
			id: 'statistik-projekte',
			kind: 'bars',
			heading: m.stats_projects_heading(),
			title: m.stats_projects_title(),
			summary: projectsSummary(stats, locale),
			rule: m.stats_projects_rule(),
			sheet: m.stats_sheet_projects(),
			categoryHeader: m.stats_col_year(),
			...state,
			series: STATUS_ORDER.map(([status, stage]) => ({
				key: status,
				label: statusLabel[status](),
				values: stats.projectsByStatus[status],
				...STAGE_STYLES[stage]
			})),
			tableOnly: [],
			totalLabel: m.stats_col_total()
		},
		{
			id: 'statistik-themenfelder',
			kind: 'ranking',
			heading: m.stats_topics_heading(),
			title: m.stats_topics_title(),
			summary: topicsSummary(stats, locale),
			rule: null,
			sheet: m.stats_sheet_topics(),
			categoryHeader: m.stats_col_topic_field(),
			categories: stats.projectsByTopicField.map((f) => f.name ?? m.stats_topics_none_field()),
			tableCategories: stats.projectsByTopicField.map((f) => f.name ?? m.stats_topics_none_field()),
			series: [
				plain(
					'projects',
					m.stats_figure_projects(),
					stats.projectsByTopicField.map((f) => f.projects)
				)
			],
			tableOnly: []
		},
		{
			id: 'statistik-mitglieder',
			kind: 'line',
			heading: m.stats_members_heading(),
			title: m.stats_members_title(),
			summary: membersSummary(stats, locale),
			rule: m.stats_members_rule(),
			sheet: m.stats_sheet_members(),
			categoryHeader: m.stats_col_year(),
			...state,
			series: [plain('members', m.stats_members_series(), stats.members.total)],
			tableOnly: [{ key: 'joined', label: m.stats_members_joined(), values: stats.members.joined }]
		},
		{
			id: 'statistik-nachnutzung',
			kind: 'bars',
			heading: m.stats_reuse_heading(),
			title: m.stats_reuse_title(),
			summary: reuseSummary(stats, locale),
			rule: m.stats_reuse_rule(),
			sheet: m.stats_sheet_reuse(),
			categoryHeader: m.stats_col_year(),
			categories: years.map(String),
			tableCategories: years.map((year, i) =>
				i === years.length - 1 ? m.stats_year_so_far({ year: String(year) }) : String(year)
			),
			series: REUSE_ORDER.map(([status, stage]) => ({
				key: status,
				label: reuseStatusLabel(status),
				values: stats.reuseRequests[status],
				...STAGE_STYLES[stage]
			})),
			tableOnly: [],
			totalLabel: m.stats_col_total()
		},
		{
			id: 'statistik-arbeitszeit',
			kind: 'bars',
			heading: m.stats_hours_heading(),
			title: m.stats_hours_title(),
			summary: hoursSummary(stats, locale),
			rule: m.stats_hours_rule(),
			sheet: m.stats_sheet_hours(),
			categoryHeader: m.stats_col_year(),
			...state,
			series: [plain('hours', m.stats_hours_series(), stats.hoursSaved)],
			tableOnly: []
		},
		{
			id: 'statistik-loesungen',
			kind: 'ranking',
			heading: m.stats_products_heading(),
			title: m.stats_products_title(),
			summary: productsSummary(stats, locale),
			rule: m.stats_products_rule(),
			sheet: m.stats_sheet_products(),
			categoryHeader: m.stats_col_product(),
			categories: stats.topProducts.map((p) => p.name),
			tableCategories: stats.topProducts.map((p) => p.name),
			series: [
				plain(
					'municipalities',
					m.stats_products_series(),
					stats.topProducts.map((p) => p.municipalities)
				)
			],
			tableOnly: []
		}
	];
}

/** The key figures in page order, with their labels. */
export function keyFigures(stats: NetworkStatistics): { label: string; value: number }[] {
	const f = stats.figures;
	return [
		{ label: m.stats_figure_members(), value: f.members },
		{ label: m.stats_figure_population(), value: f.memberPopulation },
		{ label: m.stats_figure_projects(), value: f.projects },
		{ label: m.stats_figure_live(), value: f.liveProjects },
		{ label: m.stats_figure_reuse(), value: f.reuseAdopted },
		{ label: m.stats_figure_hours(), value: f.hoursSavedPerYear },
		{ label: m.stats_figure_products(), value: f.products },
		{ label: m.stats_figure_municipalities(), value: f.municipalities }
	];
}

export function audienceText(stats: NetworkStatistics): string {
	return stats.audience === 'public' ? m.stats_audience_public() : m.stats_audience_network();
}

/** A chart's table as rows of cells: header first, numbers as numbers. */
export function chartRows(chart: StatisticsChart): (string | number)[][] {
	const sums = totals(chart.series, chart.tableCategories.length);
	const withTotal = chart.totalLabel !== undefined && chart.series.length > 1;
	return [
		[
			chart.categoryHeader,
			...chart.series.map((s) => s.label),
			...chart.tableOnly.map((s) => s.label),
			...(withTotal ? [chart.totalLabel ?? ''] : [])
		],
		...chart.tableCategories.map((category, i) => [
			category,
			...chart.series.map((s) => s.values[i] ?? 0),
			...chart.tableOnly.map((s) => s.values[i] ?? 0),
			...(withTotal ? [sums[i] ?? 0] : [])
		])
	];
}

/** The workbook for the annual report: data date and scope, key figures, one sheet per chart. */
export function statisticsSheets(
	stats: NetworkStatistics,
	locale: string,
	networkName: string
): { name: string; rows: (string | number)[][] }[] {
	const charts = statisticsCharts(stats, locale);
	const audience =
		stats.audience === 'public'
			? m.stats_audience_public_short()
			: m.stats_audience_network_short();
	return [
		{
			name: m.stats_sheet_about(),
			rows: [
				[m.stats_col_figure(), m.stats_col_value()],
				[m.stats_about_network(), networkName],
				[m.stats_about_date(), formatDate(locale, stats.asOf)],
				[m.stats_about_audience(), audience],
				...charts.flatMap((chart) => (chart.rule ? [[chart.heading, chart.rule]] : []))
			]
		},
		{
			name: m.stats_sheet_figures(),
			rows: [
				[m.stats_col_figure(), m.stats_col_value()],
				...keyFigures(stats).map((figure) => [figure.label, figure.value])
			]
		},
		...charts.map((chart) => ({ name: chart.sheet, rows: chartRows(chart) }))
	];
}
