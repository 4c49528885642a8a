/**
 * Input schemas of the idea pool and of joint projects. Problems are short codes that the UI
 * translates as `ideas_error_<code>`. Form values arrive as strings; ids and numbers are coerced.
 */
import { z } from 'zod';
import { IDEA_STATUSES, MILESTONE_STATUSES, PROJECT_VISIBILITIES } from '../db/schema';
import { isIsoDate } from '../projects';

export const IDEA_LIMITS = {
	title: 200,
	problem: 5000,
	solution: 5000,
	benefit: 3000,
	comment: 2000,
	contributors: 300,
	reason: 2000,
	roundName: 200,
	maxPoints: 1000,
	milestoneTitle: 200,
	update: 10_000,
	role: 100,
	ids: 200
} as const;

const id = (code: string) =>
	z.preprocess(
		(value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
		z.number(code).int(code).positive(code)
	);

const requiredText = (max: number, field: string) =>
	z.string(`${field}_required`).trim().min(1, `${field}_required`).max(max, `${field}_too_long`);

const optionalText = (max: number, field: string) =>
	z.preprocess(
		(value) => (value === undefined || value === null ? '' : value),
		z.string(`${field}_too_long`).trim().max(max, `${field}_too_long`)
	);

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
			.max(IDEA_LIMITS.ids, code)
			.transform((ids) => [...new Set(ids)])
	);

export const IdeaInputSchema = z.object({
	title: requiredText(IDEA_LIMITS.title, 'title'),
	problem: requiredText(IDEA_LIMITS.problem, 'problem'),
	solution: requiredText(IDEA_LIMITS.solution, 'solution'),
	benefit: requiredText(IDEA_LIMITS.benefit, 'benefit'),
	municipalityId: id('municipality_required')
});
export type IdeaInput = z.output<typeof IdeaInputSchema>;
export type IdeaInputRaw = { [K in keyof IdeaInput]?: unknown };

export const SupportInputSchema = z.object({
	municipalityId: id('municipality_required'),
	comment: optionalText(IDEA_LIMITS.comment, 'comment'),
	contributors: optionalText(IDEA_LIMITS.contributors, 'contributors')
});
export type SupportInputRaw = { [K in keyof z.output<typeof SupportInputSchema>]?: unknown };

/** The states the coordination sets by hand; `implemented` comes only with the conversion. */
export const MANUAL_IDEA_STATUSES = IDEA_STATUSES.filter((s) => s !== 'implemented');

export const StateChangeSchema = z.object({
	status: z.enum(
		MANUAL_IDEA_STATUSES as ['new', 'in_review', 'accepted', 'rejected'],
		'status_invalid'
	),
	reason: optionalText(IDEA_LIMITS.reason, 'reason')
});
export type StateChangeRaw = { [K in keyof z.output<typeof StateChangeSchema>]?: unknown };

export const ConvertInputSchema = z.object({
	leadMunicipalityId: id('lead_required'),
	partnerMunicipalityIds: idList('partner_invalid'),
	visibility: z.preprocess(
		(value) => (value === undefined || value === '' ? 'network' : value),
		z.enum(PROJECT_VISIBILITIES, 'visibility_invalid')
	)
});
export type ConvertInputRaw = { [K in keyof z.output<typeof ConvertInputSchema>]?: unknown };

const wholeNumber = (code: string, min: number, max: number) =>
	z.preprocess(
		(value) => {
			if (value === undefined || value === null) return Number.NaN;
			if (typeof value === 'string') {
				const trimmed = value.trim();
				if (trimmed === '') return 0;
				return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
			}
			return value;
		},
		z.number(code).int(code).min(min, code).max(max, code)
	);

export const RoundInputSchema = z.object({
	name: requiredText(IDEA_LIMITS.roundName, 'name'),
	pointsPerMunicipality: wholeNumber('points_invalid', 1, IDEA_LIMITS.maxPoints),
	ideaIds: idList('ideas_invalid').refine((ids) => ids.length > 0, 'ideas_required')
});
export type RoundInputRaw = { [K in keyof z.output<typeof RoundInputSchema>]?: unknown };

export const AllocationInputSchema = z.object({
	municipalityId: id('municipality_required'),
	points: z
		.array(
			z.object({
				ideaId: id('ideas_invalid'),
				points: wholeNumber('points_invalid', 0, IDEA_LIMITS.maxPoints)
			}),
			'points_invalid'
		)
		.max(IDEA_LIMITS.ids, 'points_invalid')
});
export type AllocationInputRaw = {
	municipalityId?: unknown;
	points?: { ideaId: unknown; points: unknown }[];
};

export const MilestoneInputSchema = z.object({
	title: requiredText(IDEA_LIMITS.milestoneTitle, 'title'),
	dueOn: z.preprocess(
		(value) => (value === undefined || value === null || value === '' ? null : value),
		z.string('date_invalid').trim().refine(isIsoDate, 'date_invalid').nullable()
	),
	status: z.preprocess(
		(value) => (value === undefined || value === '' ? 'planned' : value),
		z.enum(MILESTONE_STATUSES, 'status_invalid')
	)
});
export type MilestoneInputRaw = { [K in keyof z.output<typeof MilestoneInputSchema>]?: unknown };

export const ProgressUpdateSchema = z.object({
	body: requiredText(IDEA_LIMITS.update, 'body')
});

export const MemberInputSchema = z.object({
	personId: id('person_required'),
	role: requiredText(IDEA_LIMITS.role, 'role')
});
export type MemberInputRaw = { [K in keyof z.output<typeof MemberInputSchema>]?: unknown };

export const IDEA_SORTS = ['support', 'newest', 'activity'] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

export const IdeaListFilterSchema = z.object({
	status: z.enum(IDEA_STATUSES).nullish().catch(null),
	sort: z.enum(IDEA_SORTS).catch('support').default('support')
});
export type IdeaListFilter = z.output<typeof IdeaListFilterSchema>;

/** One parser for every module: INVALID with the first problem per field. */
export { parseOrInvalid } from '../reuse/reuse.schema';
