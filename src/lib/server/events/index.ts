export {
	ATTENDEE_COLUMNS,
	cancelRegistration,
	createEvent,
	EVENT_KIND_LABELS_DE,
	exportAttendees,
	getEvent,
	getEventForm,
	listAttendees,
	listEvents,
	messageAttendees,
	registerForEvent,
	REMINDER_LEAD_HOURS,
	sendEventReminders,
	updateEvent,
	type AttendeeList,
	type EventListItem,
	type EventMailOrigin,
	type EventView
} from './event.service';
export {
	acceptPitch,
	addSession,
	currentAndNext,
	declinePitch,
	getPitchSummary,
	getProgramme,
	proposePitch,
	ratePitch,
	setPitchRecording,
	type Programme,
	type ProgrammeItem,
	type ProposalItem,
	type PitchSummaryRow
} from './programme.service';
export {
	getEventCalendar,
	getPersonalCalendar,
	getPublicCalendar,
	hasCalendarToken,
	rotateCalendarToken,
	type CalendarFile
} from './calendar.service';
export { startEventReminders } from './event.reminders';
export { EVENT_TIME_ZONE, formatLocalRange, instantToLocal, localToInstant } from './event.time';
export {
	cancelGuestRegistration,
	confirmGuestRegistration,
	getGuestCancellation,
	getGuestConfirmation,
	GUEST_CONFIRM_HOURS,
	purgeExpiredGuestRequests,
	requestGuestRegistration,
	type GuestTokenView
} from './guest.service';
