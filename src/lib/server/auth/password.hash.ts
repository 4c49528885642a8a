/**
 * Password hashing with argon2id through @node-rs/argon2 (decision 0011). The work runs in
 * libuv's thread pool, so a sign-in does not block the event loop.
 *
 * It still competes with the event loop for CPU: four pool threads hashing at once on a
 * two-core town-hall server leave page requests waiting (see docs/benchmarks.md, "Sign-in under
 * load"). So at most half the cores hash at a time (at least one); further sign-ins queue for a
 * few milliseconds instead of slowing every page. One core hashes about 28 passwords a second.
 */
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

/** How many hashes or verifications run at once in this process. */
export const PASSWORD_HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
const limit = pLimit(PASSWORD_HASH_CONCURRENCY);

/** Hashes running and waiting now. */
export function passwordHashLoad(): { running: number; waiting: number } {
	return { running: limit.activeCount, waiting: limit.pendingCount };
}

// `Algorithm` is an ambient const enum, which isolated modules cannot read at run time.
const ARGON2ID: Algorithm.Argon2id = 2;

/** OWASP's first argon2id recommendation: 19 MiB, two passes, one lane (about 35 ms here). */
export const PASSWORD_HASH_OPTIONS = {
	algorithm: ARGON2ID,
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1
} as const satisfies Options;

/**
 * A hash of a random password nobody knows, with the same parameters as real ones. Verifying
 * against it costs what a real verification costs, so a sign-in for an unknown address (or a
 * person without a password) takes as long as one with a wrong password.
 */
export const DUMMY_PASSWORD_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$eb1QTN4vbEuYmHpnYRMi/A$U9BhP3UPuqZjaYjOUfoFywIK9jfu7FSzJZs0XqONtwQ';

/** The same characters typed on different systems (composed or decomposed umlauts) match. */
function normalise(password: string): string {
	return password.normalize('NFC');
}

export function hashPassword(password: string): Promise<string> {
	return limit(() => hash(normalise(password), PASSWORD_HASH_OPTIONS));
}

/** False for a wrong password and for a stored value that is no argon2 hash at all. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
	try {
		return await limit(() => verify(storedHash, normalise(password)));
	} catch {
		return false;
	}
}

/** Whether a stored hash was made with other parameters than today's and should be replaced. */
export function needsRehash(storedHash: string): boolean {
	try {
		const used = parseOptions(storedHash);
		return (
			used.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
			used.memoryCost !== PASSWORD_HASH_OPTIONS.memoryCost ||
			used.timeCost !== PASSWORD_HASH_OPTIONS.timeCost ||
			used.parallelism !== PASSWORD_HASH_OPTIONS.parallelism
		);
	} catch {
		return true;
	}
}
