/** Use cases of people's accounts. Today: the operator creates the network's coordination. */
import { auditActorOf, recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, forbidden, invalid } from '../errors';
import { canCreateCoordinator } from './auth.policy';
import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { PersonTable } from '../db/schema';
import { germanSortKey } from '../text/sort-key';
import { insertPerson, personEmailExists } from './auth.repository';
import { CreatePersonSchema, fieldErrorsOf, type CreatePersonInput } from './auth.schema';
import { hashNewPassword } from './new-password';

/**
 * Writes a new person, in the caller's transaction, with the sort key of their name (so the
 * directory orders them like everyone else). Every module that creates people uses this.
 */
export function addPerson(
	tx: Db,
	values: Omit<Insertable<PersonTable>, 'name_sort'>
): Promise<number> {
	return insertPerson(tx, { ...values, name_sort: germanSortKey(values.display_name) });
}

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
	const passwordHash = await hashNewPassword(ctx.db, password, { email, displayName });
	if (await personEmailExists(ctx.db, email)) {
		throw new DomainError('CONFLICT', 'email taken', { email: 'email_taken' });
	}
	const nowIso = ctx.now().toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const personId = await addPerson(tx, {
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
