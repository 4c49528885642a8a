/** German/English texts of reuse requests: state labels and the problem codes of the module. */
import { m } from '$lib/paraglide/messages';

export type ReuseStatus = 'open' | 'in_discussion' | 'adopted' | 'declined' | 'withdrawn';

const statusTexts: Record<ReuseStatus, () => string> = {
	open: () => m.reuse_status_open(),
	in_discussion: () => m.reuse_status_in_discussion(),
	adopted: () => m.reuse_status_adopted(),
	declined: () => m.reuse_status_declined(),
	withdrawn: () => m.reuse_status_withdrawn()
};

export const REUSE_STATUS_ORDER: readonly ReuseStatus[] = [
	'open',
	'in_discussion',
	'adopted',
	'declined',
	'withdrawn'
];

export function reuseStatusLabel(status: string): string {
	const text = statusTexts[status as ReuseStatus];
	return text ? text() : status;
}

const actionTexts: Record<ReuseStatus, () => string> = {
	open: () => m.reuse_status_open(),
	in_discussion: () => m.reuse_action_in_discussion(),
	adopted: () => m.reuse_action_adopted(),
	declined: () => m.reuse_action_declined(),
	withdrawn: () => m.reuse_action_withdrawn()
};

export function reuseActionLabel(status: string): string {
	const text = actionTexts[status as ReuseStatus];
	return text ? text() : status;
}

/** "Von 1 Kommune nachgenutzt", "Von 3 Kommunen nachgenutzt". */
export function adoptedCountText(count: number): string {
	if (count === 0) return m.reuse_box_count_none();
	if (count === 1) return m.reuse_box_count_one();
	return m.reuse_box_count_many({ count });
}

const errorTexts: Record<string, () => string> = {
	message_required: () => m.reuse_error_message_required(),
	message_too_long: () => m.reuse_error_message_too_long(),
	note_required: () => m.reuse_error_note_required(),
	note_too_long: () => m.reuse_error_note_too_long(),
	own_subject: () => m.reuse_error_own_subject(),
	municipality_not_allowed: () => m.reuse_error_municipality_not_allowed(),
	municipality_required: () => m.reuse_error_municipality_required(),
	already_requested: () => m.reuse_error_already_requested(),
	owner_not_running: () => m.reuse_error_owner_not_running(),
	owner_required: () => m.reuse_error_owner_required(),
	status_invalid: () => m.reuse_error_status_invalid(),
	transition_not_allowed: () => m.reuse_error_transition_not_allowed(),
	project_not_own: () => m.reuse_error_project_not_own(),
	link_not_possible: () => m.reuse_error_link_not_possible()
};

export function reuseErrorText(code: string): string {
	const text = errorTexts[code];
	return text ? text() : m.reuse_error_unknown();
}

/** The translated first problem of each field. */
export function reuseFieldTexts(
	fields: Record<string, string> | undefined
): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [field, code] of Object.entries(fields ?? {})) result[field] = reuseErrorText(code);
	return result;
}
