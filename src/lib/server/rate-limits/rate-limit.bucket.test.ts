import { describe, expect, it } from 'vitest';
import {
	assertValidRequest,
	blockDurationSeconds,
	nextBucket,
	type Bucket,
	type RateLimitDecision,
	type RateLimitRequest
} from './rate-limit.bucket';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** Feeds calls through the arithmetic as the service does, keeping the bucket between them. */
function simulate(request: RateLimitRequest) {
	let bucket: Bucket | undefined;
	return (seconds: number): RateLimitDecision => {
		const step = nextBucket(bucket, request, at(seconds));
		if (step.isChanged) bucket = step.bucket;
		else expect(step.bucket).toBe(bucket);
		return step.decision;
	};
}

const plain: RateLimitRequest = { key: 'test:plain', limit: 3, windowSeconds: 60 };
const blocking: RateLimitRequest = {
	key: 'test:blocking',
	limit: 5,
	windowSeconds: 900,
	blockSeconds: 900,
	maxBlockSeconds: 86_400
};

describe('nextBucket', () => {
	it('allows exactly `limit` calls per window, counting down what remains', () => {
		const call = simulate(plain);
		expect(call(0)).toEqual({
			allowed: true,
			remaining: 2,
			retryAfterSeconds: 0,
			isBlockStarted: false
		});
		expect(call(1).remaining).toBe(1);
		expect(call(2).remaining).toBe(0);
		expect(call(3)).toEqual({
			allowed: false,
			remaining: 0,
			retryAfterSeconds: 57,
			isBlockStarted: false
		});
		expect(call(59.5)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
	});

	it('opens a fresh window once the old one has passed (fixed window from the first call)', () => {
		const call = simulate(plain);
		call(0);
		call(10);
		call(20);
		expect(call(59.999).allowed).toBe(false);
		expect(call(60)).toMatchObject({ allowed: true, remaining: 2 });
		expect(call(61).remaining).toBe(1);
	});

	it('blocks on the first call over the limit and does not count calls during the block', () => {
		const call = simulate(blocking);
		for (let i = 0; i < 5; i++) expect(call(i).allowed).toBe(true);
		expect(call(5)).toEqual({
			allowed: false,
			remaining: 0,
			retryAfterSeconds: 900,
			isBlockStarted: true
		});
		expect(call(100)).toEqual({
			allowed: false,
			remaining: 0,
			retryAfterSeconds: 805,
			isBlockStarted: false
		});
		expect(call(904.2)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
		// 905 s: the block and the window (from 0 s) are over; five fresh calls.
		for (let i = 0; i < 5; i++)
			expect(call(905 + i)).toMatchObject({ allowed: true, remaining: 4 - i });
	});

	it('doubles each block in a row up to the maximum', () => {
		const call = simulate(blocking);
		let t = 0;
		const blocks: number[] = [];
		for (let round = 0; round < 9; round++) {
			for (let i = 0; i < 5; i++) expect(call(t++).allowed).toBe(true);
			const decision = call(t);
			expect(decision.isBlockStarted).toBe(true);
			blocks.push(decision.retryAfterSeconds);
			t += decision.retryAfterSeconds + 900; // wait out the block and a window
		}
		expect(blocks).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400, 86_400]);
	});

	it('re-blocks at once when the block ends inside a still-open window', () => {
		const call = simulate({
			...blocking,
			windowSeconds: 3600,
			blockSeconds: 60,
			maxBlockSeconds: 600
		});
		for (let i = 0; i < 5; i++) call(i);
		expect(call(5).retryAfterSeconds).toBe(60);
		expect(call(65)).toMatchObject({
			allowed: false,
			isBlockStarted: true,
			retryAfterSeconds: 120
		});
		expect(call(185)).toMatchObject({
			allowed: false,
			isBlockStarted: true,
			retryAfterSeconds: 240
		});
	});

	it('forgets blocks in a row once the maximum block has passed after the last one', () => {
		const call = simulate(blocking);
		for (let i = 0; i < 5; i++) call(i);
		expect(call(5).retryAfterSeconds).toBe(900);
		// Block ended at 905 s; its memory lasts 86,400 s more.
		const later = 905 + 86_400;
		for (let i = 0; i < 5; i++) expect(call(later + i).allowed).toBe(true);
		expect(call(later + 5)).toMatchObject({ isBlockStarted: true, retryAfterSeconds: 900 });
	});

	it('remembers blocks in a row until then', () => {
		const call = simulate(blocking);
		for (let i = 0; i < 5; i++) call(i);
		call(5);
		const later = 905 + 86_399;
		for (let i = 0; i < 5; i++) call(later + i);
		expect(call(later + 5).retryAfterSeconds).toBe(1800);
	});

	it('keeps the row until window and block memory are over', () => {
		const first = nextBucket(undefined, plain, at(0));
		expect(first.bucket.expiresAt.toISOString()).toBe(at(60).toISOString());
		let bucket: Bucket | undefined;
		for (let i = 1; i <= 5; i++) bucket = nextBucket(bucket, blocking, at(i)).bucket;
		expect(bucket?.expiresAt.toISOString()).toBe(at(901).toISOString());
		const blocked = nextBucket(bucket, blocking, at(6)).bucket;
		expect(blocked.blockedUntil?.toISOString()).toBe(at(906).toISOString());
		expect(blocked.expiresAt.toISOString()).toBe(at(906 + 86_400).toISOString());
	});

	it('treats an expired row as absent', () => {
		const stale: Bucket = {
			count: 99,
			windowStartedAt: at(-1000),
			blockedUntil: at(10),
			blockCount: 7,
			expiresAt: at(0)
		};
		const step = nextBucket(stale, blocking, at(0));
		expect(step.decision).toMatchObject({ allowed: true, remaining: 4 });
		expect(step.bucket).toMatchObject({ count: 1, blockCount: 0, blockedUntil: null });
	});
});

describe('blockDurationSeconds', () => {
	it('is fixed without a maximum and never overflows', () => {
		expect(blockDurationSeconds({ ...plain, blockSeconds: 60 }, 1)).toBe(60);
		expect(blockDurationSeconds({ ...plain, blockSeconds: 60 }, 9)).toBe(60);
		expect(blockDurationSeconds(blocking, 10_000)).toBe(86_400);
	});
});

describe('assertValidRequest', () => {
	it('accepts the keys rateLimitKey builds', () => {
		expect(() =>
			assertValidRequest({ ...plain, key: 'signin:ip:2001:db8:0:0::/64' })
		).not.toThrow();
		expect(() =>
			assertValidRequest({ ...plain, key: `signin:account:${'a'.repeat(64)}` })
		).not.toThrow();
	});

	it.each([
		['an e-mail address in clear', 'signin:account:anna@example.de'],
		['no subject', 'signin'],
		['white space', 'signin:ip:1.2.3.4 '],
		['an upper-case scope', 'SignIn:x'],
		['an overlong key', `signin:${'x'.repeat(200)}`]
	])('refuses a key with %s', (_what, key) => {
		expect(() => assertValidRequest({ ...plain, key })).toThrow(/invalid rate limit key/);
	});

	it('refuses limits no policy should have', () => {
		expect(() => assertValidRequest({ ...plain, limit: 0 })).toThrow();
		expect(() => assertValidRequest({ ...plain, limit: 1.5 })).toThrow();
		expect(() => assertValidRequest({ ...plain, windowSeconds: 0 })).toThrow();
		expect(() => assertValidRequest({ ...plain, maxBlockSeconds: 60 })).toThrow();
		expect(() => assertValidRequest({ ...plain, blockSeconds: 60, maxBlockSeconds: 30 })).toThrow();
	});
});
