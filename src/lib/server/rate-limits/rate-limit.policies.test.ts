import { describe, expect, it } from 'vitest';
import { emailPseudonym } from '../text/pseudonym';
import { assertValidRequest } from './rate-limit.bucket';
import { rateLimitKey, rateLimitRequest } from './rate-limit.key';
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from './rate-limit.policies';

const policies: [string, RateLimitPolicy][] = Object.entries(RATE_LIMIT_POLICIES);
const sample = (policy: RateLimitPolicy) =>
	policy.subject === 'email'
		? 'anna@example.de'
		: policy.subject === 'address'
			? '203.0.113.7'
			: 42;

describe('RATE_LIMIT_POLICIES', () => {
	it.each(policies)('%s builds valid requests', (_name, policy) => {
		expect(() => assertValidRequest(rateLimitRequest(policy, sample(policy)))).not.toThrow();
	});

	it('gives every policy its own scope', () => {
		const scopes = policies.map(([, policy]) => policy.scope);
		expect(new Set(scopes).size).toBe(scopes.length);
	});

	it('slows password guessing per account to a stop: blocks that double up to a day', () => {
		const policy = RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT;
		expect(policy).toMatchObject({
			limit: 5,
			windowSeconds: 900,
			blockSeconds: 900,
			maxBlockSeconds: 86_400
		});
	});

	it('is more generous per address than per account (many people behind one town hall)', () => {
		const account = RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT;
		const address = RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS;
		expect(address.windowSeconds).toBe(account.windowSeconds);
		expect(address.limit).toBeGreaterThan(account.limit);
		// No doubling on a key that bystanders share.
		expect('maxBlockSeconds' in address).toBe(false);
	});
});

describe('rateLimitKey', () => {
	it('stores e-mail addresses only as pseudonyms', () => {
		const key = rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, 'Anna@Example.de');
		expect(key).toBe(`signin:account:${emailPseudonym('anna@example.de')}`);
		expect(key).not.toMatch(/anna|example/i);
		expect(rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, ' anna@example.de')).toBe(key);
	});

	it('keeps the policies of one address apart', () => {
		const signIn = rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, 'anna@example.de');
		const reset = rateLimitKey(RATE_LIMIT_POLICIES.PASSWORD_RESET_PER_ACCOUNT, 'anna@example.de');
		expect(signIn.split(':')[2]).toBe(reset.split(':')[2]);
		expect(signIn).not.toBe(reset);
	});

	it('counts addresses as buckets and people by id', () => {
		expect(rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS, '::ffff:203.0.113.7')).toBe(
			'signin:ip:203.0.113.7'
		);
		expect(rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS, '2001:db8:1:2::99')).toBe(
			'signin:ip:2001:db8:1:2::/64'
		);
		expect(rateLimitKey(RATE_LIMIT_POLICIES.APPLICATION_PER_ADDRESS, null)).toBe(
			'apply:ip:unknown'
		);
		expect(rateLimitKey(RATE_LIMIT_POLICIES.INVITATION_PER_PERSON, 42)).toBe('invite:person:42');
	});

	it('refuses a subject of the wrong kind', () => {
		expect(() =>
			rateLimitKey(RATE_LIMIT_POLICIES.INVITATION_PER_PERSON, 'anna@example.de')
		).toThrow(TypeError);
		expect(() => rateLimitKey(RATE_LIMIT_POLICIES.INVITATION_PER_PERSON, 0)).toThrow(TypeError);
		expect(() => rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, null)).toThrow(TypeError);
		expect(() => rateLimitKey(RATE_LIMIT_POLICIES.SIGN_IN_PER_ADDRESS, 7)).toThrow(TypeError);
	});
});

describe('rateLimitRequest', () => {
	it('carries the policy limits along with the key', () => {
		expect(rateLimitRequest(RATE_LIMIT_POLICIES.PASSWORD_RESET_PER_ACCOUNT, 'a@b.de')).toEqual({
			key: `reset:account:${emailPseudonym('a@b.de')}`,
			limit: 3,
			windowSeconds: 3600
		});
	});
});
