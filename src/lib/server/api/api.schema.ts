/**
 * What the JSON API answers, as zod schemas: the presenters are typed by them (so they cannot
 * return a field the schema does not name) and the OpenAPI document is generated from them (so
 * the document cannot describe something else). Every object is strict: an extra field in an
 * answer fails the contract test (tests/e2e/openapi.test.ts).
 */
import { z } from 'zod';
import {
	ADOPTION_STAGES,
	MEMBERSHIP_STATUSES,
	MUNICIPALITY_TYPES,
	PROJECT_STATUSES,
	PROJECT_VISIBILITIES,
	REUSE_REQUEST_STATUSES
} from '../db/schema';

const Id = z.number().int().positive();
const Timestamp = z.iso.datetime().meta({ description: 'ISO-8601 instant in UTC' });
const Day = z.iso.date().meta({ description: 'Calendar day (YYYY-MM-DD)' });
const Ags = z
	.string()
	.regex(/^\d{8}$/)
	.meta({ description: 'Official municipality key (Amtlicher Gemeindeschlüssel), 8 digits' });

export const MunicipalityRefSchema = z
	.strictObject({ ags: Ags, name: z.string() })
	.meta({ description: 'A municipality, by its key and name' });

const PersonRef = z
	.strictObject({ personId: Id, name: z.string() })
	.meta({ description: 'A person, by id and display name' });

// -- projects --

export const ProjectSummarySchema = z
	.strictObject({
		id: Id,
		/** Path of the project's page in the web application. */
		url: z.string().meta({ description: 'Path of the project page in the web application' }),
		title: z.string(),
		summary: z.string(),
		status: z.enum(PROJECT_STATUSES),
		visibility: z.enum(PROJECT_VISIBILITIES),
		municipality: MunicipalityRefSchema.meta({ description: 'The owner' }),
		partners: z.array(MunicipalityRefSchema),
		topicField: z
			.strictObject({ key: z.string(), name: z.string() })
			.nullable()
			.meta({ description: 'OZG topic field (Themenfeld)' }),
		domain: z
			.strictObject({ id: Id, name: z.string() })
			.nullable()
			.meta({ description: 'Department/domain (Fachbereich)' }),
		tags: z.array(z.string()),
		products: z.array(z.strictObject({ id: Id, name: z.string() })),
		startedOn: Day.nullable(),
		liveOn: Day.nullable(),
		reuseCount: z
			.number()
			.int()
			.min(0)
			.meta({ description: 'Municipalities that adopted the project through a reuse request' }),
		isDemo: z.boolean(),
		createdAt: Timestamp,
		updatedAt: Timestamp
	})
	.meta({ description: 'A project as lists show it' });

export const ProjectSchema = ProjectSummarySchema.extend({
	description: z.string().meta({ description: 'Markdown' }),
	lessonsLearned: z.string().meta({ description: 'Markdown: what the owner would do otherwise' }),
	costsOnceEur: z.number().min(0).nullable(),
	costsYearlyEur: z.number().min(0).nullable(),
	staffEffort: z.string().nullable(),
	fundingProgramme: z.string().nullable(),
	hoursSavedPerYear: z.number().int().nullable(),
	casesPerYear: z.number().int().nullable(),
	partnersCanEdit: z.boolean(),
	contacts: z
		.array(PersonRef)
		.meta({ description: 'Contact people; names for signed-in callers only, else empty' }),
	links: z.array(z.strictObject({ label: z.string(), url: z.string() })),
	statusHistory: z.array(z.strictObject({ status: z.enum(PROJECT_STATUSES), changedOn: Day }))
}).meta({ description: 'A project with all its details' });

export type ProjectSummaryJson = z.infer<typeof ProjectSummarySchema>;
export type ProjectJson = z.infer<typeof ProjectSchema>;

// -- solutions and adoptions --

export const AdoptionSchema = z
	.strictObject({
		id: Id,
		product: z.strictObject({ id: Id, name: z.string() }),
		municipality: MunicipalityRefSchema,
		stage: z.enum(ADOPTION_STAGES),
		sinceOn: Day.nullable(),
		usedFor: z.string().nullable(),
		rating: z.number().int().min(1).max(5).nullable(),
		experience: z.string().nullable(),
		contact: PersonRef.nullable().meta({
			description: 'Whom to ask; for signed-in callers only, else null'
		}),
		isDemo: z.boolean(),
		createdAt: Timestamp,
		updatedAt: Timestamp
	})
	.meta({ description: "One municipality's use of one product" });

export const SolutionSummarySchema = z
	.strictObject({
		id: Id,
		url: z.string().meta({ description: 'Path of the product page in the web application' }),
		name: z.string(),
		vendor: z.strictObject({ id: Id, name: z.string(), website: z.string().nullable() }).nullable(),
		category: z.string(),
		website: z.string().nullable(),
		isOpenSource: z.boolean(),
		licence: z.string().nullable(),
		operator: z.string().nullable(),
		adoptionCount: z.number().int().min(0),
		isDemo: z.boolean(),
		createdAt: Timestamp,
		updatedAt: Timestamp
	})
	.meta({ description: 'A product of the solutions register, as lists show it' });

export const SolutionSchema = SolutionSummarySchema.extend({
	description: z.string().meta({ description: 'Markdown' }),
	adoptions: z.array(AdoptionSchema)
}).meta({ description: 'A product with the municipalities that use it' });

export type AdoptionJson = z.infer<typeof AdoptionSchema>;
export type SolutionSummaryJson = z.infer<typeof SolutionSummarySchema>;
export type SolutionJson = z.infer<typeof SolutionSchema>;

// -- reuse requests --

export const ReuseRequestSchema = z
	.strictObject({
		id: Id,
		subject: z.strictObject({
			type: z.enum(['project', 'product']),
			id: Id,
			name: z
				.string()
				.nullable()
				.meta({ description: 'Title or name; null where the caller may not see the project' })
		}),
		requester: MunicipalityRefSchema,
		owner: MunicipalityRefSchema,
		direction: z
			.enum(['incoming', 'outgoing'])
			.nullable()
			.meta({ description: "From the caller's side; null for the coordination" }),
		message: z.string(),
		status: z.enum(REUSE_REQUEST_STATUSES),
		resultProjectId: Id.nullable(),
		createdAt: Timestamp,
		updatedAt: Timestamp,
		closedAt: Timestamp.nullable()
	})
	.meta({ description: 'A reuse request ("Das wollen wir auch")' });

export type ReuseRequestJson = z.infer<typeof ReuseRequestSchema>;

// -- pages --

const NextCursor = z
	.string()
	.nullable()
	.meta({ description: 'Pass as `cursor` for the next page; null on the last page' });

export const ProjectPageSchema = z.strictObject({
	items: z.array(ProjectSummarySchema),
	nextCursor: NextCursor
});
export const SolutionPageSchema = z.strictObject({
	items: z.array(SolutionSummarySchema),
	nextCursor: NextCursor
});
export const AdoptionPageSchema = z.strictObject({
	items: z.array(AdoptionSchema),
	nextCursor: NextCursor
});
export const ReuseRequestPageSchema = z.strictObject({
	items: z.array(ReuseRequestSchema),
	nextCursor: NextCursor
});

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

// -- existing endpoints (municipalities, me, tokens, audit log), described for the document --

const MunicipalitySummarySchema = z.strictObject({
	ags: Ags,
	name: z.string(),
	type: z.enum(MUNICIPALITY_TYPES),
	association: z.strictObject({ id: Id, name: z.string() }).nullable(),
	population: z.number().int().nullable(),
	membershipStatus: z.enum(MEMBERSHIP_STATUSES),
	memberSince: z.string().nullable(),
	appliedOn: z.string().nullable(),
	isFoundingMember: z.boolean(),
	isDemo: z.boolean()
});

export const MunicipalitySchema = MunicipalitySummarySchema.extend({
	populationDate: z.string().nullable(),
	areaKm2: z.number().nullable(),
	location: z.strictObject({ latitude: z.number(), longitude: z.number() }).nullable(),
	website: z.string().nullable(),
	dataSource: z.string().nullable(),
	associationPeers: z.array(z.strictObject({ ags: Ags, name: z.string(), isMember: z.boolean() }))
}).meta({ description: 'A municipality of the register, with its details' });

export const MunicipalityPageSchema = z
	.strictObject({
		items: z.array(MunicipalitySummarySchema),
		total: z.number().int().min(0),
		page: z.number().int().min(1),
		pageSize: z.number().int().min(1),
		pageCount: z.number().int().min(1),
		sort: z.enum(['name', '-name', 'population', '-population'])
	})
	.meta({ description: 'One page of the register (numbered pages: the register is short)' });

export const MeSchema = z.strictObject({
	id: Id,
	name: z.string(),
	isCoordinator: z.boolean(),
	municipalities: z.array(
		z.strictObject({ ags: Ags, name: z.string(), role: z.enum(['admin', 'member']) })
	),
	scope: z.enum(['read', 'read_write']),
	authentication: z.union([
		z.strictObject({ method: z.literal('token'), tokenId: Id }),
		z.strictObject({ method: z.literal('session') })
	])
});

export const ApiTokenSchema = z.strictObject({
	id: Id,
	name: z.string(),
	prefix: z.string(),
	scope: z.enum(['read', 'read_write']),
	createdAt: Timestamp,
	expiresAt: Timestamp,
	lastUsedAt: Timestamp.nullable(),
	revokedAt: Timestamp.nullable(),
	status: z.enum(['active', 'expired', 'revoked'])
});

export const ApiTokenListSchema = z.strictObject({ items: z.array(ApiTokenSchema) });

export const AuditEventPageSchema = z.strictObject({
	items: z.array(
		z.strictObject({
			id: Id,
			occurredAt: Timestamp,
			action: z.string(),
			actionLabel: z.string(),
			actor: z.strictObject({ personId: Id.nullable(), label: z.string() }),
			subject: z.strictObject({ type: z.string(), id: z.number().int().nullable() }).nullable(),
			municipality: z.strictObject({ id: Id, ags: Ags, name: z.string() }).nullable(),
			ipAddress: z.string().nullable(),
			userAgent: z.string().nullable(),
			details: z.unknown()
		})
	),
	nextCursor: z
		.string()
		.nullable()
		.meta({ description: 'Pass as `before` for the next (older) page' }),
	pageSize: z.number().int()
});

export const ErrorSchema = z
	.strictObject({
		error: z.strictObject({
			code: z.enum([
				'INVALID',
				'UNAUTHENTICATED',
				'FORBIDDEN',
				'NOT_FOUND',
				'CONFLICT',
				'PAYLOAD_TOO_LARGE',
				'UNSUPPORTED_MEDIA_TYPE',
				'RATE_LIMITED',
				'UNAVAILABLE',
				'INTERNAL'
			]),
			message: z.string(),
			fields: z
				.record(z.string(), z.string())
				.optional()
				.meta({ description: 'Field name (or path) → the first problem, a stable code' }),
			errorId: z.string().optional().meta({ description: 'For INTERNAL: the id in the log' })
		})
	})
	.meta({ description: 'Every error answer of the API' });
