/**
 * Forgotten passwords: a single-use link by mail that works for one hour (OWASP Forgot Password
 * cheat sheet). Asking for a link answers the same for every address, known or not, and does
 * comparable work either way; using the link sets the password, ends every session and signs
 * nobody in, so two-factor sign-in still applies afterwards.
 */
import { emailActorLabel, recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { invalid } from '../errors';
import { enqueueMail } from '../mail';
import {
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimited,
	rateLimitRequest,
	resetRateLimit
} from '../rate-limits';
import { accountLink, passwordChangedMail, passwordResetMail } from './account.mail';
import { networkNames } from './account.guard';
import { RequestPasswordResetSchema, ResetPasswordSchema } from './account-security.schema';
import {
	deleteUnusedAccountTokens,
	findUsableAccountToken,
	insertAccountToken,
	markAccountTokenUsed
} from './account-token.repository';
import {
	accountTokenHash,
	isWellFormedAccountToken,
	newAccountToken,
	RESET_TOKEN_SECONDS
} from './account-token';
import {
	deleteSessionsOfPerson,
	findPersonForSignIn,
	markEmailVerified,
	updatePasswordHash
} from './auth.repository';
import { fieldErrorsOf } from './auth.schema';
import { hashNewPassword } from './new-password';
import { deleteSignInChallengesOfPerson } from './two-factor.repository';

/** Where the link in the mail leads (the route of the form that sets the new password). */
export const PASSWORD_RESET_PATH = '/passwort-zuruecksetzen';

export interface PasswordResetRequest {
	email: unknown;
	/** The client's address, for the per-address limit; null when unknown. */
	ip: string | null;
	/** Absolute origin of the link in the mail, e.g. https://netzwerk.example.de. */
	origin: string;
}

/**
 * Sends a reset link when the address belongs to a person who is not deleted, and otherwise
 * does the same amount of work without sending anything. The answer is the same either way:
 * nothing, or RATE_LIMITED (counted for every address alike), or INVALID for a malformed address.
 * A new link replaces the person's earlier unused ones.
 */
export async function requestPasswordReset(ctx: Ctx, request: PasswordResetRequest): Promise<void> {
	const parsed = RequestPasswordResetSchema.safeParse({ email: request.email });
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { email } = parsed.data;

	// Both limits are counted for every address, known or not, so a refusal tells nothing either.
	for (const request_ of [
		rateLimitRequest(RATE_LIMIT_POLICIES.PASSWORD_RESET_PER_ADDRESS, request.ip),
		rateLimitRequest(RATE_LIMIT_POLICIES.PASSWORD_RESET_PER_ACCOUNT, email)
	]) {
		const decision = await consumeRateLimit(ctx, request_);
		if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
	}

	const person = await findPersonForSignIn(ctx.db, email);
	const network = await networkNames(ctx);
	const now = ctx.now();
	const nowIso = now.toISOString();
	// Token, hash and mail text are made in both cases: the same work, whatever happens next.
	const token = newAccountToken();
	const tokenHash = accountTokenHash(token);
	const mail = passwordResetMail({
		network: network.name,
		displayName: person?.display_name ?? email,
		link: accountLink(request.origin, PASSWORD_RESET_PATH, token)
	});
	await inTransaction(ctx.db, async (tx) => {
		// Without a person this deletes nothing (id 0 never exists) but costs the same statement.
		await deleteUnusedAccountTokens(tx, person?.id ?? 0, 'reset_password');
		if (person) {
			await insertAccountToken(tx, {
				token_hash: tokenHash,
				purpose: 'reset_password',
				person_id: person.id,
				email,
				created_at: nowIso,
				expires_at: new Date(now.getTime() + RESET_TOKEN_SECONDS * 1000).toISOString()
			});
			await enqueueMail(tx, { to: email, subject: mail.subject, text: mail.text }, { now });
		}
		await recordAuditEvent(
			tx,
			{
				action: 'auth.password_reset.requested',
				actorLabel: emailActorLabel(email),
				subjectType: person ? 'person' : null,
				subjectId: person?.id ?? null,
				ipAddress: request.ip,
				details: { isKnownAddress: person !== undefined }
			},
			ctx
		);
	});
}

/** Whether a reset link can still be used (for showing the form; using it is `resetPassword`). */
export async function isPasswordResetLinkUsable(ctx: Ctx, token: unknown): Promise<boolean> {
	if (!isWellFormedAccountToken(token)) return false;
	const row = await findUsableAccountToken(
		ctx.db,
		accountTokenHash(token),
		'reset_password',
		ctx.now().toISOString()
	);
	return row !== undefined;
}

export interface ResetPassword {
	token: unknown;
	password: unknown;
	ip: string | null;
	userAgent: string | null;
	origin: string;
}

const linkInvalid = () => invalid({ form: 'link_invalid' });

/**
 * Sets a new password through a reset link. The link works once, for one hour, and not for a
 * deleted person. All of the person's sessions and pending sign-ins end, other reset links stop
 * working, the sign-in limit of the account is lifted and a notice goes to the address. Nobody is
 * signed in: the person signs in with the new password (and their second factor).
 *
 * Throws INVALID (`form: link_invalid`, or `password` with the policy's problem; a bad password
 * leaves the link usable).
 */
export async function resetPassword(ctx: Ctx, input: ResetPassword): Promise<void> {
	if (!isWellFormedAccountToken(input.token)) throw linkInvalid();
	const tokenHash = accountTokenHash(input.token);
	const found = await findUsableAccountToken(
		ctx.db,
		tokenHash,
		'reset_password',
		ctx.now().toISOString()
	);
	if (!found) throw linkInvalid();
	const parsed = ResetPasswordSchema.safeParse({ password: input.password });
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const passwordHash = await hashNewPassword(ctx.db, parsed.data.password, {
		email: found.person_email,
		displayName: found.display_name
	});
	const network = await networkNames(ctx);
	const now = ctx.now();
	const nowIso = now.toISOString();
	await inTransaction(ctx.db, async (tx) => {
		// Claimed first: of two requests with one link, only one gets past this line.
		if (!(await markAccountTokenUsed(tx, found.id, nowIso))) throw linkInvalid();
		await updatePasswordHash(tx, found.person_id, passwordHash, nowIso);
		// The link reached the person's current address: that address is confirmed.
		if (found.email === found.person_email) await markEmailVerified(tx, found.person_id, nowIso);
		await deleteUnusedAccountTokens(tx, found.person_id, 'reset_password');
		const sessions = await deleteSessionsOfPerson(tx, found.person_id);
		await deleteSignInChallengesOfPerson(tx, found.person_id);
		const mail = passwordChangedMail({
			network: network.name,
			displayName: found.display_name,
			origin: new URL(input.origin).origin
		});
		await enqueueMail(
			tx,
			{ to: found.person_email, subject: mail.subject, text: mail.text },
			{ now }
		);
		await recordAuditEvent(
			tx,
			{
				action: 'auth.password_reset.completed',
				actorPersonId: found.person_id,
				actorLabel: found.display_name,
				subjectType: 'person',
				subjectId: found.person_id,
				ipAddress: input.ip,
				userAgent: input.userAgent,
				details: { sessionsEnded: sessions }
			},
			ctx
		);
	});
	// Someone else's guessing may have locked the account: the mailbox proves the person.
	await resetRateLimit(
		ctx,
		rateLimitRequest(RATE_LIMIT_POLICIES.SIGN_IN_PER_ACCOUNT, found.person_email).key
	);
}
