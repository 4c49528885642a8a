/**
 * Confirming e-mail addresses: the person's own (a link to it proves it reaches them) and a new
 * one they want to use instead. The address changes only when the link sent to the new address
 * is used; the old address is told. Links work once, for 48 hours.
 */
import { recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, invalid } from '../errors';
import { enqueueMail } from '../mail';
import {
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimited,
	rateLimitRequest
} from '../rate-limits';
import {
	confirmCurrentPassword,
	countReauthentication,
	loadActivePerson,
	networkNames,
	requireSessionPerson
} from './account.guard';
import { accountLink, emailChangedMail, verifyEmailMail } from './account.mail';
import { RequestEmailChangeSchema, type RequestEmailChangeInput } from './account-security.schema';
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
	VERIFY_TOKEN_SECONDS
} from './account-token';
import { markEmailVerified, personEmailExists, updatePersonEmail } from './auth.repository';
import { fieldErrorsOf } from './auth.schema';
import type { Tx } from '../db';

/** Where the link in the mail leads. */
export const EMAIL_VERIFICATION_PATH = '/e-mail-bestaetigen';

const emailTaken = () => new DomainError('CONFLICT', 'email taken', { email: 'email_taken' });

async function countVerificationMail(ctx: Ctx, personId: number): Promise<void> {
	const decision = await consumeRateLimit(
		ctx,
		rateLimitRequest(RATE_LIMIT_POLICIES.EMAIL_VERIFICATION_PER_PERSON, personId)
	);
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
}

/** Stores a new link for `email` (replacing earlier unused ones) and queues its mail. */
async function issueVerification(
	tx: Tx,
	ctx: Ctx,
	person: { id: number; display_name: string },
	email: string,
	isNewAddress: boolean,
	origin: string,
	networkName: string
): Promise<void> {
	const now = ctx.now();
	const token = newAccountToken();
	await deleteUnusedAccountTokens(tx, person.id, 'verify_email');
	await insertAccountToken(tx, {
		token_hash: accountTokenHash(token),
		purpose: 'verify_email',
		person_id: person.id,
		email,
		created_at: now.toISOString(),
		expires_at: new Date(now.getTime() + VERIFY_TOKEN_SECONDS * 1000).toISOString()
	});
	const mail = verifyEmailMail({
		network: networkName,
		displayName: person.display_name,
		link: accountLink(origin, EMAIL_VERIFICATION_PATH, token),
		isNewAddress
	});
	await enqueueMail(tx, { to: email, subject: mail.subject, text: mail.text }, { now });
}

/**
 * Sends the signed-in person a link that confirms their current address. Does nothing when it is
 * confirmed already (returns false). Limited per person; throws RATE_LIMITED.
 * `origin` is the absolute origin for the link (the route passes `url.origin`).
 */
export async function sendEmailVerification(ctx: Ctx, origin: string): Promise<boolean> {
	const actor = requireSessionPerson(ctx);
	const person = await loadActivePerson(ctx, actor.personId);
	if (person.email_verified_at !== null) return false;
	await countVerificationMail(ctx, person.id);
	const network = await networkNames(ctx);
	await inTransaction(ctx.db, (tx) =>
		issueVerification(tx, ctx, person, person.email, false, origin, network.name)
	);
	return true;
}

/**
 * Starts changing the signed-in person's address: needs the current password; sends a link to
 * the NEW address. Nothing changes until that link is used.
 * Throws INVALID (`email`, `currentPassword`), CONFLICT (`email: email_taken`), RATE_LIMITED.
 */
export async function requestEmailChange(
	ctx: Ctx,
	input: RequestEmailChangeInput,
	origin: string
): Promise<void> {
	const actor = requireSessionPerson(ctx);
	const parsed = RequestEmailChangeSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { email, currentPassword } = parsed.data;
	const person = await loadActivePerson(ctx, actor.personId);
	if (email === person.email) throw invalid({ email: 'email_unchanged' });
	await countReauthentication(ctx, person.id);
	await confirmCurrentPassword(person.password_hash, currentPassword);
	if (await personEmailExists(ctx.db, email)) throw emailTaken();
	await countVerificationMail(ctx, person.id);
	const network = await networkNames(ctx);
	await inTransaction(ctx.db, async (tx) => {
		await issueVerification(tx, ctx, person, email, true, origin, network.name);
		await recordAuditEvent(
			tx,
			{
				action: 'auth.email_change.requested',
				actorPersonId: person.id,
				actorLabel: person.display_name,
				subjectType: 'person',
				subjectId: person.id
			},
			ctx
		);
	});
}

export interface EmailVerificationLink {
	/** The address the link confirms. */
	email: string;
	/** True when using it changes the person's address to `email`. */
	isAddressChange: boolean;
}

/** What a verification link would do, or null when it cannot be used (any more). */
export async function findEmailVerificationLink(
	ctx: Ctx,
	token: unknown
): Promise<EmailVerificationLink | null> {
	if (!isWellFormedAccountToken(token)) return null;
	const row = await findUsableAccountToken(
		ctx.db,
		accountTokenHash(token),
		'verify_email',
		ctx.now().toISOString()
	);
	return row ? { email: row.email, isAddressChange: row.email !== row.person_email } : null;
}

/**
 * Uses a verification link: confirms the address, or, for an address change, replaces the
 * person's address by the new one (checking again that nobody else has it), tells the old address
 * and stops reset links sent to it. Works once, without being signed in (the link is the proof).
 * Throws INVALID (`form: link_invalid`) or CONFLICT (`email: email_taken`).
 */
export async function verifyEmail(ctx: Ctx, token: unknown): Promise<EmailVerificationLink> {
	if (!isWellFormedAccountToken(token)) throw invalid({ form: 'link_invalid' });
	const now = ctx.now();
	const nowIso = now.toISOString();
	const found = await findUsableAccountToken(
		ctx.db,
		accountTokenHash(token),
		'verify_email',
		nowIso
	);
	if (!found) throw invalid({ form: 'link_invalid' });
	const isAddressChange = found.email !== found.person_email;
	const network = await networkNames(ctx);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await markAccountTokenUsed(tx, found.id, nowIso)))
			throw invalid({ form: 'link_invalid' });
		if (isAddressChange) {
			if (await personEmailExists(tx, found.email)) throw emailTaken();
			await updatePersonEmail(tx, found.person_id, found.email, nowIso);
			await deleteUnusedAccountTokens(tx, found.person_id, 'reset_password');
			const mail = emailChangedMail({ network: network.name, displayName: found.display_name });
			await enqueueMail(
				tx,
				{ to: found.person_email, subject: mail.subject, text: mail.text },
				{ now }
			);
		} else {
			await markEmailVerified(tx, found.person_id, nowIso);
		}
		await recordAuditEvent(
			tx,
			{
				action: isAddressChange ? 'auth.email.changed' : 'auth.email.verified',
				actorPersonId: found.person_id,
				actorLabel: found.display_name,
				subjectType: 'person',
				subjectId: found.person_id
			},
			ctx
		);
	});
	return { email: found.email, isAddressChange };
}
