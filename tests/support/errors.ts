/** Catching the domain error a use case throws, for asserting its code and fields. */
import { DomainError, isDomainError } from '../../src/lib/server/errors';

/** The DomainError `work` rejects with; fails the test when it resolves or throws anything else. */
export async function errorOf(work: Promise<unknown>): Promise<DomainError> {
	const error = await work.then(
		() => undefined,
		(caught: unknown) => caught
	);
	if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error;
}
