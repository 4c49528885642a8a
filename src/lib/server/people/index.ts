/** People: profiles, the people directory, notification settings, data export and deletion. */
export {
	getPerson,
	listDirectoryFacets,
	listPeople,
	type DirectoryFacets,
	type DirectoryPage,
	type PersonDetail,
	type PersonMunicipality,
	type PersonSummary
} from './directory.service';
export {
	getNotificationSettings,
	getOwnProfile,
	notificationSettingsOf,
	updateNotificationSettings,
	updateProfile,
	type OwnProfile
} from './profile.service';
export {
	deleteAccount,
	deletedPersonEmail,
	exportAccount,
	FORMER_MEMBER_NAME,
	type AccountExport
} from './account.service';
export { ACCOUNT_EXPORT_SECTIONS, type AccountExportSection } from './account-export.sections';
export { canSeeContact, visibleContact, type ContactViewer } from './contact.policy';
export {
	accountDeletionProblem,
	canEditOwnProfile,
	canManageOwnAccount,
	canUseDirectory,
	canViewProfile
} from './person.policy';
export {
	DeleteAccountSchema,
	DIRECTORY_PAGE_SIZE,
	DirectoryFilterSchema,
	NOTIFICATION_SETTING_KEYS,
	NotificationSettingsSchema,
	parseDirectoryFilter,
	parseNotificationSettings,
	PROFILE_LIMITS,
	UpdateProfileSchema,
	type DeleteAccountInput,
	type DirectoryFilter,
	type NotificationSettings,
	type UpdateProfileInput
} from './person.schema';
