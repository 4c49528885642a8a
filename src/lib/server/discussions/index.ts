/** Discussions ("Austausch"): public surface of the module. */
export {
	acceptAnswer,
	createDiscussion,
	DISCUSSION_WRITES_PER_PERSON,
	dismissReport,
	editPost,
	getDiscussion,
	getNewDiscussionForm,
	getPostForEdit,
	getPostHistory,
	hideReportedPost,
	listDiscussions,
	listOpenReports,
	listSubjectDiscussions,
	quoteForReply,
	replyToDiscussion,
	reportPost,
	type DiscussionList,
	type DiscussionListItem,
	type DiscussionView,
	type NewDiscussionForm,
	type PostEditView,
	type PostHistoryView,
	type PostView,
	type ReportView,
	type SubjectDiscussions
} from './discussion.service';
export { canModerateDiscussions, canPostInDiscussions } from './discussion.policy';
export { DISCUSSION_LIMITS, REPLIES_PER_PAGE } from './discussion.schema';
export { formatSubjectRef, parseSubjectRef, type SubjectView } from './discussion.subjects';
export { postAnchor } from './discussion.quote';
