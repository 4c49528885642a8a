/**
 * Backup codes for two-factor sign-in: ten per person, shown once, each usable once.
 *
 * A code has 10 characters from a 32-letter alphabet without look-alikes (50 bits). It is stored
 * as HMAC-SHA-256 under a subkey of the installation's secret (secrets.ts) rather than with
 * argon2: 50 random bits cannot be guessed online (sign-in is rate-limited per person), and
 * offline the key, which is not in the database, is needed before a single guess can be tested.
 * A fast keyed hash also lets the code be found by a database lookup instead of verifying up to
 * ten argon2 hashes per attempt.
 */
import { randomInt } from 'node:crypto';
import { keyedHash } from '../secrets';

export const BACKUP_CODE_COUNT = 10;
const LENGTH = 10;
/** Crockford's base 32 without I, L, O, U: nothing to confuse when typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PURPOSE = 'backup-code:v1';

/** One new code, shown as `XXXXX-XXXXX`. */
export function newBackupCode(): string {
	let code = '';
	for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function newBackupCodes(count = BACKUP_CODE_COUNT): string[] {
	const codes = new Set<string>();
	while (codes.size < count) codes.add(newBackupCode());
	return [...codes];
}

/**
 * The code as typed, in its one spelling, or null when it cannot be a backup code: case, spaces
 * and dashes do not matter, and the look-alikes O, I and L are read as 0, 1 and 1.
 */
export function normaliseBackupCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (code.length !== LENGTH) return null;
	for (const char of code) if (!ALPHABET.includes(char)) return null;
	return code;
}

/** The stored hash of a normalised code. */
export function backupCodeHash(normalisedCode: string): string {
	return keyedHash(PURPOSE, normalisedCode);
}
