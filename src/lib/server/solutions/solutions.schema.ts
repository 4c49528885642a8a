/**
 * Input schemas of the solutions register: products (with their vendor by name), adoptions and
 * the list filter. Problems are short codes; the UI shows them as `solutions_error_<code>`.
 */
import { z } from 'zod';
import { ADOPTION_STAGES } from '../db/schema';
import { filterText as filterTextSchema } from '../text/input';

/** Product categories (codes); labels are the messages `solutions_category_<code>`. */
export const PRODUCT_CATEGORIES = [
	'fachverfahren',
	'dms',
	'e_payment',
	'termin',
	'portal',
	'app',
	'ratsinformation',
	'kommunikation',
	'infrastruktur',
	'sonstiges'
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export { ADOPTION_STAGES };
export type { AdoptionStage } from '../db/schema';

export const PRODUCT_LIMITS = {
	name: 120,
	vendorName: 120,
	website: 500,
	licence: 100,
	operator: 200,
	descriptionMd: 20_000
} as const;

export const ADOPTION_LIMITS = {
	usedFor: 500,
	experience: 5_000
} as const;

/** Optional text: trimmed; empty (or missing) becomes null. */
const optionalText = (max: number, tooLong: string) =>
	z
		.string(tooLong)
		.trim()
		.max(max, tooLong)
		.nullish()
		.transform((value) => (value ? value : null));

function isWebAddress(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export const ProductInputSchema = z.object({
	name: z
		.string('name_required')
		.trim()
		.min(1, 'name_required')
		.max(PRODUCT_LIMITS.name, 'name_too_long'),
	vendorName: optionalText(PRODUCT_LIMITS.vendorName, 'vendor_too_long'),
	category: z.enum(PRODUCT_CATEGORIES, 'category_invalid'),
	website: optionalText(PRODUCT_LIMITS.website, 'website_invalid').refine(
		(value) => value === null || isWebAddress(value),
		'website_invalid'
	),
	isOpenSource: z.boolean('open_source_invalid').default(false),
	licence: optionalText(PRODUCT_LIMITS.licence, 'licence_too_long'),
	operator: optionalText(PRODUCT_LIMITS.operator, 'operator_too_long'),
	descriptionMd: z
		.string('description_too_long')
		.max(PRODUCT_LIMITS.descriptionMd, 'description_too_long')
		.default('')
		.transform((value) => value.trim())
});
export type ProductInput = z.input<typeof ProductInputSchema>;
export type ProductValues = z.output<typeof ProductInputSchema>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const id = (code: string) => z.number(code).int(code).positive(code);

export const AdoptionInputSchema = z.object({
	productId: id('product_invalid'),
	municipalityId: id('municipality_invalid'),
	stage: z.enum(ADOPTION_STAGES, 'stage_invalid'),
	sinceOn: z
		.string('since_invalid')
		.trim()
		.nullish()
		.transform((value) => (value ? value : null))
		.refine((value) => value === null || isRealDate(value), 'since_invalid'),
	usedFor: optionalText(ADOPTION_LIMITS.usedFor, 'used_for_too_long'),
	contactPersonId: id('contact_invalid').nullish().default(null),
	rating: z
		.number('rating_invalid')
		.int('rating_invalid')
		.min(1, 'rating_invalid')
		.max(5, 'rating_invalid')
		.nullish()
		.default(null),
	experience: optionalText(ADOPTION_LIMITS.experience, 'experience_too_long')
});
export type AdoptionInput = z.input<typeof AdoptionInputSchema>;
export type AdoptionValues = z.output<typeof AdoptionInputSchema>;

/** The first problem per field, as a message code. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fields[field] ??= issue.message;
	}
	return fields;
}

// -- the list at /loesungen --

export const PRODUCT_PAGE_SIZE = 25;
export const PRODUCT_SORTS = ['name', 'verbreitung'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

const filterText = filterTextSchema();

/**
 * Filters of the product list as they come from the query string (German parameter names).
 * Malformed values fall back to "no filter": an outdated link still shows a list.
 */
export const ProductFilterSchema = z.object({
	q: filterText,
	kategorie: z.enum(PRODUCT_CATEGORIES).optional().catch(undefined),
	opensource: z
		.enum(['ja'])
		.optional()
		.catch(undefined)
		.transform((value) => value === 'ja'),
	kommune: z
		.string()
		.regex(/^\d{8}$/)
		.optional()
		.catch(undefined),
	phase: z.enum(ADOPTION_STAGES).optional().catch(undefined),
	/** The coordination's view of deleted products (ignored for everyone else). */
	geloescht: z
		.enum(['ja'])
		.optional()
		.catch(undefined)
		.transform((value) => value === 'ja'),
	sortierung: z.enum(PRODUCT_SORTS).default('name').catch('name'),
	seite: z.coerce.number().int().min(1).max(100_000).default(1).catch(1)
});
export type ProductFilter = z.output<typeof ProductFilterSchema>;

export function parseProductFilter(params: URLSearchParams): ProductFilter {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(ProductFilterSchema.shape)) {
		const value = params.get(key);
		if (value !== null) raw[key] = value;
	}
	return ProductFilterSchema.parse(raw);
}
