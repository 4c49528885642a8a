export {
	getProductReuseSummary,
	getProjectReuseSummary,
	getReuseRequest,
	getReuseRequestForm,
	linkReuseResult,
	listReuseRequests,
	requestReuse,
	REUSE_REQUESTS_PER_PERSON,
	transitionReuseRequest,
	type ReuseMailOrigin,
	type ReuseRequestFormView,
	type ReuseRequestListItem,
	type ReuseRequestView,
	type ReuseSummary
} from './reuse.service';
export {
	ACTIVE_REUSE_STATUSES,
	allowedReuseTransitions,
	canSeeReuseRequest,
	REUSE_TRANSITIONS
} from './reuse.policy';
export { MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH } from './reuse.schema';
export { REUSE_REQUEST_STATUSES, type ReuseRequestStatus } from '../db/schema';
