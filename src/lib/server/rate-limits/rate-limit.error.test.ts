import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import {
	assertAllowed,
	formatWait,
	rateLimited,
	RateLimitedError,
	retryAfterOf
} from './rate-limit.error';

describe('rateLimited', () => {
	it('is a RATE_LIMITED domain error (HTTP 429) with a German message and the wait', () => {
		const error = rateLimited(900);
		expect(isDomainError(error)).toBe(true);
		expect(error.code).toBe('RATE_LIMITED');
		expect(error.status).toBe(429);
		expect(error.retryAfterSeconds).toBe(900);
		expect(error.message).toBe(
			'Zu viele Versuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.'
		);
		expect(retryAfterOf(error)).toBe(900);
		expect(retryAfterOf(new Error('x'))).toBeUndefined();
	});

	it('never tells a client to retry at once', () => {
		expect(rateLimited(0).retryAfterSeconds).toBe(1);
		expect(rateLimited(0.2).retryAfterSeconds).toBe(1);
	});
});

describe('assertAllowed', () => {
	it('passes allowed calls and throws for refused ones', () => {
		expect(() =>
			assertAllowed({ allowed: true, remaining: 2, retryAfterSeconds: 0, isBlockStarted: false })
		).not.toThrow();
		expect(() =>
			assertAllowed({ allowed: false, remaining: 0, retryAfterSeconds: 60, isBlockStarted: true })
		).toThrow(RateLimitedError);
	});
});

describe('formatWait', () => {
	it.each([
		[1, '1 Sekunde'],
		[45, '45 Sekunden'],
		[91, '2 Minuten'],
		[900, '15 Minuten'],
		[5400, '90 Minuten'],
		[5401, '2 Stunden'],
		[3600 * 24, '24 Stunden'],
		[3600 * 36 + 1, '2 Tage'],
		[86_400 * 7, '7 Tage']
	])('%i s -> %s', (seconds, text) => {
		expect(formatWait(seconds)).toBe(text);
	});
});
