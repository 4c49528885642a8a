/**
 * Test data. Every factory takes overrides; generated data is deterministic for a given seed so
 * that failures reproduce.
 */
import type { MunicipalityType } from '../../src/lib/server/db/schema';
import type { DemoContent, RegisterEntry, RegisterSource } from '../../src/lib/server/seed';

let sequence = 0;

export function registerEntry(overrides: Partial<RegisterEntry> = {}): RegisterEntry {
	sequence += 1;
	return {
		ags: `0999${String(sequence).padStart(4, '0')}`,
		name: `Testgemeinde ${sequence}`,
		type: 'gemeinde',
		association: null,
		areaKm2: 20,
		population: 5000,
		latitude: 48.5,
		longitude: 8,
		...overrides
	};
}

export function registerSource(entries: RegisterEntry[]): RegisterSource {
	return {
		entries,
		source: 'Testquelle',
		licence: 'Testlizenz',
		licenceUrl: 'https://example.org/licence',
		populationDate: '2022-05-15'
	};
}

export function demoContent(overrides: Partial<DemoContent> = {}): DemoContent {
	return {
		network: {
			name: 'Testnetzwerk',
			shortName: 'Test',
			region: 'Testkreis',
			description: 'Ein Netzwerk für Tests.',
			contactEmail: 'kontakt@test.example',
			contactPhone: '',
			postalAddress: 'Teststraße 1\n12345 Teststadt'
		},
		members: [],
		applicants: [],
		...overrides
	};
}

/** A tiny deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PREFIXES = ['Ober', 'Unter', 'Nieder', 'Groß', 'Klein', 'Neu', 'Alt', 'Bad ', 'Sankt ', ''];
const STEMS = [
	'bach',
	'au',
	'heim',
	'hofen',
	'weiler',
	'stetten',
	'ingen',
	'dorf',
	'feld',
	'brunn'
];
const ROOTS = [
	'Achen',
	'Bühl',
	'Eich',
	'Föhren',
	'Görwi',
	'Hasel',
	'Linden',
	'Mühl',
	'Öhrin',
	'Schön',
	'Tann',
	'Wald',
	'Zell',
	'Äpfel',
	'Rein'
];

/**
 * `count` municipalities of a synthetic state: realistic names (with umlauts), types,
 * associations of three to six members, populations from 300 to 300,000.
 */
export function syntheticRegister(count: number, seed = 1): RegisterEntry[] {
	const next = random(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
	const entries: RegisterEntry[] = [];
	const names = new Set<string>();
	let association: string | null = null;
	let associationLeft = 0;
	for (let i = 0; i < count; i++) {
		let name = `${pick(PREFIXES)}${pick(ROOTS).toLowerCase()}${pick(STEMS)}`;
		name = name.charAt(0).toUpperCase() + name.slice(1);
		if (names.has(name)) name = `${name} ${i}`;
		names.add(name);
		if (associationLeft === 0) {
			association = next() < 0.3 ? null : `GVV ${name}`;
			associationLeft = 3 + Math.floor(next() * 4);
		}
		associationLeft -= 1;
		const population = Math.round(300 * Math.exp(next() * Math.log(1000)));
		const type: MunicipalityType =
			population > 20000 ? 'grosse_kreisstadt' : population > 5000 ? 'stadt' : 'gemeinde';
		entries.push({
			ags: `08${String(100 + Math.floor(i / 1000)).padStart(3, '0')}${String(i % 1000).padStart(3, '0')}`,
			name,
			type,
			association,
			areaKm2: Math.round((5 + next() * 120) * 100) / 100,
			population,
			latitude: 47.5 + next() * 2.2,
			longitude: 7.5 + next() * 2.8
		});
	}
	return entries;
}
