/** German/English texts for the problem codes of API tokens (message keys of the auth module). */
import { m } from '$lib/paraglide/messages';

const texts: Record<string, () => string> = {
	api_token_name_required: () => m.api_token_name_required(),
	api_token_name_too_long: () => m.api_token_name_too_long(),
	api_token_scope_required: () => m.api_token_scope_required(),
	api_token_days_required: () => m.api_token_days_required(),
	api_token_days_invalid: () => m.api_token_days_invalid(),
	api_token_not_found: () => m.api_token_not_found()
};

export function apiTokenErrorText(code: string): string {
	return (texts[code] ?? (() => m.form_error_unknown()))();
}
