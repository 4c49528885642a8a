/**
 * Turns domain errors into SvelteKit HTTP errors, with the status from the one table in
 * errors.ts. The web layer is the only place that knows about SvelteKit.
 */
import { error } from '@sveltejs/kit';
import { isDomainError } from '../errors';

export async function orHttpError<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (caught) {
		if (isDomainError(caught)) error(caught.status, { message: caught.message });
		throw caught;
	}
}
