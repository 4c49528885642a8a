/**
 * What the chart components draw: categories (usually years) along one axis and one or more
 * series of whole numbers. Each series has a colour and a pattern, so no series is told apart by
 * colour alone, and every colour keeps at least 4.5:1 against white (also for the text labels).
 */
export const PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'vertical', 'cross'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface ChartSeries {
	key: string;
	label: string;
	values: readonly number[];
	colour: string;
	pattern: Pattern;
}

/** The stage scale of the overview (matrix, map, statistics): one colour and pattern per stage. */
export const STAGE_STYLES = {
	live: { colour: '#146c2e', pattern: 'solid' },
	building: { colour: '#0b4f6c', pattern: 'diagonal' },
	planning: { colour: '#6a3fa0', pattern: 'dots' },
	idea: { colour: '#845000', pattern: 'horizontal' },
	paused: { colour: '#4f5964', pattern: 'vertical' },
	stopped: { colour: '#a4262c', pattern: 'cross' }
} as const satisfies Record<string, { colour: string; pattern: Pattern }>;
export type StageStyleKey = keyof typeof STAGE_STYLES;

/** A single series that is not a stage. */
export const PLAIN_STYLE = { colour: '#0b4f6c', pattern: 'solid' } as const;
/** A second line or bar beside PLAIN_STYLE. */
export const SECOND_STYLE = { colour: '#845000', pattern: 'diagonal' } as const;

/** The id of a pattern within a chart (ids are page-wide, so the chart's id comes first). */
export function patternId(chartId: string, key: string): string {
	return `${chartId}-pattern-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The fill of a series: its pattern, or the plain colour. */
export function seriesFill(
	chartId: string,
	series: Pick<ChartSeries, 'key' | 'pattern' | 'colour'>
): string {
	return series.pattern === 'solid' ? series.colour : `url(#${patternId(chartId, series.key)})`;
}

/** Per category, the sum over all series. */
export function totals(series: readonly ChartSeries[], categories: number): number[] {
	return Array.from({ length: categories }, (_, index) =>
		series.reduce((sum, s) => sum + (s.values[index] ?? 0), 0)
	);
}

/** Every `n`-th category label, so labels do not overlap (`width` per category, in px). */
export function labelEvery(categories: number, width: number, labelWidth = 40): number {
	if (categories === 0 || width >= labelWidth) return 1;
	return Math.ceil(labelWidth / Math.max(1, width));
}
