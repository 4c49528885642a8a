/** German/English texts for the problem codes (message keys) the memberships module reports. */
import { m } from '$lib/paraglide/messages';
import { authErrorText } from '$lib/components/auth/error-text';

const texts: Record<string, () => string> = {
	last_admin: () => m.joining_error_last_admin(),
	already_member: () => m.joining_error_already_member(),
	ags_required: () => m.joining_error_ags_required(),
	municipalities_not_one_association: () => m.joining_error_not_one_association(),
	too_many_municipalities: () => m.joining_error_too_many(),
	role_invalid: () => m.joining_error_role_invalid(),
	password_mismatch: () => m.joining_error_password_mismatch(),
	password_repeat_required: () => m.joining_error_password_repeat_required(),
	reason_required: () => m.joining_error_reason_required(),
	reason_too_long: () => m.joining_error_too_long(),
	message_too_long: () => m.joining_error_too_long(),
	phone_too_long: () => m.joining_error_too_long(),
	application_decided: () => m.joining_error_application_decided(),
	forbidden: () => m.joining_error_forbidden(),
	invitation_account_exists: () => m.joining_error_account_exists(),
	invitation_signed_in: () => m.joining_error_signed_in()
};

/** The text of a problem code; `field` distinguishes "already a member" of a person from a municipality. */
export function joiningErrorText(code: string, field?: string): string {
	if (code === 'already_member' && field === 'ags') return m.joining_error_municipality_member();
	const text = texts[code];
	return text ? text() : authErrorText(code);
}

/** The translated first problem of each field. */
export function fieldTexts(fields: Record<string, string> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [field, code] of Object.entries(fields ?? {})) {
		result[field] = joiningErrorText(code, field);
	}
	return result;
}
