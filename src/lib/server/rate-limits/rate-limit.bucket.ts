/**
 * The arithmetic of a rate limit, free of the database: given the stored bucket (if any), the
 * limits and the time, what is the new bucket and is the call allowed? The service runs this
 * between reading the locked row and writing it back.
 */

/** What a caller asks for: a key and the limits that apply to it. */
export interface RateLimitRequest {
	/** What is limited, per what: `scope:subject`. Build it with `rateLimitKey`. */
	key: string;
	/** Calls allowed per window. */
	limit: number;
	windowSeconds: number;
	/**
	 * The call after the last allowed one blocks the key for this long; without it the key is
	 * simply refused until its window ends.
	 */
	blockSeconds?: number;
	/**
	 * Each further block in a row lasts twice as long as the one before, up to this; without it
	 * every block lasts `blockSeconds`. Blocks in a row are forgotten once this much time has passed
	 * after the last block ended.
	 */
	maxBlockSeconds?: number;
}

export interface RateLimitDecision {
	allowed: boolean;
	/** Calls left in the current window (0 when refused). */
	remaining: number;
	/** Seconds until a call may succeed again; 0 when allowed. For the `Retry-After` header. */
	retryAfterSeconds: number;
	/** True only for the call that started a block: the one moment worth an audit entry. */
	isBlockStarted: boolean;
}

export interface Bucket {
	count: number;
	windowStartedAt: Date;
	blockedUntil: Date | null;
	blockCount: number;
	expiresAt: Date;
}

export interface BucketStep {
	bucket: Bucket;
	decision: RateLimitDecision;
	/** False when nothing needs to be written (a refused call during a block). */
	isChanged: boolean;
}

const MAX_WINDOW_SECONDS = 366 * 24 * 3600;

/** Throws on a request no policy should produce; these are programming errors, not user input. */
export function assertValidRequest(request: RateLimitRequest): void {
	const { key, limit, windowSeconds, blockSeconds, maxBlockSeconds } = request;
	if (!/^[a-z][a-z0-9_-]*:[^\s@]+$/.test(key) || key.length > 200) {
		// An @ means an e-mail address in clear: keys must hold its pseudonym (rateLimitKey).
		throw new Error(`invalid rate limit key "${key.slice(0, 40)}": use rateLimitKey()`);
	}
	const isWhole = (value: number, max: number) =>
		Number.isInteger(value) && value >= 1 && value <= max;
	if (!isWhole(limit, 1_000_000)) throw new Error(`invalid rate limit: ${limit}`);
	if (!isWhole(windowSeconds, MAX_WINDOW_SECONDS))
		throw new Error(`invalid window: ${windowSeconds}`);
	if (blockSeconds !== undefined && !isWhole(blockSeconds, MAX_WINDOW_SECONDS)) {
		throw new Error(`invalid block: ${blockSeconds}`);
	}
	if (maxBlockSeconds !== undefined) {
		if (blockSeconds === undefined) throw new Error('maxBlockSeconds needs blockSeconds');
		if (!isWhole(maxBlockSeconds, MAX_WINDOW_SECONDS) || maxBlockSeconds < blockSeconds) {
			throw new Error(`invalid maximum block: ${maxBlockSeconds}`);
		}
	}
}

/** Whole seconds from `now` until `until`, at least 1 (a client must not retry at once). */
function secondsUntil(until: number, now: number): number {
	return Math.max(1, Math.ceil((until - now) / 1000));
}

/** How long the n-th block in a row lasts: doubling from `blockSeconds`, capped. */
export function blockDurationSeconds(request: RateLimitRequest, blockCount: number): number {
	const first = request.blockSeconds ?? 0;
	const max = request.maxBlockSeconds ?? first;
	// 2 ** 60 is far past any cap; larger exponents only risk Infinity arithmetic.
	return Math.min(max, first * 2 ** Math.min(Math.max(0, blockCount - 1), 60));
}

/** Counts one call against the bucket. */
export function nextBucket(
	current: Bucket | undefined,
	request: RateLimitRequest,
	nowDate: Date
): BucketStep {
	const now = nowDate.getTime();
	// An expired row (not yet purged) counts as no row: its window and blocks are over.
	const live = current && current.expiresAt.getTime() > now ? current : undefined;

	if (live?.blockedUntil && live.blockedUntil.getTime() > now) {
		return {
			bucket: live,
			isChanged: false,
			decision: {
				allowed: false,
				remaining: 0,
				retryAfterSeconds: secondsUntil(live.blockedUntil.getTime(), now),
				isBlockStarted: false
			}
		};
	}

	const windowMs = request.windowSeconds * 1000;
	const isWindowOpen = live !== undefined && now < live.windowStartedAt.getTime() + windowMs;
	const windowStart = isWindowOpen ? live.windowStartedAt.getTime() : now;
	const windowEnd = windowStart + windowMs;
	const count = (isWindowOpen ? live.count : 0) + 1;
	let blockCount = live?.blockCount ?? 0;
	// A past block stays on the row: it anchors how long its strike is remembered.
	let blockedUntil = live?.blockedUntil?.getTime() ?? null;
	let decision: RateLimitDecision;

	if (count <= request.limit) {
		decision = {
			allowed: true,
			remaining: request.limit - count,
			retryAfterSeconds: 0,
			isBlockStarted: false
		};
	} else if (request.blockSeconds !== undefined) {
		blockCount += 1;
		const seconds = blockDurationSeconds(request, blockCount);
		blockedUntil = now + seconds * 1000;
		decision = { allowed: false, remaining: 0, retryAfterSeconds: seconds, isBlockStarted: true };
	} else {
		decision = {
			allowed: false,
			remaining: 0,
			retryAfterSeconds: secondsUntil(windowEnd, now),
			isBlockStarted: false
		};
	}

	const memoryMs = (request.maxBlockSeconds ?? request.blockSeconds ?? 0) * 1000;
	const expiresAt = Math.max(windowEnd, blockedUntil === null ? 0 : blockedUntil + memoryMs);
	return {
		bucket: {
			count,
			windowStartedAt: new Date(windowStart),
			blockedUntil: blockedUntil === null ? null : new Date(blockedUntil),
			blockCount,
			expiresAt: new Date(expiresAt)
		},
		decision,
		isChanged: true
	};
}
