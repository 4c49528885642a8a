/** Problems of the overview's forms: `overview_error_<code>` messages. */
import { m } from '$lib/paraglide/messages';

export function overviewError(code: string | undefined | null): string | null {
	if (!code) return null;
	const key = `overview_error_${code}` as keyof typeof m;
	const message = m[key] as ((inputs?: object) => string) | undefined;
	return typeof message === 'function' ? message() : m.overview_error_unknown();
}
