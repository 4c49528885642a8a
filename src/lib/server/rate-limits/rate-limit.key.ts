/** Keys of rate-limit buckets: `<scope>:<subject>`, with e-mail addresses never in clear. */
import { emailPseudonym } from '../text/pseudonym';
import type { RateLimitRequest } from './rate-limit.bucket';
import { policyLimits, type RateLimitPolicy } from './rate-limit.policies';
import { addressBucket } from './client-address';

/**
 * The key of `policy` for one subject: an e-mail address (hashed), a client address (IPv6 per
 * /64; `null` for an unknown address shares one bucket) or a person's id.
 */
export function rateLimitKey(policy: RateLimitPolicy, subject: string | number | null): string {
	switch (policy.subject) {
		case 'email':
			if (typeof subject !== 'string')
				throw new TypeError(`${policy.scope} needs an e-mail address`);
			return `${policy.scope}:${emailPseudonym(subject)}`;
		case 'address':
			if (typeof subject === 'number') throw new TypeError(`${policy.scope} needs an address`);
			return `${policy.scope}:${addressBucket(subject)}`;
		case 'person':
			if (typeof subject !== 'number' || !Number.isSafeInteger(subject) || subject < 1) {
				throw new TypeError(`${policy.scope} needs a person id`);
			}
			return `${policy.scope}:${subject}`;
	}
}

/** Key and limits in one: what `consumeRateLimit` takes. */
export function rateLimitRequest(
	policy: RateLimitPolicy,
	subject: string | number | null
): RateLimitRequest {
	return { key: rateLimitKey(policy, subject), ...policyLimits(policy) };
}
