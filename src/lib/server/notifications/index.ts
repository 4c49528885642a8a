export {
	publishEvent,
	SUBJECT_TYPES,
	type EventAudience,
	type NotificationEventInput,
	type Subject,
	type SubjectType
} from './publish';
export { followSubject, isFollowing, parseSubject, subjectKey, unfollowSubject } from './follows';
