/**
 * The named limits of the application, as data. Every limit counts calls per key; a key is a
 * policy's scope plus its subject: an account (the e-mail address as typed, pseudonymised), an
 * address (the client's IP, IPv6 per /64) or a signed-in person (their id).
 *
 * Why these numbers (see also docs/decisions/0010-rate-limits-and-audit-log.md):
 * - The people signing in are municipal staff, often many behind one public address (a town
 *   hall, or a regional data centre's proxy serving many municipalities). Per-address limits are
 *   therefore generous and, for sign-in, count failures only (the caller refunds successes).
 * - Per-account limits are tight: nobody types their password wrong five times in a quarter of
 *   an hour by accident, and a guesser gets at most a few dozen guesses per account on the first
 *   day and five per day after that.
 * - Everything that sends an e-mail is limited per recipient, so the application cannot be used
 *   to flood someone's mailbox.
 */
import type { RateLimitRequest } from './rate-limit.bucket';

export type RateLimitSubject = 'email' | 'address' | 'person';

export interface RateLimitPolicy {
	/** First part of the key: what is limited and per what, e.g. `signin:account`. */
	readonly scope: string;
	/** What the rest of the key is made of; e-mail addresses are stored only as pseudonyms. */
	readonly subject: RateLimitSubject;
	readonly limit: number;
	readonly windowSeconds: number;
	readonly blockSeconds?: number;
	readonly maxBlockSeconds?: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RATE_LIMIT_POLICIES = {
	/**
	 * Sign-in attempts per account: 5 per 15 minutes, then blocked for 15 minutes, doubling with
	 * each further block in a row up to a day (15 min, 30 min, 1 h, … 24 h). Reset after a
	 * successful sign-in and after a completed password reset, so a person whose account was
	 * locked by someone else's guessing gets back in through their mailbox.
	 */
	SIGN_IN_PER_ACCOUNT: {
		scope: 'signin:account',
		subject: 'email',
		limit: 5,
		windowSeconds: 15 * MINUTE,
		blockSeconds: 15 * MINUTE,
		maxBlockSeconds: DAY
	},
	/**
	 * Failed sign-ins per address: 30 per 15 minutes, then 15 minutes blocked. Stops one machine
	 * trying one password on many accounts (which per-account limits do not see) without shutting
	 * out a whole town hall behind one address. No growth: a block here hits bystanders too.
	 */
	SIGN_IN_PER_ADDRESS: {
		scope: 'signin:ip',
		subject: 'address',
		limit: 30,
		windowSeconds: 15 * MINUTE,
		blockSeconds: 15 * MINUTE
	},
	/** Password-reset mails per account: 3 per hour; one mail is enough, three allow for a typo. */
	PASSWORD_RESET_PER_ACCOUNT: {
		scope: 'reset:account',
		subject: 'email',
		limit: 3,
		windowSeconds: HOUR
	},
	/** Password-reset requests per address: 10 per hour, against probing many addresses. */
	PASSWORD_RESET_PER_ADDRESS: {
		scope: 'reset:ip',
		subject: 'address',
		limit: 10,
		windowSeconds: HOUR
	},
	/**
	 * Second-factor codes per person at sign-in: 5 per 15 minutes, then blocked for 15 minutes,
	 * doubling up to a day. A six-digit code has a million values and three are valid at a time;
	 * this keeps the chance of guessing one below one in a thousand per year of trying.
	 */
	TWO_FACTOR_PER_ACCOUNT: {
		scope: 'twofactor:person',
		subject: 'person',
		limit: 5,
		windowSeconds: 15 * MINUTE,
		blockSeconds: 15 * MINUTE,
		maxBlockSeconds: DAY
	},
	/**
	 * Confirmations inside one's account (current password or code, for changing the password or
	 * address, two-factor set-up and removal): 10 per 15 minutes, then blocked, doubling up to a
	 * day. Stops a stolen session from guessing its way to the password.
	 */
	REAUTHENTICATION_PER_PERSON: {
		scope: 'reauth:person',
		subject: 'person',
		limit: 10,
		windowSeconds: 15 * MINUTE,
		blockSeconds: 15 * MINUTE,
		maxBlockSeconds: DAY
	},
	/** Verification mails per person (own address or a new one): 5 per hour. */
	EMAIL_VERIFICATION_PER_PERSON: {
		scope: 'verify:person',
		subject: 'person',
		limit: 5,
		windowSeconds: HOUR
	},
	/**
	 * API tokens created per person: 20 per day. Far more than a person needs; stops a hijacked
	 * session from minting tokens as a way to stay in after the password is changed.
	 */
	API_TOKEN_PER_PERSON: {
		scope: 'apitoken:person',
		subject: 'person',
		limit: 20,
		windowSeconds: DAY
	},
	/**
	 * Invitations sent per person: 50 per day. Enough to invite a municipality's whole team at
	 * once; a hijacked account cannot turn the network into a mail cannon.
	 */
	INVITATION_PER_PERSON: {
		scope: 'invite:person',
		subject: 'person',
		limit: 50,
		windowSeconds: DAY
	},
	/** Invitations per recipient: 3 per day, whoever sends them (one, a resend, a correction). */
	INVITATION_PER_RECIPIENT: {
		scope: 'invite:recipient',
		subject: 'email',
		limit: 3,
		windowSeconds: DAY
	},
	/**
	 * Join applications per address: 5 per day. The form is public; a municipality applies once,
	 * and a few more allow for corrections and colleagues on the same network.
	 */
	APPLICATION_PER_ADDRESS: {
		scope: 'apply:ip',
		subject: 'address',
		limit: 5,
		windowSeconds: DAY
	},
	/** Join applications per applicant e-mail: 3 per day (each one sends a confirmation mail). */
	APPLICATION_PER_EMAIL: {
		scope: 'apply:email',
		subject: 'email',
		limit: 3,
		windowSeconds: DAY
	}
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

/** The limits of a policy without its key, for `consumeRateLimit`. */
export function policyLimits(policy: RateLimitPolicy): Omit<RateLimitRequest, 'key'> {
	return {
		limit: policy.limit,
		windowSeconds: policy.windowSeconds,
		...(policy.blockSeconds === undefined ? {} : { blockSeconds: policy.blockSeconds }),
		...(policy.maxBlockSeconds === undefined ? {} : { maxBlockSeconds: policy.maxBlockSeconds })
	};
}
