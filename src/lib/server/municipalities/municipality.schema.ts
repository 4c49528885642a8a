/** Input schemas of the municipality register. */
import { z } from 'zod';
import { MEMBERSHIP_STATUSES, MUNICIPALITY_TYPES } from '../db/schema';

export const MUNICIPALITY_SORTS = ['name', '-name', 'population', '-population'] as const;
export type MunicipalitySort = (typeof MUNICIPALITY_SORTS)[number];

/** Lists of up to this many are shown whole, on one page: a district's register reads as one. */
export const MUNICIPALITY_SINGLE_PAGE_MAX = 100;
/** Longer lists (a state's register, about 1,100) are paged by this many. */
export const MUNICIPALITY_PAGE_SIZE = 50;

/** Rows per page for a list of `total` municipalities. */
export function municipalityPageSize(total: number): number {
	return total <= MUNICIPALITY_SINGLE_PAGE_MAX
		? MUNICIPALITY_SINGLE_PAGE_MAX
		: MUNICIPALITY_PAGE_SIZE;
}

/** Official municipality key: 8 digits (Land, Regierungsbezirk, Kreis, Gemeinde). */
export const AgsSchema = z.string().regex(/^\d{8}$/, 'ags_format');

/**
 * Filters of the register list, as they come from a query string. Unknown or malformed values
 * fall back to "no filter" rather than failing: a hand-edited or outdated link still shows a list.
 */
export const ListMunicipalitiesSchema = z.object({
	membership: z.enum(MEMBERSHIP_STATUSES).optional().catch(undefined),
	type: z.enum(MUNICIPALITY_TYPES).optional().catch(undefined),
	association: z.coerce.number().int().positive().optional().catch(undefined),
	q: z
		.string()
		.trim()
		.max(100)
		.optional()
		.transform((value) => (value ? value : undefined))
		.catch(undefined),
	sort: z.enum(MUNICIPALITY_SORTS).default('name').catch('name'),
	page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1)
});

export type ListMunicipalitiesInput = z.input<typeof ListMunicipalitiesSchema>;
export type MunicipalityFilter = z.output<typeof ListMunicipalitiesSchema>;

/** Reads the filters from URL search parameters (empty values count as absent). */
export function parseMunicipalityFilter(params: URLSearchParams): MunicipalityFilter {
	const entries: Record<string, string> = {};
	for (const key of ['membership', 'type', 'association', 'q', 'sort', 'page']) {
		const value = params.get(key);
		if (value !== null && value !== '') entries[key] = value;
	}
	return ListMunicipalitiesSchema.parse(entries);
}
