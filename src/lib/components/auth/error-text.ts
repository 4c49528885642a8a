/** German/English texts for the problem codes (message keys) the auth module reports. */
import { m } from '$lib/paraglide/messages';

const texts: Record<string, () => string> = {
	sign_in_failed: () => m.sign_in_failed(),
	email_required: () => m.email_required(),
	email_invalid: () => m.email_invalid(),
	email_taken: () => m.email_taken(),
	name_required: () => m.name_required(),
	name_too_long: () => m.name_too_long(),
	job_title_too_long: () => m.job_title_too_long(),
	password_required: () => m.password_required(),
	password_too_short: () => m.password_too_short(),
	password_too_long: () => m.password_too_long(),
	password_too_common: () => m.password_too_common(),
	password_contains_personal: () => m.password_contains_personal(),
	password_contains_network_word: () => m.password_contains_network_word(),
	current_password_required: () => m.current_password_required(),
	current_password_wrong: () => m.current_password_wrong(),
	code_required: () => m.code_required(),
	code_invalid: () => m.code_invalid(),
	email_unchanged: () => m.email_unchanged(),
	link_invalid: () => m.reset_link_invalid(),
	challenge_expired: () => m.sign_in_challenge_expired(),
	two_factor_required: () => m.two_factor_disable_required(),
	two_factor_already_enabled: () => m.two_factor_already_enabled(),
	two_factor_not_enabled: () => m.two_factor_not_enabled()
};

export function authErrorText(code: string): string {
	return (texts[code] ?? (() => m.form_error_unknown()))();
}
