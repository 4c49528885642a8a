/** Use cases of people's accounts. Today: the operator creates the network's coordination. */
import { auditActorOf, recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, forbidden, invalid } from '../errors';
import { canCreateCoordinator } from './auth.policy';
import { findNetworkWords, insertPerson, personEmailExists } from './auth.repository';
import { CreatePersonSchema, fieldErrorsOf, type CreatePersonInput } from './auth.schema';
import { commonPasswords } from './common-passwords';
import { hashPassword } from './password.hash';
import { checkPassword } from './password.policy';

/**
 * Creates a coordinator with a password, for the operator's `admin create` command. The address
 * counts as verified: the operator vouches for it. Throws INVALID (first problem per field, as
 * message keys), CONFLICT when the address is taken, FORBIDDEN for anyone but the system and
 * coordinators.
 */
export async function createCoordinator(ctx: Ctx, input: CreatePersonInput): Promise<number> {
	if (!canCreateCoordinator(ctx.actor)) throw forbidden('create coordinator');
	const parsed = CreatePersonSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { email, displayName, jobTitle, password } = parsed.data;
	const problem = checkPassword(password, {
		email,
		displayName,
		networkWords: await findNetworkWords(ctx.db),
		commonPasswords: commonPasswords()
	});
	if (problem) throw invalid({ password: problem });
	if (await personEmailExists(ctx.db, email)) {
		throw new DomainError('CONFLICT', 'email taken', { email: 'email_taken' });
	}
	const passwordHash = await hashPassword(password);
	const nowIso = ctx.now().toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const personId = await insertPerson(tx, {
			email,
			email_verified_at: nowIso,
			display_name: displayName,
			job_title: jobTitle,
			password_hash: passwordHash,
			is_coordinator: true,
			created_at: nowIso,
			updated_at: nowIso
		});
		await recordAuditEvent(
			tx,
			{
				action: 'account.created',
				...auditActorOf(ctx.actor),
				subjectType: 'person',
				subjectId: personId,
				details: { isCoordinator: true }
			},
			ctx
		);
		return personId;
	});
}
