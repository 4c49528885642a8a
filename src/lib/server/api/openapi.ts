/**
 * The OpenAPI 3.1 document of `/api/v1`, built in code from the same zod schemas that type the
 * answers (api.schema.ts), validate the bodies (api.input.ts, reusing the modules' schemas) and
 * parse the query strings (api.query.ts): the document cannot describe fields the API does not
 * have. tests/e2e/openapi.test.ts checks the rest against the running server: every route is
 * documented, every documented path exists, and real answers validate against their schemas.
 */
import { z } from 'zod';
import { MEMBERSHIP_STATUSES, MUNICIPALITY_TYPES } from '../db/schema';
import { AUDIT_ACTION_CODES } from '../audit/audit.actions';
import {
	AdoptionBodySchema,
	ProjectBodySchema,
	ProjectPatchSchema,
	ReuseRequestBodySchema,
	ReuseTransitionBodySchema,
	SolutionBodySchema,
	SolutionPatchSchema
} from './api.input';
import {
	DiscussionListQuerySchema,
	DiscussionPageSchema,
	DiscussionQuerySchema,
	DiscussionReplyBodySchema,
	DiscussionReplyCreatedSchema,
	DiscussionSchema
} from './discussion.api';
import {
	AdoptionListQuerySchema,
	API_PAGE_SIZE_MAX,
	ProjectListQuerySchema,
	ReuseRequestListQuerySchema,
	SolutionListQuerySchema
} from './api.query';
import {
	AdoptionPageSchema,
	AdoptionSchema,
	ApiTokenListSchema,
	ApiTokenSchema,
	AuditEventPageSchema,
	ErrorSchema,
	MeSchema,
	MunicipalityPageSchema,
	MunicipalityRefSchema,
	MunicipalitySchema,
	ProjectPageSchema,
	ProjectSchema,
	ProjectSummarySchema,
	ReuseRequestPageSchema,
	ReuseRequestSchema,
	SolutionPageSchema,
	SolutionSchema,
	SolutionSummarySchema
} from './api.schema';

import {
	SearchApiQuerySchema,
	SearchResultSchema,
	SimilarApiQuerySchema,
	SimilarPageSchema
} from '../search/search.api';
import {
	IdeaListQuerySchema,
	IdeaListSchema,
	IdeaSchema,
	SimilarIdeasQuerySchema,
	SimilarIdeasSchema
} from '../ideas/idea.api';

type JsonObject = Record<string, unknown>;

const OUTPUT_SCHEMAS = {
	MunicipalityRef: MunicipalityRefSchema,
	ProjectSummary: ProjectSummarySchema,
	Project: ProjectSchema,
	ProjectPage: ProjectPageSchema,
	SolutionSummary: SolutionSummarySchema,
	Solution: SolutionSchema,
	SolutionPage: SolutionPageSchema,
	Adoption: AdoptionSchema,
	AdoptionPage: AdoptionPageSchema,
	ReuseRequest: ReuseRequestSchema,
	ReuseRequestPage: ReuseRequestPageSchema,
	Municipality: MunicipalitySchema,
	MunicipalityPage: MunicipalityPageSchema,
	Me: MeSchema,
	ApiToken: ApiTokenSchema,
	ApiTokenList: ApiTokenListSchema,
	AuditEventPage: AuditEventPageSchema,
	SearchResult: SearchResultSchema,
	SimilarPage: SimilarPageSchema,
	DiscussionPage: DiscussionPageSchema,
	Discussion: DiscussionSchema,
	DiscussionReplyCreated: DiscussionReplyCreatedSchema,
	Idea: IdeaSchema,
	IdeaList: IdeaListSchema,
	SimilarIdeas: SimilarIdeasSchema,
	Error: ErrorSchema
} as const;

const INPUT_SCHEMAS = {
	ProjectInput: ProjectBodySchema,
	ProjectPatch: ProjectPatchSchema,
	SolutionInput: SolutionBodySchema,
	SolutionPatch: SolutionPatchSchema,
	AdoptionInput: AdoptionBodySchema,
	ReuseRequestInput: ReuseRequestBodySchema,
	ReuseRequestTransition: ReuseTransitionBodySchema,
	DiscussionReply: DiscussionReplyBodySchema
} as const;

export type SchemaName = keyof typeof OUTPUT_SCHEMAS | keyof typeof INPUT_SCHEMAS;

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** Drops what a component must not carry inside an OpenAPI document. */
function clean(schema: unknown): JsonObject {
	const rest = { ...(schema as JsonObject) };
	delete rest.$schema;
	delete rest.$id;
	return rest;
}

function componentSchemas(): Record<string, JsonObject> {
	const build = (schemas: Record<string, z.ZodType>, io: 'input' | 'output') => {
		const registry = z.registry<{ id: string }>();
		for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
		const result = z.toJSONSchema(registry, {
			target: 'draft-2020-12',
			io,
			unrepresentable: 'any',
			uri: (id) => `#/components/schemas/${id}`
		});
		return Object.fromEntries(
			Object.entries(result.schemas).map(([id, schema]) => [id, clean(schema)])
		);
	};
	return { ...build(OUTPUT_SCHEMAS, 'output'), ...build(INPUT_SCHEMAS, 'input') };
}

interface Parameter {
	name: string;
	in: 'query' | 'path';
	required: boolean;
	description?: string;
	schema: JsonObject;
}

/** The query parameters a list schema accepts, with their types, limits and defaults. */
function queryParameters(schema: z.ZodType): Parameter[] {
	const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
		properties?: Record<string, JsonObject>;
		required?: string[];
	};
	return Object.entries(json.properties ?? {}).map(([name, property]) => {
		const { description, ...rest } = property;
		return {
			name,
			in: 'query',
			required: json.required?.includes(name) ?? false,
			...(typeof description === 'string' ? { description } : {}),
			schema: rest
		};
	});
}

const pathId = (description: string): Parameter => ({
	name: 'id',
	in: 'path',
	required: true,
	description,
	schema: { type: 'integer', minimum: 1 }
});

const queryParam = (name: string, schema: JsonObject, description?: string): Parameter => ({
	name,
	in: 'query',
	required: false,
	...(description ? { description } : {}),
	schema
});

type Access = 'public' | 'signed-in' | 'write';

interface OperationSpec {
	operationId: string;
	summary: string;
	description?: string;
	tag: string;
	access: Access;
	parameters?: Parameter[];
	body?: SchemaName;
	/** Status → [description, schema or null for no body]. */
	responses: Record<number, [string, SchemaName | null]>;
	/** Error statuses besides those the access level implies. */
	errors?: number[];
}

const ERROR_TEXT: Record<number, string> = {
	400: 'INVALID: a parameter or field is wrong (`fields` names each with a code)',
	401: 'UNAUTHENTICATED: no token, or an invalid, expired or revoked one',
	403: 'FORBIDDEN: the token may only read, or the person may not do this',
	404: 'NOT_FOUND: no such thing, or none the caller may see',
	409: 'CONFLICT: the current state does not allow it',
	413: 'PAYLOAD_TOO_LARGE: the body is larger than 64 KiB',
	415: 'UNSUPPORTED_MEDIA_TYPE: bodies must be application/json',
	429: 'RATE_LIMITED: too many requests; see Retry-After'
};

function operation(spec: OperationSpec): JsonObject {
	const responses: JsonObject = {};
	for (const [status, [description, schema]] of Object.entries(spec.responses)) {
		responses[status] = {
			description,
			...(schema ? { content: { 'application/json': { schema: ref(schema) } } } : {}),
			...(status === '201'
				? {
						headers: {
							Location: { description: 'Path of the new item', schema: { type: 'string' } }
						}
					}
				: {})
		};
	}
	const errors = new Set(spec.errors ?? []);
	if (spec.parameters?.some((parameter) => parameter.in === 'query')) errors.add(400);
	if (spec.access === 'signed-in') errors.add(401);
	if (spec.access === 'write') [400, 401, 403, 413, 415].forEach((status) => errors.add(status));
	for (const status of [...errors].sort()) {
		responses[status] = {
			description: ERROR_TEXT[status] ?? 'Error',
			content: { 'application/json': { schema: ref('Error') } }
		};
	}
	return {
		operationId: spec.operationId,
		summary: spec.summary,
		...(spec.description ? { description: spec.description } : {}),
		tags: [spec.tag],
		security: spec.access === 'public' ? [{}, { bearer: [] }] : [{ bearer: [] }],
		...(spec.parameters?.length ? { parameters: spec.parameters } : {}),
		...(spec.body
			? {
					requestBody: {
						required: true,
						content: { 'application/json': { schema: ref(spec.body) } }
					}
				}
			: {}),
		responses
	};
}

const VISIBILITY_NOTE =
	'Visitors and tokens without rights see public projects only; members also see projects shared with the network and the drafts of their own municipalities.';

function paths(): Record<string, Record<string, JsonObject>> {
	return {
		'/api/v1/openapi.json': {
			get: {
				operationId: 'getOpenApiDocument',
				summary: 'This document',
				tags: ['meta'],
				security: [{}],
				responses: {
					'200': {
						description: 'The OpenAPI 3.1 document',
						content: { 'application/json': { schema: { type: 'object' } } }
					}
				}
			}
		},
		'/api/v1/search': {
			get: operation({
				operationId: 'search',
				summary: 'Search projects, products, municipalities and (members) people',
				description: `${VISIBILITY_NOTE} German analysis: compounds, synonyms, one typo per word.`,
				tag: 'search',
				access: 'public',
				parameters: queryParameters(SearchApiQuerySchema),
				responses: {
					200: ['Typed hits with snippets, facets and who already runs it', 'SearchResult']
				}
			})
		},
		'/api/v1/similar': {
			get: operation({
				operationId: 'findSimilarProjects',
				summary: 'Projects like a draft title and summary',
				description: VISIBILITY_NOTE,
				tag: 'search',
				access: 'public',
				parameters: queryParameters(SimilarApiQuerySchema),
				responses: { 200: ['The closest projects', 'SimilarPage'] }
			})
		},
		'/api/v1/projects': {
			get: operation({
				operationId: 'listProjects',
				summary: 'Projects, newest change first',
				description: `${VISIBILITY_NOTE} Keyset pages: pass \`nextCursor\` as \`cursor\`.`,
				tag: 'projects',
				access: 'public',
				parameters: queryParameters(ProjectListQuerySchema),
				responses: { 200: ['One page of projects', 'ProjectPage'] }
			}),
			post: operation({
				operationId: 'createProject',
				summary: 'Add a project of one of your municipalities',
				tag: 'projects',
				access: 'write',
				body: 'ProjectInput',
				responses: { 201: ['The new project', 'Project'] }
			})
		},
		'/api/v1/projects/{id}': {
			get: operation({
				operationId: 'getProject',
				summary: 'One project with its details',
				description: `${VISIBILITY_NOTE} A project the caller may not see answers 404.`,
				tag: 'projects',
				access: 'public',
				parameters: [pathId('Project id')],
				responses: { 200: ['The project', 'Project'] },
				errors: [404]
			}),
			patch: operation({
				operationId: 'updateProject',
				summary: 'Change some fields of a project',
				tag: 'projects',
				access: 'write',
				parameters: [pathId('Project id')],
				body: 'ProjectPatch',
				responses: { 200: ['The changed project', 'Project'] },
				errors: [404]
			}),
			delete: operation({
				operationId: 'deleteProject',
				summary: 'Delete a project (softly: the coordination can restore it)',
				tag: 'projects',
				access: 'write',
				parameters: [pathId('Project id')],
				responses: { 204: ['Deleted', null] },
				errors: [404]
			})
		},
		'/api/v1/solutions': {
			get: operation({
				operationId: 'listSolutions',
				summary: 'Products of the solutions register, by name',
				tag: 'solutions',
				access: 'public',
				parameters: queryParameters(SolutionListQuerySchema),
				responses: { 200: ['One page of products', 'SolutionPage'] }
			}),
			post: operation({
				operationId: 'createSolution',
				summary: 'Add a product',
				tag: 'solutions',
				access: 'write',
				body: 'SolutionInput',
				responses: { 201: ['The new product', 'Solution'] }
			})
		},
		'/api/v1/solutions/{id}': {
			get: operation({
				operationId: 'getSolution',
				summary: 'One product with the municipalities that use it',
				tag: 'solutions',
				access: 'public',
				parameters: [pathId('Product id')],
				responses: { 200: ['The product', 'Solution'] },
				errors: [404]
			}),
			patch: operation({
				operationId: 'updateSolution',
				summary: 'Change some fields of a product',
				tag: 'solutions',
				access: 'write',
				parameters: [pathId('Product id')],
				body: 'SolutionPatch',
				responses: { 200: ['The changed product', 'Solution'] },
				errors: [404]
			})
		},
		'/api/v1/adoptions': {
			get: operation({
				operationId: 'listAdoptions',
				summary: 'Which municipality uses which product, newest change first',
				tag: 'adoptions',
				access: 'public',
				parameters: queryParameters(AdoptionListQuerySchema),
				responses: { 200: ['One page of adoptions', 'AdoptionPage'] }
			}),
			put: operation({
				operationId: 'putAdoption',
				summary: "Record or replace your municipality's use of a product",
				tag: 'adoptions',
				access: 'write',
				body: 'AdoptionInput',
				responses: {
					200: ['The changed adoption', 'Adoption'],
					201: ['The new adoption', 'Adoption']
				},
				errors: [404]
			})
		},
		'/api/v1/adoptions/{id}': {
			get: operation({
				operationId: 'getAdoption',
				summary: 'One adoption',
				tag: 'adoptions',
				access: 'public',
				parameters: [pathId('Adoption id')],
				responses: { 200: ['The adoption', 'Adoption'] },
				errors: [404]
			}),
			delete: operation({
				operationId: 'deleteAdoption',
				summary: 'Remove an adoption of one of your municipalities',
				tag: 'adoptions',
				access: 'write',
				parameters: [pathId('Adoption id')],
				responses: { 204: ['Removed', null] },
				errors: [404]
			})
		},
		'/api/v1/reuse-requests': {
			get: operation({
				operationId: 'listReuseRequests',
				summary: 'Reuse requests of your municipalities, both directions, newest change first',
				tag: 'reuse requests',
				access: 'signed-in',
				parameters: queryParameters(ReuseRequestListQuerySchema),
				responses: { 200: ['One page of reuse requests', 'ReuseRequestPage'] }
			}),
			post: operation({
				operationId: 'createReuseRequest',
				summary: '"Das wollen wir auch": ask the owner of a project or a product user',
				description: 'The owner municipality is notified by e-mail.',
				tag: 'reuse requests',
				access: 'write',
				body: 'ReuseRequestInput',
				responses: { 201: ['The new request', 'ReuseRequest'] },
				errors: [404, 409, 429]
			})
		},
		'/api/v1/reuse-requests/{id}': {
			get: operation({
				operationId: 'getReuseRequest',
				summary: 'One reuse request your municipality takes part in',
				tag: 'reuse requests',
				access: 'signed-in',
				parameters: [pathId('Reuse request id')],
				responses: { 200: ['The request', 'ReuseRequest'] },
				errors: [404]
			})
		},
		'/api/v1/discussions': {
			get: operation({
				operationId: 'listDiscussions',
				summary: 'Discussion threads the caller may read, latest activity first (30 a page)',
				tag: 'discussions',
				access: 'signed-in',
				parameters: queryParameters(DiscussionListQuerySchema),
				responses: { 200: ['One page of threads', 'DiscussionPage'] },
				errors: [404]
			})
		},
		'/api/v1/discussions/{id}': {
			get: operation({
				operationId: 'getDiscussion',
				summary: 'One thread with its opening post and one page of replies',
				tag: 'discussions',
				access: 'signed-in',
				parameters: [pathId('Discussion id'), ...queryParameters(DiscussionQuerySchema)],
				responses: { 200: ['The thread', 'Discussion'] },
				errors: [404]
			})
		},
		'/api/v1/discussions/{id}/posts': {
			post: operation({
				operationId: 'replyToDiscussion',
				summary: 'Reply to a thread',
				description:
					'Members of a municipality with a confirmed address and the coordination; rate-limited per person.',
				tag: 'discussions',
				access: 'write',
				parameters: [pathId('Discussion id')],
				body: 'DiscussionReply',
				responses: { 201: ['The new reply', 'DiscussionReplyCreated'] },
				errors: [404, 429]
			})
		},
		'/api/v1/ideas': {
			get: operation({
				operationId: 'listIdeas',
				summary: 'The idea pool (members only), with support counts',
				tag: 'ideas',
				access: 'signed-in',
				parameters: queryParameters(IdeaListQuerySchema),
				responses: { 200: ['All ideas in the chosen order', 'IdeaList'] }
			})
		},
		'/api/v1/ideas/similar': {
			get: operation({
				operationId: 'findSimilarIdeas',
				summary: 'Open ideas like a draft title and problem (members only)',
				tag: 'ideas',
				access: 'signed-in',
				parameters: queryParameters(SimilarIdeasQuerySchema),
				responses: { 200: ['The closest open ideas', 'SimilarIdeas'] }
			})
		},
		'/api/v1/ideas/{id}': {
			get: operation({
				operationId: 'getIdea',
				summary: 'One idea with its supporters and history (members only)',
				tag: 'ideas',
				access: 'signed-in',
				parameters: [pathId('Idea id')],
				responses: { 200: ['The idea', 'Idea'] },
				errors: [404]
			})
		},
		'/api/v1/reuse-requests/{id}/transitions': {
			post: operation({
				operationId: 'transitionReuseRequest',
				summary: 'Move a reuse request on',
				description:
					'open → in_discussion → adopted | declined (owner side), or withdrawn (requester side).',
				tag: 'reuse requests',
				access: 'write',
				parameters: [pathId('Reuse request id')],
				body: 'ReuseRequestTransition',
				responses: { 200: ['The request in its new state', 'ReuseRequest'] },
				errors: [404, 409]
			})
		},
		'/api/v1/municipalities': {
			get: operation({
				operationId: 'listMunicipalities',
				summary: 'The register of municipalities (numbered pages)',
				tag: 'municipalities',
				access: 'public',
				parameters: [
					queryParam('membership', { type: 'string', enum: [...MEMBERSHIP_STATUSES] }),
					queryParam('type', { type: 'string', enum: [...MUNICIPALITY_TYPES] }),
					queryParam('association', { type: 'integer', minimum: 1 }, 'Association id'),
					queryParam('q', { type: 'string', maxLength: 100 }, 'Words of the name'),
					queryParam('sort', {
						type: 'string',
						enum: ['name', '-name', 'population', '-population'],
						default: 'name'
					}),
					queryParam('page', { type: 'integer', minimum: 1, default: 1 })
				],
				responses: { 200: ['One page of the register', 'MunicipalityPage'] }
			})
		},
		'/api/v1/municipalities/{ags}': {
			get: operation({
				operationId: 'getMunicipality',
				summary: 'One municipality by its key',
				tag: 'municipalities',
				access: 'public',
				parameters: [
					{
						name: 'ags',
						in: 'path',
						required: true,
						description: 'AGS (8 digits)',
						schema: { type: 'string', pattern: '^\\d{8}$' }
					}
				],
				responses: { 200: ['The municipality', 'Municipality'] },
				errors: [404]
			})
		},
		'/api/v1/me': {
			get: operation({
				operationId: 'getMe',
				summary: 'Who am I: person, municipalities, roles, scope',
				tag: 'account',
				access: 'signed-in',
				responses: { 200: ['The caller', 'Me'] }
			})
		},
		'/api/v1/tokens': {
			get: operation({
				operationId: 'listTokens',
				summary: "The caller's API tokens (never their secrets)",
				tag: 'account',
				access: 'signed-in',
				responses: { 200: ['The tokens', 'ApiTokenList'] }
			})
		},
		'/api/v1/tokens/{id}': {
			delete: operation({
				operationId: 'revokeToken',
				summary: 'Revoke one of your tokens',
				tag: 'account',
				access: 'write',
				parameters: [pathId('Token id')],
				responses: { 200: ['The revoked token', 'ApiToken'] },
				errors: [404]
			})
		},
		'/api/v1/audit-events': {
			get: operation({
				operationId: 'listAuditEvents',
				summary: 'The audit log, newest first (coordination only)',
				tag: 'audit',
				access: 'signed-in',
				parameters: [
					queryParam('action', { type: 'string', enum: [...AUDIT_ACTION_CODES] }),
					queryParam('actor', { type: 'string' }, 'Person id or e-mail address'),
					queryParam('municipality', { type: 'integer', minimum: 1 }, 'Municipality id'),
					queryParam('from', { type: 'string', format: 'date' }, 'First day (German time)'),
					queryParam('to', { type: 'string', format: 'date' }, 'Last day (German time)'),
					queryParam('before', { type: 'string' }, "The previous page's `nextCursor`")
				],
				responses: { 200: ['One page of events', 'AuditEventPage'] },
				errors: [403]
			})
		}
	};
}

let cached: { origin: string; document: JsonObject } | undefined;

/** The document, with this server as its server. Built once per origin and process. */
export function openApiDocument(origin: string): JsonObject {
	if (cached?.origin === origin) return cached.document;
	const document: JsonObject = {
		openapi: '3.1.0',
		info: {
			title: 'Drehscheibe API',
			version: '1',
			description:
				`Projects, solutions, adoptions, reuse requests and municipalities of the network. ` +
				`Authentication: \`Authorization: Bearer ds_…\` (a personal API token; reads work ` +
				`without one for public data). Lists are keyset pages of up to ${API_PAGE_SIZE_MAX} ` +
				`items: pass \`nextCursor\` as \`cursor\`. Every error is ` +
				'`{ "error": { "code", "message", "fields"? } }` with a stable code. See docs/api.md.'
		},
		servers: [{ url: origin }],
		tags: [
			{ name: 'projects' },
			{ name: 'solutions' },
			{ name: 'adoptions' },
			{ name: 'reuse requests' },
			{ name: 'discussions' },
			{ name: 'ideas' },
			{ name: 'municipalities' },
			{ name: 'search' },
			{ name: 'account' },
			{ name: 'audit' },
			{ name: 'meta' }
		],
		paths: paths(),
		components: {
			schemas: componentSchemas(),
			securitySchemes: {
				bearer: {
					type: 'http',
					scheme: 'bearer',
					description:
						'A personal API token (`ds_…`), made on /konto/api-schluessel; scope `read` or `read_write`.'
				}
			}
		}
	};
	cached = { origin, document };
	return document;
}
