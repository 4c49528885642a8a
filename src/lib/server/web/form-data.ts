/**
 * A text field of a submitted form: the string, or '' when it is missing or a file. Cut at
 * `maxLength` characters, so that an oversized value is refused by the use case's schema with a
 * length message instead of being carried around whole.
 */
export function formText(form: FormData, name: string, maxLength = 10_000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, maxLength) : '';
}
