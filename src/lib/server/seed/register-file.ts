/**
 * Reads a municipality register file (CSV with the columns of the shipped Destatis extract) into
 * checked entries. A row that does not fit stops the whole file with its row number.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { MunicipalityType } from '../db/schema';

const TYPE_LABELS: Record<string, MunicipalityType> = {
	gemeinde: 'gemeinde',
	stadt: 'stadt',
	'große kreisstadt': 'grosse_kreisstadt',
	'grosse kreisstadt': 'grosse_kreisstadt',
	'kreisfreie stadt': 'kreisfreie_stadt'
};

const optionalNumber = z
	.string()
	.trim()
	.transform((value, context) => {
		if (value === '') return null;
		const number = Number(value);
		if (!Number.isFinite(number)) {
			context.addIssue({ code: 'custom', message: `keine Zahl: "${value}"` });
			return z.NEVER;
		}
		return number;
	});

const RegisterRowSchema = z.object({
	ags: z
		.string()
		.trim()
		.regex(/^\d{8}$/, 'AGS muss aus 8 Ziffern bestehen'),
	name: z.string().trim().min(1, 'Name fehlt'),
	typ: z
		.string()
		.trim()
		.transform((value, context) => {
			const type = TYPE_LABELS[value.toLowerCase()];
			if (!type) {
				context.addIssue({ code: 'custom', message: `unbekannter Gemeindetyp "${value}"` });
				return z.NEVER;
			}
			return type;
		}),
	verwaltungsverband: z
		.string()
		.trim()
		.transform((value) => value || null),
	flaeche_km2: optionalNumber,
	einwohner_zensus2022: optionalNumber,
	lat: optionalNumber,
	lon: optionalNumber
});

export interface RegisterEntry {
	ags: string;
	name: string;
	type: MunicipalityType;
	association: string | null;
	areaKm2: number | null;
	population: number | null;
	latitude: number | null;
	longitude: number | null;
}

export class RegisterFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RegisterFileError';
	}
}

export function parseRegisterCsv(text: string): RegisterEntry[] {
	let records: Record<string, string>[];
	try {
		records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true });
	} catch (error) {
		throw new RegisterFileError(
			`Die Registerdatei ist kein gültiges CSV: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	const seen = new Set<string>();
	return records.map((record, index) => {
		const row = index + 2; // line 1 is the header
		const parsed = RegisterRowSchema.safeParse(record);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new RegisterFileError(
				`Zeile ${row}, Spalte ${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'ungültig'}`
			);
		}
		const data = parsed.data;
		if (seen.has(data.ags)) throw new RegisterFileError(`Zeile ${row}: AGS ${data.ags} doppelt`);
		seen.add(data.ags);
		return {
			ags: data.ags,
			name: data.name,
			type: data.typ,
			association: data.verwaltungsverband,
			areaKm2: data.flaeche_km2,
			population: data.einwohner_zensus2022 === null ? null : Math.round(data.einwohner_zensus2022),
			latitude: data.lat,
			longitude: data.lon
		};
	});
}
