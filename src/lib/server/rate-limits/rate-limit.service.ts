/**
 * Use cases of the rate limits. They are called by the use cases they protect (sign-in, password
 * reset, invitations, applications), not by an HTTP middleware, so that a call from a form
 * action, the API or the CLI is counted the same way. The counters live in the database, so
 * every instance of the application sees the same ones.
 *
 * Typical sign-in:
 *
 *   const account = rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, email);
 *   const address = rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS, clientIp);
 *   assertAllowed(await consumeRateLimit(ctx, address));
 *   assertAllowed(await consumeRateLimit(ctx, account));
 *   if (passwordMatches) {
 *     await resetRateLimit(ctx, account.key);   // the account's strikes are forgiven
 *     await refundRateLimit(ctx, address.key);  // the address counts failures only
 *   }
 */
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import {
	assertValidRequest,
	nextBucket,
	type RateLimitDecision,
	type RateLimitRequest
} from './rate-limit.bucket';
import {
	decrementBucket,
	deleteBucket,
	deleteExpiredBuckets,
	lockBucket,
	saveBucket
} from './rate-limit.repository';

function assertOwnTransaction(ctx: Ctx, what: string): void {
	// A count inside the caller's transaction would vanish with its rollback: a failed sign-in
	// that throws would then never be counted. The limits commit on their own.
	if (ctx.db.isTransaction) throw new Error(`${what} must not run inside a transaction`);
}

/**
 * Counts one call against `request.key` and says whether it may go ahead. Atomic: the row is
 * locked for the read-count-write, so two instances calling at once cannot both take the last
 * slot. A refused call during a block is not counted; the call after the last allowed one starts
 * a block when the request has `blockSeconds`.
 */
export async function consumeRateLimit(
	ctx: Ctx,
	request: RateLimitRequest
): Promise<RateLimitDecision> {
	assertValidRequest(request);
	assertOwnTransaction(ctx, 'consumeRateLimit');
	const now = ctx.now();
	const nowIso = now.toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const current = await lockBucket(tx, request.key, nowIso);
		const step = nextBucket(current, request, now);
		if (step.isChanged) await saveBucket(tx, request.key, step.bucket, nowIso);
		return step.decision;
	});
}

/** Forgets everything about `key`: its count, a running block and the blocks in a row before. */
export async function resetRateLimit(ctx: Ctx, key: string): Promise<void> {
	assertOwnTransaction(ctx, 'resetRateLimit');
	await deleteBucket(ctx.db, key);
}

/**
 * Takes back one allowed call, for limits that should count failures only (the sign-in per
 * address): count before trying, refund on success. Counting first keeps parallel attempts from
 * all slipping through before the first failure is recorded. Returns false when there was nothing
 * to take back.
 */
export async function refundRateLimit(ctx: Ctx, key: string): Promise<boolean> {
	assertOwnTransaction(ctx, 'refundRateLimit');
	return decrementBucket(ctx.db, key, ctx.now().toISOString());
}

/** Deletes the buckets whose windows, blocks and memory of blocks are over. Run periodically. */
export async function purgeExpiredRateLimits(ctx: Ctx): Promise<number> {
	return deleteExpiredBuckets(ctx.db, ctx.now().toISOString());
}
