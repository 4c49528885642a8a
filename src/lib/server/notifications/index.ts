export {
	publishEvent,
	SUBJECT_TYPES,
	type EventAudience,
	type NotificationEventInput,
	type Subject,
	type SubjectType
} from './publish';
export { followSubject, isFollowing, parseSubject, subjectKey, unfollowSubject } from './follows';
export {
	CENTRE_PAGE_SIZE,
	changeFollow,
	countUnread,
	followState,
	followTarget,
	getMailMode,
	isValidUnsubscribeToken,
	listFollows,
	listNotifications,
	markAllRead,
	markRead,
	purgeReadNotifications,
	READ_NOTIFICATION_RETENTION_DAYS,
	setMailMode,
	unsubscribeByToken,
	type NotificationPage,
	type NotificationView
} from './centre';
export { MAIL_MODES, DEFAULT_MAIL_MODE, isMailMode, unsubscribeToken } from './preferences';
export { digestPeriodStart, sendDueDigests, type DigestPeriod } from './digest';
export { fanOutEvents, mayLearnOf } from './fanout';
export { resolveSubject, type SubjectView } from './subjects';
export { runNotificationWork, startNotificationWorker } from './worker';
