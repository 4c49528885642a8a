/** German/English texts of events: kinds, audiences, registration states and problem codes. */
import { m } from '$lib/paraglide/messages';

const kindTexts: Record<string, () => string> = {
	conference: () => m.events_kind_conference(),
	network_meeting: () => m.events_kind_network_meeting(),
	workshop: () => m.events_kind_workshop(),
	online_session: () => m.events_kind_online_session()
};

export const EVENT_KIND_OPTIONS = Object.keys(kindTexts);

export function eventKindLabel(kind: string): string {
	return kindTexts[kind]?.() ?? kind;
}

export function audienceLabel(audience: string): string {
	return audience === 'public' ? m.events_audience_public() : m.events_audience_members();
}

const errorTexts: Record<string, () => string> = {
	title_required: () => m.events_error_title_required(),
	too_long: () => m.events_error_too_long(),
	kind_invalid: () => m.events_error_kind_invalid(),
	audience_invalid: () => m.events_error_audience_invalid(),
	date_required: () => m.events_error_date_required(),
	time_required: () => m.events_error_time_required(),
	time_invalid: () => m.events_error_time_invalid(),
	end_before_start: () => m.events_error_end_before_start(),
	place_required: () => m.events_error_place_required(),
	url_invalid: () => m.events_error_url_invalid(),
	capacity_invalid: () => m.events_error_capacity_invalid(),
	organiser_invalid: () => m.events_error_organiser_invalid(),
	project_required: () => m.events_error_project_required(),
	not_own_project: () => m.events_error_not_own_project(),
	call_closed: () => m.events_error_call_closed(),
	already_proposed: () => m.events_error_already_proposed(),
	already_decided: () => m.events_error_already_decided(),
	stars_invalid: () => m.events_error_stars_invalid(),
	subject_required: () => m.events_error_subject_required(),
	message_required: () => m.events_error_message_required(),
	event_over: () => m.events_error_event_over(),
	name_required: () => m.events_error_name_required(),
	organisation_required: () => m.events_error_organisation_required(),
	email_required: () => m.events_error_email_required(),
	email_invalid: () => m.events_error_email_invalid()
};

export function eventErrorText(code: string): string {
	return errorTexts[code]?.() ?? m.events_error_unknown();
}

/** The translated first problem of each field. */
export function eventFieldTexts(
	fields: Record<string, string> | undefined
): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [field, code] of Object.entries(fields ?? {})) result[field] = eventErrorText(code);
	return result;
}
