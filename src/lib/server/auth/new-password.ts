/**
 * A new password, wherever one is set (operator, invitation, reset, change): checked against the
 * policy with the person's and the network's own words, then hashed.
 */
import type { Db } from '../db';
import { invalid } from '../errors';
import { findNetworkWords } from './auth.repository';
import { commonPasswords } from './common-passwords';
import { hashPassword } from './password.hash';
import { checkPassword } from './password.policy';

/**
 * The argon2id hash of `password` once it passes the policy. Throws INVALID with the problem
 * under `field` (the form field the password was typed into). Call it before a transaction:
 * hashing is slow and should not hold the write lock.
 */
export async function hashNewPassword(
	db: Db,
	password: string,
	person: { email: string; displayName: string },
	field = 'password'
): Promise<string> {
	const problem = checkPassword(password, {
		email: person.email,
		displayName: person.displayName,
		networkWords: await findNetworkWords(db),
		commonPasswords: commonPasswords()
	});
	if (problem) throw invalid({ [field]: problem });
	return hashPassword(password);
}
