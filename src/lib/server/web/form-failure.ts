/**
 * Turns a use case's domain error in a form action into what the form shows: `fail()` with the
 * first problem per field (INVALID, CONFLICT, a FORBIDDEN that names a field) or a 429 with
 * `Retry-After` (RATE_LIMITED). NOT_FOUND and other refusals become error pages; anything
 * unexpected is rethrown for the error hook.
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { isDomainError } from '../errors';
import { retryAfterOf } from '../rate-limits';

export interface FormProblem<V> {
	fields: Record<string, string>;
	retryAfterSeconds: number;
	values: V;
	/** Which form on the page failed, when a page has several. */
	formId?: string;
}

export function formFailure<V>(
	caught: unknown,
	setHeaders: (headers: Record<string, string>) => void,
	values: V,
	formId?: string
): ActionFailure<FormProblem<V>> {
	const retryAfterSeconds = retryAfterOf(caught);
	if (retryAfterSeconds !== undefined) {
		setHeaders({ 'retry-after': String(retryAfterSeconds) });
		return fail(429, { fields: {}, retryAfterSeconds, values, formId });
	}
	if (isDomainError(caught)) {
		const hasFields = Object.keys(caught.fields).length > 0;
		if (caught.code === 'INVALID' || caught.code === 'CONFLICT' || hasFields) {
			const fields = hasFields ? caught.fields : { form: 'unknown' };
			return fail(caught.status, { fields, retryAfterSeconds: 0, values, formId });
		}
		error(caught.status, { message: caught.message });
	}
	throw caught;
}
