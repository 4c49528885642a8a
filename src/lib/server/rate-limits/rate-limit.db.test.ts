/**
 * The rate limits against a real database, on SQLite and PostgreSQL: exact limits, windows and
 * blocks under an injected clock, and atomicity when several callers (on PostgreSQL: several
 * connection pools, as several instances would be) hit one key at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecondConnection, useTestDatabase } from '../../../../tests/support/database';
import { testDialect } from '../../../../tests/support/test-env';
import { systemContext, type Ctx } from '../context';
import { inTransaction, type AppDatabase, type Db } from '../db';
import { findBucket } from './rate-limit.repository';
import {
	assertAllowed,
	consumeRateLimit,
	purgeExpiredRateLimits,
	RATE_LIMIT_POLICIES,
	rateLimitRequest,
	refundRateLimit,
	resetRateLimit,
	type RateLimitRequest
} from './index';

const t = useTestDatabase();

/** A clock the test moves by hand. */
function clock(start = '2026-11-25T12:00:00.000Z') {
	let now = Date.parse(start);
	return {
		now: () => new Date(now),
		advance(seconds: number) {
			now += seconds * 1000;
		}
	};
}

let keys = 0;
/** A key of its own for each test, so tests never share buckets. */
const fresh = (overrides: Partial<RateLimitRequest> = {}): RateLimitRequest => ({
	key: `test:case-${++keys}`,
	limit: 3,
	windowSeconds: 60,
	...overrides
});

const ctxAt = (c: { now: () => Date }, db: Db = t.db): Ctx => systemContext(db, 'test', c.now);

describe('consumeRateLimit', () => {
	it('allows exactly the limit, then refuses with the time until the window ends', async () => {
		const c = clock();
		const request = fresh();
		const decisions = [];
		for (let i = 0; i < 4; i++) {
			decisions.push(await consumeRateLimit(ctxAt(c), request));
			c.advance(10);
		}
		expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
			[true, 2],
			[true, 1],
			[true, 0],
			[false, 0]
		]);
		expect(decisions[3]?.retryAfterSeconds).toBe(30);
	});

	it('starts a new window when the clock has moved past the old one', async () => {
		const c = clock();
		const request = fresh();
		for (let i = 0; i < 3; i++) await consumeRateLimit(ctxAt(c), request);
		c.advance(59);
		expect((await consumeRateLimit(ctxAt(c), request)).allowed).toBe(false);
		c.advance(1);
		expect(await consumeRateLimit(ctxAt(c), request)).toMatchObject({
			allowed: true,
			remaining: 2
		});
		const row = await findBucket(t.db, request.key);
		expect(row).toMatchObject({
			count: 1,
			window_started_at: '2026-11-25T12:01:00.000Z',
			expires_at: '2026-11-25T12:02:00.000Z',
			blocked_until: null
		});
	});

	it('slows password guessing on one account to a stop: blocks of 15 min, 30 min, 1 h …', async () => {
		const c = clock();
		const request = rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, 'guess@example.de');
		const blocks: number[] = [];
		for (let round = 0; round < 4; round++) {
			for (let i = 0; i < 5; i++) {
				expect((await consumeRateLimit(ctxAt(c), request)).allowed).toBe(true);
				c.advance(1);
			}
			const refused = await consumeRateLimit(ctxAt(c), request);
			expect(refused).toMatchObject({ allowed: false, isBlockStarted: true });
			blocks.push(refused.retryAfterSeconds);
			// Refused calls during the block are not counted and do not extend it.
			c.advance(refused.retryAfterSeconds - 1);
			expect(await consumeRateLimit(ctxAt(c), request)).toMatchObject({
				allowed: false,
				retryAfterSeconds: 1,
				isBlockStarted: false
			});
			expect(() => assertAllowed({ ...refused })).toThrow(/Zu viele Versuche/);
			c.advance(1);
		}
		expect(blocks).toEqual([900, 1800, 3600, 7200]);
		const row = await findBucket(t.db, request.key);
		expect(row?.block_count).toBe(4);
	});

	it('keeps keys apart', async () => {
		const c = clock();
		const a = fresh({ limit: 1 });
		const b = fresh({ limit: 1 });
		expect((await consumeRateLimit(ctxAt(c), a)).allowed).toBe(true);
		expect((await consumeRateLimit(ctxAt(c), a)).allowed).toBe(false);
		expect((await consumeRateLimit(ctxAt(c), b)).allowed).toBe(true);
	});

	it('never stores an e-mail address in clear', async () => {
		const c = clock();
		const email = 'Klara.Beispiel@gemeinde-musterhausen.de';
		for (const policy of [
			RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT,
			RATE_LIMIT_POLICIES.PASSWORD_RESET_PER_ACCOUNT,
			RATE_LIMIT_POLICIES.INVITATION_PER_RECIPIENT,
			RATE_LIMIT_POLICIES.APPLICATION_PER_EMAIL
		]) {
			await consumeRateLimit(ctxAt(c), rateLimitRequest(policy, email));
		}
		const rows = await t.db.selectFrom('rate_limit_bucket').select('key').execute();
		const stored = rows
			.map((row) => row.key)
			.join('\n')
			.toLowerCase();
		expect(stored).not.toContain('klara');
		expect(stored).not.toContain('musterhausen');
		expect(stored).not.toContain('@');
		await expect(
			consumeRateLimit(ctxAt(c), fresh({ key: `signin:account:${email}` }))
		).rejects.toThrow(/invalid rate limit key/);
	});

	it('commits on its own and refuses to run inside a caller transaction', async () => {
		const c = clock();
		const request = fresh();
		await expect(
			inTransaction(t.db, (tx) => consumeRateLimit(ctxAt(c, tx), request))
		).rejects.toThrow(/must not run inside a transaction/);
		expect(await findBucket(t.db, request.key)).toBeUndefined();
	});
});

describe('resetRateLimit and refundRateLimit', () => {
	it('reset forgets the count, a running block and the blocks before it', async () => {
		const c = clock();
		const request = fresh({ limit: 1, blockSeconds: 60, maxBlockSeconds: 3600 });
		await consumeRateLimit(ctxAt(c), request);
		expect(await consumeRateLimit(ctxAt(c), request)).toMatchObject({
			allowed: false,
			retryAfterSeconds: 60
		});
		await resetRateLimit(ctxAt(c), request.key);
		expect(await findBucket(t.db, request.key)).toBeUndefined();
		expect((await consumeRateLimit(ctxAt(c), request)).allowed).toBe(true);
		// The next block is the first again, not the second.
		expect((await consumeRateLimit(ctxAt(c), request)).retryAfterSeconds).toBe(60);
	});

	it('refund takes back one call so that only failures count', async () => {
		const c = clock();
		const request = fresh({ limit: 2 });
		for (let i = 0; i < 10; i++) {
			expect((await consumeRateLimit(ctxAt(c), request)).allowed).toBe(true);
			expect(await refundRateLimit(ctxAt(c), request.key)).toBe(true);
		}
		expect(await consumeRateLimit(ctxAt(c), request)).toMatchObject({
			allowed: true,
			remaining: 1
		});
		expect(await consumeRateLimit(ctxAt(c), request)).toMatchObject({
			allowed: true,
			remaining: 0
		});
		expect((await consumeRateLimit(ctxAt(c), request)).allowed).toBe(false);
	});

	it('refund does nothing for an unknown, empty or expired bucket', async () => {
		const c = clock();
		const request = fresh();
		expect(await refundRateLimit(ctxAt(c), request.key)).toBe(false);
		await consumeRateLimit(ctxAt(c), request);
		expect(await refundRateLimit(ctxAt(c), request.key)).toBe(true);
		expect(await refundRateLimit(ctxAt(c), request.key)).toBe(false);
		await consumeRateLimit(ctxAt(c), request);
		c.advance(60);
		expect(await refundRateLimit(ctxAt(c), request.key)).toBe(false);
	});
});

describe('purgeExpiredRateLimits', () => {
	it('deletes exactly the buckets whose window and block memory are over', async () => {
		await t.db.deleteFrom('rate_limit_bucket').execute();
		const c = clock();
		const short = fresh({ windowSeconds: 60 });
		const long = fresh({ windowSeconds: 3600 });
		const blocked = fresh({
			limit: 1,
			windowSeconds: 60,
			blockSeconds: 600,
			maxBlockSeconds: 1200
		});
		await consumeRateLimit(ctxAt(c), short);
		await consumeRateLimit(ctxAt(c), long);
		await consumeRateLimit(ctxAt(c), blocked);
		await consumeRateLimit(ctxAt(c), blocked); // blocked until +600 s, remembered until +1800 s

		c.advance(59);
		expect(await purgeExpiredRateLimits(ctxAt(c))).toBe(0);
		c.advance(1);
		expect(await purgeExpiredRateLimits(ctxAt(c))).toBe(1);
		expect(await findBucket(t.db, short.key)).toBeUndefined();

		c.advance(1739); // 1799 s
		expect(await purgeExpiredRateLimits(ctxAt(c))).toBe(0);
		c.advance(1); // 1800 s: the block's memory is over
		expect(await purgeExpiredRateLimits(ctxAt(c))).toBe(1);
		expect(await findBucket(t.db, blocked.key)).toBeUndefined();
		expect(await findBucket(t.db, long.key)).toBeDefined();

		c.advance(1800);
		expect(await purgeExpiredRateLimits(ctxAt(c))).toBe(1);
		const left = await t.db.selectFrom('rate_limit_bucket').select('key').execute();
		expect(left).toEqual([]);
	});
});

describe('concurrency', () => {
	it('gives the last slots to exactly `limit` of many parallel callers', async () => {
		const c = clock();
		const request = fresh({ limit: 5, windowSeconds: 900, blockSeconds: 900 });
		const decisions = await Promise.all(
			Array.from({ length: 24 }, () => consumeRateLimit(ctxAt(c), request))
		);
		expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
		expect(decisions.filter((d) => d.isBlockStarted)).toHaveLength(1);
		expect([...decisions.filter((d) => d.allowed).map((d) => d.remaining)].sort()).toEqual([
			0, 1, 2, 3, 4
		]);
		const row = await findBucket(t.db, request.key);
		expect(row).toMatchObject({ count: 6, block_count: 1 });
	});

	// Several instances share one database only on PostgreSQL: there the second "instance" is a
	// second connection pool. SQLite serves one process through one connection, so on SQLite both
	// "instances" are that connection and the same races run through it.
	describe('across two instances', () => {
		let second: AppDatabase | undefined;
		const secondDb = () => second?.db ?? t.db;

		beforeAll(async () => {
			if (testDialect() === 'postgres') second = await openSecondConnection(t.database);
		});

		afterAll(async () => {
			await second?.close();
		});

		it('lets only `limit` calls through when both instances race for a new key', async () => {
			for (let round = 0; round < 5; round++) {
				const c = clock();
				const request = fresh({ limit: 3, windowSeconds: 900 });
				const pools = [t.db, secondDb()];
				const decisions = await Promise.all(
					Array.from({ length: 16 }, (_, i) => consumeRateLimit(ctxAt(c, pools[i % 2]), request))
				);
				expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
				expect((await findBucket(t.db, request.key))?.count).toBe(16);
			}
		});

		it('lets only the remaining slot through when both race for an existing key', async () => {
			for (let round = 0; round < 5; round++) {
				const c = clock();
				const request = fresh({ limit: 5, windowSeconds: 900, blockSeconds: 900 });
				for (let i = 0; i < 4; i++) await consumeRateLimit(ctxAt(c), request);
				const decisions = await Promise.all([
					...Array.from({ length: 4 }, () => consumeRateLimit(ctxAt(c), request)),
					...Array.from({ length: 4 }, () => consumeRateLimit(ctxAt(c, secondDb()), request))
				]);
				expect(decisions.filter((d) => d.allowed)).toHaveLength(1);
				expect(decisions.filter((d) => d.isBlockStarted)).toHaveLength(1);
			}
		});
	});
});
