import { describe, expect, it } from 'vitest';
import { parseRegisterCsv, RegisterFileError } from './register-file';

const header = 'ags,name,typ,verwaltungsverband,flaeche_km2,einwohner_zensus2022,lat,lon';

describe('parseRegisterCsv', () => {
	it('reads a row with all columns', () => {
		const entries = parseRegisterCsv(
			`${header}\n08317057,Kehl,Große Kreisstadt,,75.07,38556,48.57,7.81\n08317009,Berghaupten,Gemeinde,VVG Gengenbach,9.68,2460,48.4,7.98\n`
		);
		expect(entries).toEqual([
			{
				ags: '08317057',
				name: 'Kehl',
				type: 'grosse_kreisstadt',
				association: null,
				areaKm2: 75.07,
				population: 38556,
				latitude: 48.57,
				longitude: 7.81
			},
			{
				ags: '08317009',
				name: 'Berghaupten',
				type: 'gemeinde',
				association: 'VVG Gengenbach',
				areaKm2: 9.68,
				population: 2460,
				latitude: 48.4,
				longitude: 7.98
			}
		]);
	});

	it('accepts a byte order mark and empty optional numbers', () => {
		const [entry] = parseRegisterCsv(`\uFEFF${header}\n08317001,Achern,Stadt,,,,,\n`);
		expect(entry).toMatchObject({ ags: '08317001', population: null, latitude: null });
	});

	it.each([
		[
			`${header}\n8317057,Kehl,Stadt,,1,1,1,1`,
			/Zeile 2, Spalte ags: AGS muss aus 8 Ziffern bestehen/
		],
		[`${header}\n08317057,,Stadt,,1,1,1,1`, /Zeile 2, Spalte name/],
		[
			`${header}\n08317057,Kehl,Dorf,,1,1,1,1`,
			/Zeile 2, Spalte typ: unbekannter Gemeindetyp "Dorf"/
		],
		[`${header}\n08317057,Kehl,Stadt,,viel,1,1,1`, /Zeile 2, Spalte flaeche_km2: keine Zahl/],
		[
			`${header}\n08317057,Kehl,Stadt,,1,1,1,1\n08317057,Kehl,Stadt,,1,1,1,1`,
			/Zeile 3: AGS 08317057 doppelt/
		],
		[`${header}\n"08317057,Kehl`, /kein gültiges CSV/]
	])('names the row and problem of a bad file (%#)', (csv, message) => {
		expect(() => parseRegisterCsv(csv)).toThrow(RegisterFileError);
		expect(() => parseRegisterCsv(csv)).toThrow(message);
	});
});
