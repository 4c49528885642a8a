/**
 * Axis ticks at "nice" values (1, 2 or 5 times a power of ten) from 0 to at least the largest
 * value, for charts of counts: steps are whole numbers, and the top tick is never below the data.
 */
export interface Ticks {
	/** From 0 upwards, evenly spaced; the last is the axis maximum. */
	values: number[];
	step: number;
	max: number;
}

/** The nice step for a range of `span` cut into about `count` parts. */
export function niceStep(span: number, count: number): number {
	const raw = span / Math.max(1, count);
	const power = 10 ** Math.floor(Math.log10(raw));
	const fraction = raw / power;
	const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
	return Math.max(1, nice * power);
}

/** About `count` (default 4) ticks from 0 to a nice value at or above `max`. */
export function niceTicks(max: number, count = 4): Ticks {
	if (!Number.isFinite(max) || max <= 0) return { values: [0, 1], step: 1, max: 1 };
	const step = niceStep(max, count);
	const top = Math.ceil(max / step) * step;
	const values: number[] = [];
	// Multiplying, not adding, keeps steps like 0.1 exact enough; steps are whole numbers anyway.
	for (let i = 0; i * step <= top; i++) values.push(i * step);
	return { values, step, max: top };
}
