/**
 * Filters, sorting and paging of the project list, as they come from the URL (`/projekte?…`).
 * Unknown or malformed values fall back to "no filter": an outdated link still shows a list.
 */
import { z } from 'zod';
import { PROJECT_STATUSES, type ProjectStatus } from '../db/schema';
import { filterText } from '../text/input';

export const PROJECT_SORTS = ['aktualisiert', 'titel', 'start', 'betrieb'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const PROJECT_PAGE_SIZE = 20;

const optionalId = z.coerce
	.number()
	.int()
	.positive()
	.max(2_147_483_647)
	.optional()
	.catch(undefined);
const optionalAgs = z
	.string()
	.regex(/^\d{8}$/)
	.optional()
	.catch(undefined);

export const ProjectFilterSchema = z.object({
	q: filterText(100),
	status: z
		.array(z.string())
		.default([])
		.catch([])
		.transform((values) => [
			...new Set(
				values.filter((value): value is ProjectStatus =>
					(PROJECT_STATUSES as readonly string[]).includes(value)
				)
			)
		]),
	kommune: optionalAgs,
	verband: optionalId,
	themenfeld: filterText(100),
	fachbereich: optionalId,
	loesung: optionalId,
	partner: optionalAgs,
	schlagwort: filterText(40),
	nachnutzung: z
		.string()
		.optional()
		.transform((value) => value === '1')
		.catch(false),
	sort: z.enum(PROJECT_SORTS).default('aktualisiert').catch('aktualisiert'),
	seite: z.coerce.number().int().min(1).max(100_000).default(1).catch(1)
});

export type ProjectFilter = z.output<typeof ProjectFilterSchema>;
export type ProjectFilterInput = z.input<typeof ProjectFilterSchema>;

const SINGLE_KEYS = [
	'q',
	'kommune',
	'verband',
	'themenfeld',
	'fachbereich',
	'loesung',
	'partner',
	'schlagwort',
	'nachnutzung',
	'sort',
	'seite'
] as const;

/** Reads the filters from URL search parameters (empty values count as absent). */
export function parseProjectFilter(params: URLSearchParams): ProjectFilter {
	const entries: Record<string, unknown> = {};
	for (const key of SINGLE_KEYS) {
		const value = params.get(key);
		if (value !== null && value !== '') entries[key] = value;
	}
	entries.status = params.getAll('status').filter((value) => value !== '');
	return ProjectFilterSchema.parse(entries);
}

/** A filter with everything unset (the default list). */
export function emptyProjectFilter(): ProjectFilter {
	return ProjectFilterSchema.parse({});
}
