export {
	consumeRateLimit,
	purgeExpiredRateLimits,
	refundRateLimit,
	resetRateLimit
} from './rate-limit.service';
export type { RateLimitDecision, RateLimitRequest } from './rate-limit.bucket';
export {
	RATE_LIMIT_POLICIES,
	policyLimits,
	type RateLimitPolicy,
	type RateLimitPolicyName,
	type RateLimitSubject
} from './rate-limit.policies';
export { rateLimitKey, rateLimitRequest } from './rate-limit.key';
export {
	assertAllowed,
	formatWait,
	rateLimited,
	RateLimitedError,
	retryAfterOf
} from './rate-limit.error';
export {
	addressBucket,
	clientAddress,
	normaliseAddress,
	type ClientAddressOptions,
	type HeaderSource
} from './client-address';
