/**
 * The person's rights over their own data: a copy of everything stored about them (GDPR
 * Art. 15 and 20) and the deletion of their account (Art. 17).
 */
import { auditActorOf, recordAuditEvent } from '../audit';
import { verifyPassword } from '../auth';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { ACCOUNT_EXPORT_SECTIONS, type AccountExportSection } from './account-export.sections';
import {
	anonymiseInvitationsTo,
	anonymisePerson,
	countOtherActiveCoordinators,
	deletePersonalRows,
	findPersonForDeletion,
	forgetMailTo
} from './account.repository';
import { unauthenticated } from './directory.service';
import { accountDeletionProblem, canManageOwnAccount, canUseDirectory } from './person.policy';
import { DeleteAccountSchema, fieldErrorsOf, type DeleteAccountInput } from './person.schema';

/**
 * Stored as the name of a deleted person. The UI shows its own localised label for deleted
 * people (`deleted_at` set); code that does not know about deletion still shows something
 * sensible in the network's language.
 */
export const FORMER_MEMBER_NAME = 'Ehemaliges Mitglied';

/** The non-routable address a deleted person's row keeps (unique per person, RFC 2606). */
export function deletedPersonEmail(personId: number): string {
	return `geloescht-${personId}@invalid`;
}

export interface AccountExport {
	fileName: string;
	data: Record<string, unknown>;
}

/**
 * Everything stored about the signed-in person, as one JSON document, with an
 * `account.exported` audit event. `sections` is for tests; the default is every module's.
 */
export async function exportAccount(
	ctx: Ctx,
	sections: readonly AccountExportSection[] = ACCOUNT_EXPORT_SECTIONS
): Promise<AccountExport> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	if (!canManageOwnAccount(actor)) throw forbidden('export needs a browser session');
	const now = ctx.now();
	return inTransaction(ctx.db, async (tx) => {
		const person = await findPersonForDeletion(tx, actor.personId);
		if (!person || person.deleted_at !== null) throw notFound('person');
		// Recorded first, so the export lists itself among the events.
		await recordAuditEvent(
			tx,
			{
				action: 'account.exported',
				...auditActorOf(actor),
				subjectType: 'person',
				subjectId: actor.personId
			},
			ctx
		);
		const data: Record<string, unknown> = {
			format: 'drehscheibe-account-export',
			version: 1,
			exportedAt: now.toISOString()
		};
		for (const section of sections) {
			data[section.key] = await section.collect(tx, { id: person.id, email: person.email });
		}
		return { fileName: `drehscheibe-konto-${now.toISOString().slice(0, 10)}.json`, data };
	});
}

/**
 * Deletes the signed-in person's account after checking their current password and the
 * explicit confirmation. What they wrote stays, under "Ehemaliges Mitglied" (the person's row
 * keeps its id, emptied); profile, memberships, sessions, tokens and two-factor data go. All
 * in one transaction with the `account.deleted` event.
 *
 * Throws INVALID (`password`, `confirm`) and CONFLICT (`form: last_coordinator`) for the last
 * coordinator of the network.
 */
export async function deleteAccount(ctx: Ctx, input: DeleteAccountInput): Promise<void> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	if (!canManageOwnAccount(actor)) throw forbidden('deletion needs a browser session');
	const parsed = DeleteAccountSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));

	const person = await findPersonForDeletion(ctx.db, actor.personId);
	if (!person || person.deleted_at !== null) throw notFound('person');
	const matches =
		person.password_hash !== null &&
		(await verifyPassword(person.password_hash, parsed.data.password));
	if (!matches) throw invalid({ password: 'password_wrong' });

	const nowIso = ctx.now().toISOString();
	const placeholder = deletedPersonEmail(person.id);
	await inTransaction(ctx.db, async (tx) => {
		// Counted inside the transaction, right before the writes, to keep the window in which two
		// coordinators deleting themselves at once could both pass as small as possible.
		const problem = accountDeletionProblem({
			isCoordinator: person.is_coordinator,
			otherActiveCoordinators: await countOtherActiveCoordinators(tx, person.id)
		});
		if (problem) throw new DomainError('CONFLICT', problem, { form: problem });
		await deletePersonalRows(tx, person.id);
		await anonymiseInvitationsTo(tx, person.id, person.email, placeholder, nowIso);
		await forgetMailTo(tx, person.email, placeholder);
		await anonymisePerson(tx, person.id, {
			displayName: FORMER_MEMBER_NAME,
			email: placeholder,
			nowIso
		});
		await recordAuditEvent(
			tx,
			{
				action: 'account.deleted',
				...auditActorOf(actor),
				subjectType: 'person',
				subjectId: person.id,
				details: { wasCoordinator: person.is_coordinator }
			},
			ctx
		);
	});
}
