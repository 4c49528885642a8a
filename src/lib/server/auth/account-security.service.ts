/**
 * The person's own security settings: the overview of /konto/sicherheit and changing the
 * password. (Two-factor sign-in: two-factor.service.ts; addresses: email-verification.service.ts.)
 */
import { recordAuditEvent } from '../audit';
import { config } from '../config';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { invalid } from '../errors';
import { enqueueMail } from '../mail';
import {
	confirmCurrentPassword,
	countReauthentication,
	loadActivePerson,
	networkNames,
	requireSessionPerson
} from './account.guard';
import { passwordChangedMail } from './account.mail';
import { ChangePasswordSchema, type ChangePasswordInput } from './account-security.schema';
import {
	deleteExpiredAccountTokens,
	deleteUnusedAccountTokens,
	findPendingEmailChange
} from './account-token.repository';
import { deleteOtherSessionsOfPerson, updatePasswordHash } from './auth.repository';
import { fieldErrorsOf } from './auth.schema';
import { hashNewPassword } from './new-password';
import { countUnusedBackupCodes, deleteExpiredSignInChallenges } from './two-factor.repository';
import { isTwoFactorRequired } from './two-factor.policy';

export interface AccountSecurity {
	email: string;
	isEmailVerified: boolean;
	/** An address change waiting for its link, if any. */
	pendingEmail: string | null;
	hasTwoFactor: boolean;
	isTwoFactorRequired: boolean;
	backupCodesLeft: number;
}

/** What /konto/sicherheit shows about the signed-in person (sessions: `listSessions`). */
export async function getAccountSecurity(ctx: Ctx): Promise<AccountSecurity> {
	const actor = requireSessionPerson(ctx);
	const person = await loadActivePerson(ctx, actor.personId);
	const pending = await findPendingEmailChange(
		ctx.db,
		person.id,
		person.email,
		ctx.now().toISOString()
	);
	const hasTwoFactor = person.two_factor_enabled_at !== null;
	return {
		email: person.email,
		isEmailVerified: person.email_verified_at !== null,
		pendingEmail: pending?.email ?? null,
		hasTwoFactor,
		isTwoFactorRequired: isTwoFactorRequired(actor, config().twoFactorRequired),
		backupCodesLeft: hasTwoFactor ? await countUnusedBackupCodes(ctx.db, person.id) : 0
	};
}

/**
 * Changes the signed-in person's password: needs the current one, applies the password policy,
 * ends all OTHER sessions (this one stays), stops unused reset links and sends a notice mail.
 * Throws INVALID (`currentPassword`, `newPassword`) or RATE_LIMITED. `origin` is the absolute
 * origin for the link in the notice.
 */
export async function changePassword(
	ctx: Ctx,
	input: ChangePasswordInput,
	origin: string
): Promise<{ sessionsEnded: number }> {
	const actor = requireSessionPerson(ctx);
	const parsed = ChangePasswordSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { currentPassword, newPassword } = parsed.data;
	const person = await loadActivePerson(ctx, actor.personId);
	await countReauthentication(ctx, person.id);
	await confirmCurrentPassword(person.password_hash, currentPassword);
	const passwordHash = await hashNewPassword(
		ctx.db,
		newPassword,
		{ email: person.email, displayName: person.display_name },
		'newPassword'
	);
	const network = await networkNames(ctx);
	const now = ctx.now();
	const nowIso = now.toISOString();
	return inTransaction(ctx.db, async (tx) => {
		await updatePasswordHash(tx, person.id, passwordHash, nowIso);
		const sessionsEnded = await deleteOtherSessionsOfPerson(tx, person.id, actor.sessionId);
		await deleteUnusedAccountTokens(tx, person.id, 'reset_password');
		const mail = passwordChangedMail({
			network: network.name,
			displayName: person.display_name,
			origin
		});
		await enqueueMail(tx, { to: person.email, subject: mail.subject, text: mail.text }, { now });
		await recordAuditEvent(
			tx,
			{
				action: 'auth.password.changed',
				actorPersonId: person.id,
				actorLabel: person.display_name,
				subjectType: 'person',
				subjectId: person.id,
				details: { sessionsEnded }
			},
			ctx
		);
		return { sessionsEnded };
	});
}

/**
 * Deletes expired single-use links and sign-in challenges (used links are kept until they
 * expire, so a second use still finds them and fails). For the periodic maintenance job.
 */
export async function purgeExpiredAccountTokens(ctx: Ctx): Promise<number> {
	const nowIso = ctx.now().toISOString();
	return (
		(await deleteExpiredAccountTokens(ctx.db, nowIso)) +
		(await deleteExpiredSignInChallenges(ctx.db, nowIso))
	);
}
