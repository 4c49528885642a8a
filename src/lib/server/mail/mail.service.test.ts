import { describe, expect, it } from 'vitest';
import {
	describeSendError,
	messageIdDomain,
	newMessageId,
	retryDelayMs,
	sentMarker
} from './mail.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('retryDelayMs', () => {
	it('doubles from one minute and stops at six hours (without jitter)', () => {
		const noJitter = () => 0;
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n, noJitter) / MINUTE)).toEqual([
			1, 2, 4, 8, 16, 32, 64, 128, 256
		]);
		expect(retryDelayMs(10, noJitter)).toBe(6 * HOUR);
		expect(retryDelayMs(20, noJitter)).toBe(6 * HOUR);
		expect(retryDelayMs(10_000, noJitter)).toBe(6 * HOUR);
	});

	it('shortens each wait by at most ten per cent, never beyond the cap', () => {
		expect(retryDelayMs(1, () => 0.999_999)).toBe(0.9 * MINUTE);
		expect(retryDelayMs(1, () => 0.5)).toBe(0.95 * MINUTE);
		for (let attempt = 1; attempt <= 25; attempt++) {
			const delay = retryDelayMs(attempt);
			expect(delay).toBeLessThanOrEqual(6 * HOUR);
			expect(delay).toBeGreaterThanOrEqual(0.9 * MINUTE);
		}
	});

	it('treats nonsense attempt numbers as the first attempt', () => {
		expect(retryDelayMs(0, () => 0)).toBe(MINUTE);
		expect(retryDelayMs(-3, () => 0)).toBe(MINUTE);
	});
});

describe('Message-IDs', () => {
	it('take the domain of the sender address', () => {
		expect(messageIdDomain('Drehscheibe <noreply@Netzwerk.Example.de>')).toBe(
			'netzwerk.example.de'
		);
		expect(messageIdDomain('noreply@example.org')).toBe('example.org');
		expect(messageIdDomain('Drehscheibe <noreply@localhost>')).toBe('localhost');
		expect(messageIdDomain('kaputt')).toBe('drehscheibe.local');
	});

	it('are unique and in angle brackets', () => {
		const first = newMessageId('example.org');
		expect(first).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
		expect(newMessageId('example.org')).not.toBe(first);
	});
});

describe('describeSendError', () => {
	it('keeps the SMTP code and the server answer', () => {
		const error = Object.assign(new Error('Message failed: 451 Try again later'), {
			code: 'EMESSAGE',
			responseCode: 451
		});
		expect(describeSendError(error)).toBe('EMESSAGE 451: Message failed: 451 Try again later');
		expect(describeSendError('kaputt')).toBe('kaputt');
	});

	it('cuts very long answers', () => {
		expect(describeSendError(new Error('x'.repeat(5000)))).toHaveLength(1000);
	});
});

describe('sentMarker', () => {
	it('marks the first mail at once and those accepted meanwhile together, answering each', async () => {
		const writes: number[][] = [];
		let release: () => void = () => {};
		const marker = sentMarker(async (claims) => {
			writes.push(claims.map((c) => c.id));
			if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
			// Mail 3's claim was taken over meanwhile.
			return new Set(claims.map((c) => c.id).filter((id) => id !== 3));
		});
		const first = marker.mark({ id: 1, attempt: 1 });
		const second = marker.mark({ id: 2, attempt: 1 });
		const third = marker.mark({ id: 3, attempt: 2 });
		release();
		expect(await Promise.all([first, second, third])).toEqual([true, true, false]);
		expect(writes).toEqual([[1], [2, 3]]);
	});

	it('rejects the marks of a failed write, and keeps working', async () => {
		let fail = true;
		const marker = sentMarker((claims) => {
			if (fail) return Promise.reject(new Error('database gone'));
			return Promise.resolve(new Set(claims.map((c) => c.id)));
		});
		await expect(marker.mark({ id: 1, attempt: 1 })).rejects.toThrow('database gone');
		fail = false;
		expect(await marker.mark({ id: 2, attempt: 1 })).toBe(true);
	});
});
