/** German/English texts of discussions: kinds and the problem codes of the module. */
import { m } from '$lib/paraglide/messages';

export function kindLabel(kind: string): string {
	return kind === 'question' ? m.discussions_kind_question() : m.discussions_kind_discussion();
}

const errorTexts: Record<string, () => string> = {
	title_required: () => m.discussions_error_title_required(),
	title_too_short: () => m.discussions_error_title_too_short(),
	title_too_long: () => m.discussions_error_title_too_long(),
	body_required: () => m.discussions_error_body_required(),
	body_too_long: () => m.discussions_error_body_too_long(),
	domain_required: () => m.discussions_error_domain_required(),
	kind_invalid: () => m.discussions_error_kind_invalid(),
	reason_required: () => m.discussions_error_reason_required(),
	reason_too_long: () => m.discussions_error_reason_too_long(),
	already_reported: () => m.discussions_error_already_reported(),
	already_decided: () => m.discussions_error_already_decided()
};

export function discussionErrorText(code: string): string {
	const text = errorTexts[code];
	return text ? text() : m.discussions_error_unknown();
}

/** The translated first problem of each field. */
export function discussionFieldTexts(
	fields: Record<string, string> | undefined
): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [field, code] of Object.entries(fields ?? {})) {
		result[field] = discussionErrorText(code);
	}
	return result;
}
