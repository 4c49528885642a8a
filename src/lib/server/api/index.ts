/**
 * The JSON API's catalogue side (`/api/v1`): presenters that whitelist what leaves the server,
 * keyset pages that apply the project visibility rule, the adapters from API bodies to the
 * modules' use cases, and the OpenAPI 3.1 document built from the same schemas.
 */
export {
	AdoptionListQuerySchema,
	API_PAGE_SIZE,
	API_PAGE_SIZE_MAX,
	parseQuery,
	ProjectListQuerySchema,
	ReuseRequestListQuerySchema,
	SolutionListQuerySchema
} from './api.query';
export {
	createProjectForApi,
	deleteProjectForApi,
	getProjectForApi,
	listProjectsForApi,
	updateProjectForApi
} from './project.service';
export {
	createSolutionForApi,
	deleteAdoptionForApi,
	getAdoptionForApi,
	getSolutionForApi,
	listAdoptionsForApi,
	listSolutionsForApi,
	putAdoptionForApi,
	updateSolutionForApi
} from './solution.service';
export {
	createReuseRequestForApi,
	getReuseRequestForApi,
	listReuseRequestsForApi,
	transitionReuseRequestForApi
} from './reuse-request.service';
export { openApiDocument } from './openapi';
export {
	DiscussionListQuerySchema,
	DiscussionQuerySchema,
	getDiscussionForApi,
	listDiscussionsForApi,
	replyToDiscussionForApi
} from './discussion.api';
