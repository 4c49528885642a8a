import { describe, expect, it } from 'vitest';
import { syntheticRegister } from '../../../../tests/support/factories';
import { layoutMap, MAP_LAYOUT_DEFAULTS, radiusFor, type PlacedPoint } from './map-layout';

interface Place {
	name: string;
	latitude: number | null;
	longitude: number | null;
	population: number | null;
}

const place = (
	name: string,
	latitude: number | null,
	longitude: number | null,
	population: number | null = 5000
): Place => ({ name, latitude, longitude, population });

// Four towns of a district on the Upper Rhine, roughly where they are.
const KEHL = place('Kehl', 48.573, 7.815, 36000);
const OFFENBURG = place('Offenburg', 48.473, 7.944, 61000);
const LAHR = place('Lahr', 48.34, 7.869, 48000);
const ACHERN = place('Achern', 48.631, 8.077, 26000);
const TOWNS = [KEHL, OFFENBURG, LAHR, ACHERN];

function pointOf<T extends { name: string }>(points: PlacedPoint<T>[], name: string) {
	const point = points.find((p) => p.item.name === name);
	if (!point) throw new Error(`${name} not drawn`);
	return point;
}

function expectInside<T>(layout: { width: number; height: number; points: PlacedPoint<T>[] }) {
	for (const { x, y, r } of layout.points) {
		expect(x - r).toBeGreaterThanOrEqual(0);
		expect(y - r).toBeGreaterThanOrEqual(0);
		expect(x + r).toBeLessThanOrEqual(layout.width);
		expect(y + r).toBeLessThanOrEqual(layout.height);
	}
}

describe('layoutMap', () => {
	it('keeps north up and west left', () => {
		const { points } = layoutMap(TOWNS);
		const kehl = pointOf(points, 'Kehl');
		const offenburg = pointOf(points, 'Offenburg');
		const lahr = pointOf(points, 'Lahr');
		const achern = pointOf(points, 'Achern');
		// Lahr is the southernmost, Achern the northernmost; Kehl the westernmost, Achern east.
		expect(lahr.y).toBeGreaterThan(offenburg.y);
		expect(offenburg.y).toBeGreaterThan(kehl.y);
		expect(kehl.y).toBeGreaterThan(achern.y);
		expect(kehl.x).toBeLessThan(lahr.x);
		expect(lahr.x).toBeLessThan(offenburg.x);
		expect(offenburg.x).toBeLessThan(achern.x);
	});

	it('keeps distances in proportion: east–west scaled by the cosine of the mean latitude', () => {
		// A square of one degree of latitude by 1/cos(48°) degrees of longitude is a square.
		const lat = 48;
		const dLon = 1 / Math.cos((lat * Math.PI) / 180);
		const corners = [
			place('nw', lat + 0.5, 8, 1000),
			place('ne', lat + 0.5, 8 + dLon, 1000),
			place('sw', lat - 0.5, 8, 1000),
			place('se', lat - 0.5, 8 + dLon, 1000)
		];
		const { points } = layoutMap(corners);
		const nw = pointOf(points, 'nw');
		const ne = pointOf(points, 'ne');
		const sw = pointOf(points, 'sw');
		const across = ne.x - nw.x;
		const down = sw.y - nw.y;
		expect(across).toBeGreaterThan(100);
		expect(Math.abs(across - down)).toBeLessThan(0.5);
		// Ratios of distances survive the projection (Kehl–Offenburg vs. Offenburg–Lahr).
		const towns = layoutMap(TOWNS).points;
		const distance = (a: string, b: string) => {
			const p = pointOf(towns, a);
			const q = pointOf(towns, b);
			return Math.hypot(p.x - q.x, p.y - q.y);
		};
		const km = (a: Place, b: Place) => {
			const dx = (b.longitude! - a.longitude!) * Math.cos((48.5 * Math.PI) / 180);
			return Math.hypot(dx, b.latitude! - a.latitude!);
		};
		expect(distance('Kehl', 'Offenburg') / distance('Offenburg', 'Lahr')).toBeCloseTo(
			km(KEHL, OFFENBURG) / km(OFFENBURG, LAHR),
			1
		);
	});

	it('fits every circle inside the viewBox, a wide area using its whole width', () => {
		expectInside(layoutMap(TOWNS));
		const wide = [...TOWNS, place('Freudenstadt', 48.463, 8.411, 23000)];
		const layout = layoutMap(wide);
		expect(layout.width).toBe(MAP_LAYOUT_DEFAULTS.width);
		expectInside(layout);
		const xs = layout.points.map((p) => p.x);
		const ys = layout.points.map((p) => p.y);
		const pad = MAP_LAYOUT_DEFAULTS.margin + MAP_LAYOUT_DEFAULTS.maxRadius;
		expect(Math.min(...xs)).toBeCloseTo(pad, 0);
		expect(Math.max(...xs)).toBeCloseTo(layout.width - pad, 0);
		// The height follows the area's shape: the northernmost and southernmost touch the margin.
		expect(Math.min(...ys)).toBeCloseTo(pad, 0);
		expect(Math.max(...ys)).toBeCloseTo(layout.height - pad, 0);
		expect(layout.height).toBeLessThan(layout.width);
	});

	it('caps the height of a long north–south area and centres it', () => {
		const layout = layoutMap([place('north', 50, 8), place('south', 47, 8.01)]);
		expect(layout.height).toBeLessThanOrEqual(MAP_LAYOUT_DEFAULTS.maxHeight);
		expectInside(layout);
		const [a, b] = layout.points;
		expect(Math.abs((a!.x + b!.x) / 2 - layout.width / 2)).toBeLessThan(1);
	});

	it('draws a single municipality in the middle', () => {
		const layout = layoutMap([KEHL]);
		expect(layout.points).toHaveLength(1);
		expect(layout.points[0]!.x).toBe(layout.width / 2);
		expect(layout.points[0]!.y).toBe(layout.height / 2);
		expectInside(layout);
	});

	it('leaves municipalities without coordinates off the drawing, in input order', () => {
		const nowhere = place('Nirgendwo', null, 8);
		const broken = place('Kaputt', 48, Number.NaN);
		const outside = place('Jenseits', 123, 8);
		const layout = layoutMap([nowhere, KEHL, broken, LAHR, outside]);
		expect(layout.points.map((p) => p.item.name).sort()).toEqual(['Kehl', 'Lahr']);
		expect(layout.unplaced.map((p) => p.name)).toEqual(['Nirgendwo', 'Kaputt', 'Jenseits']);
		expect(layoutMap([nowhere]).points).toEqual([]);
	});

	it('draws larger municipalities first so smaller ones lie on top', () => {
		const { points } = layoutMap(TOWNS);
		expect(points.map((p) => p.item.name)).toEqual(['Offenburg', 'Lahr', 'Kehl', 'Achern']);
		for (let i = 1; i < points.length; i++) {
			expect(points[i]!.r).toBeLessThanOrEqual(points[i - 1]!.r);
		}
	});

	it('gives the same drawing for the same data in any order', () => {
		const forward = layoutMap(TOWNS);
		const backward = layoutMap([...TOWNS].reverse());
		expect(backward).toEqual(forward);
		expect(layoutMap(TOWNS)).toEqual(forward);
	});

	it('lays out a state of 1,100 municipalities inside the viewBox', () => {
		const register = syntheticRegister(1100, 7);
		const layout = layoutMap(register);
		expect(layout.points).toHaveLength(1100);
		expect(layout.unplaced).toEqual([]);
		expectInside(layout);
		const largest = Math.max(...register.map((entry) => entry.population ?? 0));
		const biggest = layout.points[0]!;
		expect(biggest.item.population).toBe(largest);
		expect(biggest.r).toBe(MAP_LAYOUT_DEFAULTS.maxRadius);
	});
});

describe('radiusFor', () => {
	it('grows with the population, the area in proportion', () => {
		const big = radiusFor(400_000, 400_000, 0, 20);
		const quarter = radiusFor(100_000, 400_000, 0, 20);
		expect(big).toBe(20);
		expect(quarter).toBeCloseTo(10);
		expect(radiusFor(20_000, 400_000)).toBeGreaterThan(radiusFor(10_000, 400_000));
	});

	it('keeps small and unknown populations at the minimum, large ones at the maximum', () => {
		expect(radiusFor(50, 400_000, 3, 20)).toBe(3);
		expect(radiusFor(null, 400_000, 3, 20)).toBe(3);
		expect(radiusFor(0, 400_000, 3, 20)).toBe(3);
		expect(radiusFor(900_000, 400_000, 3, 20)).toBe(20);
		expect(radiusFor(1000, 0, 3, 20)).toBe(3);
	});
});
