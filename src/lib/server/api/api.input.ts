/**
 * Request bodies of the API's writes. Each field reuses the owning module's own field schema
 * (ProjectInputSchema, ProductInputSchema, AdoptionInputSchema, the reuse schemas), so the API
 * validates exactly as the forms and the importer do and the OpenAPI document (generated from
 * these) cannot drift from the validation. Only where the API speaks differently is there an
 * own schema: municipalities by AGS rather than internal ids, costs in euros rather than cents.
 * Bodies are strict: an unknown field answers `400 INVALID` (`unknown_field`).
 */
import { z } from 'zod';
import { ProjectInputSchema } from '../projects/project.schema';
import { AdoptionInputSchema, ProductInputSchema } from '../solutions/solutions.schema';
import { MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH } from '../reuse/reuse.schema';
import { REUSE_REQUEST_STATUSES } from '../db/schema';
import { invalid } from '../errors';

const project = ProjectInputSchema.shape;
const product = ProductInputSchema.shape;
const adoption = AdoptionInputSchema.shape;

const Ags = z
	.string('municipality_invalid')
	.regex(/^\d{8}$/, 'municipality_invalid')
	.meta({ description: 'AGS (8 digits)' });
const Id = z.number('id_invalid').int('id_invalid').positive('id_invalid');

/** Euros with at most two decimals, or null. */
const Euros = z
	.number('costs_invalid')
	.min(0, 'costs_invalid')
	.max(1_000_000_000, 'costs_invalid')
	.refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'costs_invalid')
	.nullable()
	.meta({ description: 'Euros (at most two decimals)' });

export const ProjectBodySchema = z
	.strictObject({
		title: project.title,
		summary: project.summary.optional(),
		description: project.descriptionMd.optional().meta({ description: 'Markdown' }),
		lessonsLearned: project.lessonsLearnedMd.optional().meta({ description: 'Markdown' }),
		municipality: Ags.meta({ description: 'AGS of the owner; one of your municipalities' }),
		partners: z.array(Ags, 'partner_invalid').max(200, 'partner_invalid').optional(),
		status: project.status,
		statusChangedOn: project.statusChangedOn
			.optional()
			.meta({ description: 'Day the project reached its status (default: today)' }),
		domain: project.domainId.optional().meta({ description: 'Id of a domain (Fachbereich)' }),
		topicField: project.topicFieldKey.optional().meta({ description: 'Key of an OZG topic field' }),
		tags: project.tags.optional(),
		products: project.productIds.optional().meta({ description: 'Ids of products used' }),
		startedOn: project.startedOn.optional(),
		liveOn: project.liveOn.optional(),
		costsOnceEur: Euros.optional(),
		costsYearlyEur: Euros.optional(),
		staffEffort: project.staffEffort.optional(),
		fundingProgramme: project.fundingProgramme.optional(),
		hoursSavedPerYear: project.hoursSavedPerYear.optional(),
		casesPerYear: project.casesPerYear.optional(),
		contacts: project.contactPersonIds.optional().meta({ description: 'Person ids' }),
		links: project.links.optional(),
		visibility: project.visibility,
		partnersCanEdit: project.partnersCanEdit.optional()
	})
	.meta({ description: 'A project to create (PATCH takes any subset of these fields)' });
export type ProjectBody = z.output<typeof ProjectBodySchema>;

export const ProjectPatchSchema = ProjectBodySchema.partial();
export type ProjectPatch = z.output<typeof ProjectPatchSchema>;

/** The projects module's field names → the API's (for the module's own INVALID fields). */
export const PROJECT_FIELD_NAMES: Record<string, string> = {
	descriptionMd: 'description',
	lessonsLearnedMd: 'lessonsLearned',
	municipalityId: 'municipality',
	partnerMunicipalityIds: 'partners',
	domainId: 'domain',
	topicFieldKey: 'topicField',
	productIds: 'products',
	costsOnceCents: 'costsOnceEur',
	costsYearlyCents: 'costsYearlyEur',
	contactPersonIds: 'contacts'
};

export const SolutionBodySchema = z
	.strictObject({
		name: product.name,
		vendorName: product.vendorName.optional(),
		category: product.category,
		website: product.website.optional(),
		isOpenSource: product.isOpenSource.optional(),
		licence: product.licence.optional(),
		operator: product.operator.optional(),
		description: product.descriptionMd.optional().meta({ description: 'Markdown' })
	})
	.meta({ description: 'A product to add (PATCH takes any subset of these fields)' });
export type SolutionBody = z.output<typeof SolutionBodySchema>;
export const SolutionPatchSchema = SolutionBodySchema.partial();

export const AdoptionBodySchema = z
	.strictObject({
		product: Id.meta({ description: 'Id of the product' }),
		municipality: Ags.optional().meta({
			description: 'AGS of one of your municipalities; may be left out if you have only one'
		}),
		stage: adoption.stage,
		sinceOn: adoption.sinceOn.optional(),
		usedFor: adoption.usedFor.optional(),
		contact: adoption.contactPersonId.optional().meta({ description: 'Person id of the contact' }),
		rating: adoption.rating.optional(),
		experience: adoption.experience.optional()
	})
	.meta({ description: "Your municipality's use of a product (created or replaced)" });
export type AdoptionBody = z.output<typeof AdoptionBodySchema>;

export const ADOPTION_FIELD_NAMES: Record<string, string> = {
	productId: 'product',
	municipalityId: 'municipality',
	contactPersonId: 'contact'
};

export const ReuseRequestBodySchema = z
	.strictObject({
		project: Id.optional().meta({ description: 'Id of the project asked for' }),
		product: Id.optional().meta({ description: 'Id of the product asked about' }),
		owner: Ags.optional().meta({
			description: 'With `product`: AGS of the municipality that runs it and is asked'
		}),
		requester: Ags.optional().meta({
			description: 'AGS of your municipality that asks; may be left out if you have only one'
		}),
		message: z
			.string('message_required')
			.trim()
			.min(1, 'message_required')
			.max(MESSAGE_MAX_LENGTH, 'message_too_long')
	})
	.meta({ description: 'A reuse request: exactly one of `project` and `product`' });
export type ReuseRequestBody = z.output<typeof ReuseRequestBodySchema>;

export const REUSE_FIELD_NAMES: Record<string, string> = {
	requestingMunicipalityId: 'requester',
	ownerMunicipalityId: 'owner',
	projectId: 'project',
	productId: 'product'
};

export const ReuseTransitionBodySchema = z
	.strictObject({
		status: z.enum(REUSE_REQUEST_STATUSES, 'status_invalid'),
		note: z.string('note_too_long').trim().max(NOTE_MAX_LENGTH, 'note_too_long').nullish()
	})
	.meta({
		description:
			'The next state: in_discussion, adopted or declined (owner side; declined needs a note), withdrawn (requester side)'
	});
export type ReuseTransitionBody = z.output<typeof ReuseTransitionBodySchema>;

/** Parses a JSON body or throws INVALID with the first problem per field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw invalid({ body: 'object_expected' });
	}
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) fields[key] ??= 'unknown_field';
			continue;
		}
		const path = issue.path.map(String);
		const key =
			path[0] === 'links' && path.length >= 3 ? path.slice(0, 3).join('.') : (path[0] ?? 'body');
		fields[key] ??= /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
	}
	throw invalid(fields);
}
