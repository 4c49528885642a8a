/**
 * Input schemas of the project catalogue. Problems are short codes (`title_required`, …) that the
 * UI translates as `projects_error_<code>`. The input side is lenient (form strings, '' for
 * "nothing", numbers as text) so forms, the importer and the API share one schema; the output
 * type `ProjectInput` is exact.
 */
import { z } from 'zod';
import { PROJECT_STATUSES, PROJECT_VISIBILITIES } from '../db/schema';
import { splitTags } from '../text/input';

export const PROJECT_LIMITS = {
	title: 200,
	summary: 500,
	quickSummary: 300,
	description: 20_000,
	lessonsLearned: 10_000,
	tag: 40,
	tags: 20,
	links: 10,
	linkLabel: 200,
	url: 2000,
	shortText: 200,
	/** Ids in one list (partners, products, contacts). */
	ids: 200
} as const;

export const ProjectStatusSchema = z.enum(PROJECT_STATUSES, 'status_invalid');
export const ProjectVisibilitySchema = z.enum(PROJECT_VISIBILITIES, 'visibility_invalid');

/** Today as YYYY-MM-DD (UTC). */
export function todayIso(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const blankToUndefined = (value: unknown) =>
	value === '' || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** A text that may be empty (''), trimmed. */
const text = (max: number, tooLong: string) =>
	z.preprocess(
		(value) => (value === null || value === undefined ? '' : value),
		z.string('text_invalid').trim().max(max, tooLong)
	);

/** A short optional text: '' and absent become null. */
const optionalText = (max: number, tooLong: string) =>
	z.preprocess(
		(value) => (value === undefined || value === null ? '' : value),
		z
			.string('text_invalid')
			.trim()
			.max(max, tooLong)
			.transform((value) => (value === '' ? null : value))
	);

/** YYYY-MM-DD or nothing ('' / null / absent → null). */
const optionalDate = z.preprocess(
	(value) => blankToUndefined(value) ?? null,
	z.string('date_invalid').trim().refine(isIsoDate, 'date_invalid').nullable()
);

/** A whole number ≥ 0 or nothing; numbers may come as text. */
const optionalCount = (code: string) =>
	z.preprocess((value) => {
		const blank = blankToUndefined(value);
		if (blank === undefined || blank === null) return null;
		if (typeof blank === 'string') {
			const trimmed = blank.trim().replace(/[.\s]/g, '');
			return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
		}
		return blank;
	}, z.number(code).int(code).min(0, code).max(Number.MAX_SAFE_INTEGER, code).nullable());

/** A positive id; numbers may come as text. */
const id = (code: string) =>
	z.preprocess(
		(value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
		z.number(code).int(code).positive(code)
	);

const optionalId = (code: string) =>
	z.preprocess((value) => blankToUndefined(value) ?? null, id(code).nullable());

/** A list of ids: absent → [], one value → [value], duplicates dropped. */
const idList = (code: string) =>
	z.preprocess(
		(value) => {
			if (value === undefined || value === null || value === '') return [];
			const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
			return list.filter((item) => item !== '' && item !== null && item !== undefined);
		},
		z
			.array(id(code))
			.max(PROJECT_LIMITS.ids, code)
			.transform((ids) => [...new Set(ids)])
	);

/**
 * Tags as typed (comma-, semicolon- or line-separated text, or a list): trimmed, empty ones
 * dropped, the same tag twice (by its German sort key: "E-Akte" = "e akte") kept once.
 */
export const TagListSchema = z
	.union([z.string(), z.array(z.string())], 'tag_invalid')
	.nullish()
	.transform((value) => (value === null || value === undefined ? [] : splitTags(value)))
	.pipe(
		z
			.array(z.string().max(PROJECT_LIMITS.tag, 'tag_too_long'))
			.max(PROJECT_LIMITS.tags, 'tags_too_many')
	);

/** Whether `value` is an absolute http(s) URL. */
export function isWebUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export const ProjectLinkSchema = z.object({
	label: z
		.string('link_label_required')
		.trim()
		.min(1, 'link_label_required')
		.max(PROJECT_LIMITS.linkLabel, 'link_label_too_long'),
	url: z
		.string('url_invalid')
		.trim()
		.max(PROJECT_LIMITS.url, 'url_invalid')
		.refine(isWebUrl, 'url_invalid')
});

const linkList = z.preprocess(
	(value) => (value === undefined || value === null ? [] : value),
	z.array(ProjectLinkSchema, 'links_invalid').max(PROJECT_LIMITS.links, 'links_too_many')
);

const title = z
	.string('title_required')
	.trim()
	.min(1, 'title_required')
	.max(PROJECT_LIMITS.title, 'title_too_long');

/** The whole project record, as the edit form, the importer and the API write it. */
export const ProjectInputSchema = z.object({
	title,
	summary: text(PROJECT_LIMITS.summary, 'summary_too_long'),
	descriptionMd: text(PROJECT_LIMITS.description, 'description_too_long'),
	lessonsLearnedMd: text(PROJECT_LIMITS.lessonsLearned, 'lessons_learned_too_long'),
	municipalityId: z.preprocess((value) => blankToUndefined(value), id('municipality_required')),
	partnerMunicipalityIds: idList('partner_invalid'),
	status: ProjectStatusSchema,
	statusChangedOn: z.preprocess(
		(value) => (value === undefined || value === '' ? todayIso() : value),
		z.string('date_invalid').trim().refine(isIsoDate, 'date_invalid').nullable()
	),
	domainId: optionalId('domain_invalid'),
	topicFieldKey: z.preprocess(
		(value) => blankToUndefined(value) ?? null,
		z.string('topic_field_invalid').trim().max(100, 'topic_field_invalid').nullable()
	),
	tags: TagListSchema,
	productIds: idList('product_invalid'),
	startedOn: optionalDate,
	liveOn: optionalDate,
	costsOnceCents: optionalCount('costs_invalid'),
	costsYearlyCents: optionalCount('costs_invalid'),
	staffEffort: optionalText(PROJECT_LIMITS.shortText, 'staff_effort_too_long'),
	fundingProgramme: optionalText(PROJECT_LIMITS.shortText, 'funding_programme_too_long'),
	hoursSavedPerYear: optionalCount('number_invalid'),
	casesPerYear: optionalCount('number_invalid'),
	contactPersonIds: idList('contact_invalid'),
	links: linkList,
	visibility: ProjectVisibilitySchema,
	partnersCanEdit: z.preprocess(
		(value) => (value === undefined || value === null ? false : value),
		z.boolean('partners_can_edit_invalid')
	)
});

export type ProjectInput = z.output<typeof ProjectInputSchema>;
/** What callers may pass: any field may be missing or loosely typed; the schema decides. */
export type ProjectInputRaw = { [K in keyof ProjectInput]?: unknown };
export type ProjectLink = z.output<typeof ProjectLinkSchema>;

/** The quick note: title, status and one sentence are enough; the rest can follow. */
export const QuickNoteSchema = z.object({
	title,
	status: ProjectStatusSchema,
	summary: z
		.string('summary_required')
		.trim()
		.min(1, 'summary_required')
		.max(PROJECT_LIMITS.quickSummary, 'summary_too_long'),
	municipalityId: z.preprocess((value) => blankToUndefined(value), id('municipality_required')),
	visibility: z.preprocess((value) => blankToUndefined(value) ?? 'network', ProjectVisibilitySchema)
});

export type QuickNoteInput = z.output<typeof QuickNoteSchema>;
export type QuickNoteRaw = { [K in keyof QuickNoteInput]?: unknown };

/**
 * Field → first problem code. Link problems are keyed `links.<row>.<label|url>` so a form can
 * show them next to the row; everything else by its field name.
 */
export function projectFieldErrors(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const [first, second, third] = issue.path;
		let field = String(first ?? 'form');
		if (first === 'links' && typeof second === 'number' && third !== undefined) {
			field = `links.${second}.${String(third)}`;
		}
		fields[field] ??= issue.message;
	}
	return fields;
}

/**
 * A euro amount as people type it ("1.234,56", "1234.5", "1 200 €", "980") → cents; '' → null;
 * anything unreadable → NaN (which the schema reports as `costs_invalid`).
 */
export function euroToCents(value: string | null | undefined): number | null {
	if (value === null || value === undefined) return null;
	let cleaned = value.replace(/€|EUR|\s/gi, '');
	if (cleaned === '') return null;
	if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(cleaned)) cleaned = cleaned.replace(/\./g, '');
	else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, '');
	cleaned = cleaned.replace(',', '.');
	if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
	const [whole, fraction = ''] = cleaned.split('.');
	return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents → an amount for an input field in German notation ("1234,50"); null → ''. */
export function centsToEuroInput(cents: number | null): string {
	if (cents === null) return '';
	const whole = Math.floor(cents / 100);
	const rest = cents % 100;
	return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}
