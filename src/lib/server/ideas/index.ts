/** The idea pool and joint projects (decision 0025): public surface of the module. */
export {
	changeIdeaState,
	convertIdea,
	createIdea,
	findSimilarToDraft,
	getIdea,
	IDEA_POSTS_PER_PERSON,
	listIdeaAuthorChoices,
	listIdeas,
	supportIdea,
	withdrawSupport,
	type IdeaListItem,
	type IdeaSupportView,
	type IdeaView,
	type SimilarIdea
} from './idea.service';
export {
	allocatePoints,
	closeRound,
	getRound,
	listRounds,
	openRound,
	type RoundView
} from './round.service';
export {
	addMilestone,
	getJointProject,
	postProgressUpdate,
	removeMember,
	removeMilestone,
	setMember,
	updateMilestone,
	type JointProjectView
} from './joint-project.service';
export { canSeeIdeas, IDEA_TRANSITIONS, isReasonRequired } from './idea.policy';
export { IDEA_LIMITS, IDEA_SORTS, type IdeaSort } from './idea.schema';
export {
	ideaForApi,
	listIdeasForApi,
	SimilarIdeasQuerySchema,
	similarIdeasForApi
} from './idea.api';
export {
	IDEA_STATUSES,
	MILESTONE_STATUSES,
	type IdeaStatus,
	type MilestoneStatus
} from '../db/schema';
