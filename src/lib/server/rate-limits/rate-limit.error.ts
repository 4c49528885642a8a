/**
 * The error a refused call ends in: `RATE_LIMITED` (HTTP 429) with a German message that says how
 * long to wait, and the seconds for a `Retry-After` header. A subclass rather than a field on
 * `DomainError`, because errors.ts is shared; `isDomainError` and the status table still apply.
 */
import { DomainError } from '../errors';
import type { RateLimitDecision } from './rate-limit.bucket';

export class RateLimitedError extends DomainError {
	constructor(readonly retryAfterSeconds: number) {
		super('RATE_LIMITED', rateLimitMessage(retryAfterSeconds));
		this.name = 'RateLimitedError';
	}
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** "15 Minuten", "1 Stunde", "2 Tage": rounded up, so nobody retries too early. */
export function formatWait(seconds: number): string {
	const s = Math.max(1, Math.ceil(seconds));
	if (s <= 90) return plural(s, 'Sekunde', 'Sekunden');
	if (s <= 90 * 60) return plural(Math.ceil(s / 60), 'Minute', 'Minuten');
	if (s <= 36 * 3600) return plural(Math.ceil(s / 3600), 'Stunde', 'Stunden');
	return plural(Math.ceil(s / 86400), 'Tag', 'Tage');
}

export function rateLimitMessage(retryAfterSeconds: number): string {
	return `Zu viele Versuche. Bitte warten Sie ${formatWait(retryAfterSeconds)} und versuchen Sie es dann erneut.`;
}

export function rateLimited(retryAfterSeconds: number): RateLimitedError {
	return new RateLimitedError(Math.max(1, Math.ceil(retryAfterSeconds)));
}

/** Throws `RATE_LIMITED` when the decision refused the call. */
export function assertAllowed(decision: RateLimitDecision): void {
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

/** Seconds for `Retry-After` when `error` is a refused call, otherwise undefined. */
export function retryAfterOf(error: unknown): number | undefined {
	return error instanceof RateLimitedError ? error.retryAfterSeconds : undefined;
}
