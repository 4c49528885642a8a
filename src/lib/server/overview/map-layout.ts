/**
 * Where the map draws each municipality: a pure function of the municipalities' reference
 * points and populations, so the picture is the same for everyone and can be tested without a
 * browser. Works for any network, from one municipality to a state's 1,100.
 *
 * Projection: equirectangular, with longitudes scaled by the cosine of the mean latitude so that
 * a kilometre east is as long as a kilometre north in the middle of the area (at 48° N an
 * unscaled degree of longitude would be drawn 1.5 times too wide). North is up. For an area the
 * size of a district or a state the distortion is far below what a reader can see.
 */

export interface MapPlace {
	latitude: number | null;
	longitude: number | null;
	population: number | null;
}

export interface MapLayoutOptions {
	/** Width of the viewBox; the height follows from the area's shape. */
	width?: number;
	/** Free space around the drawing, on top of the largest circle's radius. */
	margin?: number;
	minRadius?: number;
	maxRadius?: number;
	/** Upper bound of the height, so a long north–south area stays on a screen. */
	maxHeight?: number;
}

export interface PlacedPoint<T> {
	item: T;
	x: number;
	y: number;
	r: number;
}

export interface MapLayout<T> {
	width: number;
	height: number;
	/** Largest circle first, so smaller ones are drawn on top and stay reachable by pointer. */
	points: PlacedPoint<T>[];
	/** Items without usable coordinates, in their input order (the table still lists them). */
	unplaced: T[];
}

export const MAP_LAYOUT_DEFAULTS = {
	width: 800,
	margin: 8,
	minRadius: 3,
	maxRadius: 20,
	maxHeight: 1000
} as const satisfies Required<MapLayoutOptions>;

function hasLocation<T extends MapPlace>(
	place: T
): place is T & { latitude: number; longitude: number } {
	const { latitude, longitude } = place;
	return (
		latitude !== null &&
		longitude !== null &&
		Number.isFinite(latitude) &&
		Number.isFinite(longitude) &&
		Math.abs(latitude) <= 90 &&
		Math.abs(longitude) <= 180
	);
}

/** One decimal is a tenth of a viewBox unit: finer than any screen shows, and short markup. */
function round(value: number): number {
	return Math.round(value * 10) / 10;
}

/**
 * Circle radius for a population: the circle's area grows with the population (radius with its
 * square root), between `minRadius` (also for an unknown population) and `maxRadius` for the
 * largest municipality.
 */
export function radiusFor(
	population: number | null,
	largestPopulation: number,
	minRadius: number = MAP_LAYOUT_DEFAULTS.minRadius,
	maxRadius: number = MAP_LAYOUT_DEFAULTS.maxRadius
): number {
	if (population === null || !(population > 0) || !(largestPopulation > 0)) return minRadius;
	const radius = maxRadius * Math.sqrt(Math.min(population, largestPopulation) / largestPopulation);
	return Math.max(minRadius, radius);
}

/** Lays out `items` in a viewBox `0 0 width height`; see the module comment. */
export function layoutMap<T extends MapPlace>(
	items: readonly T[],
	options: MapLayoutOptions = {}
): MapLayout<T> {
	const { width, margin, minRadius, maxRadius, maxHeight } = {
		...MAP_LAYOUT_DEFAULTS,
		...options
	};
	const placed = items.filter((item) => hasLocation(item));
	const unplaced = items.filter((item) => !hasLocation(item));
	if (placed.length === 0) return { width, height: Math.round(width / 2), points: [], unplaced };

	const meanLatitude = placed.reduce((sum, item) => sum + item.latitude, 0) / placed.length;
	const xScale = Math.cos((meanLatitude * Math.PI) / 180);
	const projected = placed.map((item) => ({
		item,
		px: item.longitude * xScale,
		py: -item.latitude
	}));
	const minX = Math.min(...projected.map((p) => p.px));
	const maxX = Math.max(...projected.map((p) => p.px));
	const minY = Math.min(...projected.map((p) => p.py));
	const maxY = Math.max(...projected.map((p) => p.py));
	const spanX = maxX - minX;
	const spanY = maxY - minY;

	// Every circle must fit whole: keep the largest radius free on all sides.
	const pad = margin + maxRadius;
	const innerWidth = Math.max(1, width - 2 * pad);
	const innerMaxHeight = Math.max(1, maxHeight - 2 * pad);
	let scale: number;
	if (spanX === 0 && spanY === 0) scale = 0;
	else if (spanY === 0) scale = innerWidth / spanX;
	else if (spanX === 0) scale = innerMaxHeight / spanY;
	else scale = Math.min(innerWidth / spanX, innerMaxHeight / spanY);

	const drawnHeight = spanY * scale;
	const height = Math.round(
		spanX === 0 && spanY === 0 ? Math.max(2 * pad, width / 2) : drawnHeight + 2 * pad
	);
	// Centre the drawing where it is narrower than the viewBox (or a single point).
	const offsetX = (width - spanX * scale) / 2;
	const offsetY = (height - drawnHeight) / 2;

	const largest = Math.max(0, ...placed.map((item) => item.population ?? 0));
	const points = projected.map(({ item, px, py }) => ({
		item,
		x: round(offsetX + (px - minX) * scale),
		y: round(offsetY + (py - minY) * scale),
		r: round(radiusFor(item.population, largest, minRadius, maxRadius))
	}));
	// Larger first; among equals west to east, then north to south, so the order is the same for
	// the same data whatever order it came in.
	points.sort((a, b) => b.r - a.r || a.x - b.x || a.y - b.y);
	return { width, height, points, unplaced };
}
