/** German/English labels of the register's coded values, in one place. */
import { m } from '$lib/paraglide/messages';

export const typeLabel = {
	gemeinde: m.type_gemeinde,
	stadt: m.type_stadt,
	grosse_kreisstadt: m.type_grosse_kreisstadt,
	kreisfreie_stadt: m.type_kreisfreie_stadt,
	landkreis: m.type_landkreis,
	verband: m.type_verband
} as const;

export const sortLabel = {
	name: m.sort_name,
	'-name': m.sort_name_desc,
	population: m.sort_population,
	'-population': m.sort_population_desc
} as const;
