/**
 * Two-factor sign-in with TOTP (authenticator apps) and single-use backup codes: set-up,
 * removal, new backup codes, and the second step of sign-in. The key is stored sealed
 * (secrets.ts), backup codes as keyed hashes; codes are checked by otpauth and by database
 * lookup, never compared by hand. A code's time step is claimed in the same transaction as what
 * it authorises, so a code cannot be used twice, not even by two requests at once.
 */
import { auditActorOf, recordAuditEvent } from '../audit';
import { config } from '../config';
import type { Ctx, PersonActor } from '../context';
import { inTransaction, type Tx } from '../db';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import {
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimited,
	rateLimitRequest,
	resetRateLimit
} from '../rate-limits';
import { openSecret, sealSecret } from '../secrets';
import {
	confirmCurrentPassword,
	countReauthentication,
	networkNames,
	requireSessionPerson
} from './account.guard';
import {
	DisableTwoFactorSchema,
	TwoFactorCodeSchema,
	type DisableTwoFactorInput
} from './account-security.schema';
import { accountTokenHash, isWellFormedAccountToken } from './account-token';
import { fieldErrorsOf } from './auth.schema';
import { createSession, type SessionStarted } from './auth.service';
import { backupCodeHash, newBackupCodes, normaliseBackupCode } from './backup-code';
import {
	advanceTwoFactorStep,
	clearTwoFactor,
	countChallengeAttempt,
	countUnusedBackupCodes,
	deleteBackupCodes,
	deleteSignInChallenge,
	deleteSignInChallengesOfPerson,
	enableTwoFactor,
	findSignInChallenge,
	findTwoFactorState,
	replaceBackupCodes,
	savePendingTwoFactorSecret,
	useBackupCode
} from './two-factor.repository';
import { canResetTwoFactor, isTwoFactorRequired } from './two-factor.policy';
import { deleteSessionsOfPerson, findPersonForSignIn } from './auth.repository';
import { normaliseEmail } from '../text/pseudonym';
import { groupSecret, newTotpSecret, normaliseTotpCode, totpUri, verifyTotp } from './totp';

const SEAL_PURPOSE = 'totp';
/** Wrong codes one challenge survives; then the password has to be typed again. */
export const CHALLENGE_MAX_ATTEMPTS = 5;

type TwoFactorState = NonNullable<Awaited<ReturnType<typeof findTwoFactorState>>>;

/** A code that checked out, still to be claimed in the transaction it authorises. */
type SecondFactor = { kind: 'totp'; step: number } | { kind: 'backup_code'; hash: string };

function secretOf(state: TwoFactorState): string | null {
	return state.two_factor_secret === null
		? null
		: openSecret(SEAL_PURPOSE, state.two_factor_secret);
}

/**
 * Whether `code` is a current TOTP code (not yet used) or, when allowed, a backup code in the
 * right form; whether that backup code exists unused is decided when it is claimed.
 */
function checkSecondFactor(
	state: TwoFactorState,
	code: string,
	now: Date,
	allowBackupCode: boolean
): SecondFactor | null {
	if (normaliseTotpCode(code) !== null) {
		const secret = secretOf(state);
		const step = secret ? verifyTotp(secret, code, now, state.two_factor_last_step) : null;
		return step === null ? null : { kind: 'totp', step };
	}
	const backup = allowBackupCode ? normaliseBackupCode(code) : null;
	return backup === null ? null : { kind: 'backup_code', hash: backupCodeHash(backup) };
}

/** Uses the factor up; false when another request was first or the backup code is not valid. */
function claimSecondFactor(
	tx: Tx,
	personId: number,
	factor: SecondFactor,
	nowIso: string
): Promise<boolean> {
	return factor.kind === 'totp'
		? advanceTwoFactorStep(tx, personId, factor.step)
		: useBackupCode(tx, personId, factor.hash, nowIso);
}

async function recordFailure(
	ctx: Ctx,
	state: { id: number; display_name: string },
	context: string,
	request: { ip?: string | null; userAgent?: string | null } = {}
): Promise<void> {
	await recordAuditEvent(
		ctx.db,
		{
			action: 'auth.two_factor.failed',
			actorPersonId: state.id,
			actorLabel: state.display_name,
			subjectType: 'person',
			subjectId: state.id,
			ipAddress: request.ip ?? null,
			userAgent: request.userAgent ?? null,
			details: { context }
		},
		ctx
	);
}

const codeInvalid = () => invalid({ code: 'code_invalid' });

async function loadState(ctx: Ctx, personId: number): Promise<TwoFactorState> {
	const state = await findTwoFactorState(ctx.db, personId);
	if (!state) throw new DomainError('UNAUTHENTICATED', 'not signed in');
	return state;
}

function isRequiredFor(actor: PersonActor): boolean {
	return isTwoFactorRequired(actor, config().twoFactorRequired);
}

export interface TwoFactorSetup {
	/** The key in groups of four, for typing it into an app by hand. */
	secret: string;
	/** The `otpauth://` address for the QR code. */
	uri: string;
	issuer: string;
	account: string;
}

export interface TwoFactorStatus {
	isEnabled: boolean;
	/** Required for this person: it cannot be switched off. */
	isRequired: boolean;
	backupCodesLeft: number;
	/** While not enabled: the pending key to set up. */
	setup: TwoFactorSetup | null;
}

/**
 * The person's two-factor state. While it is not enabled, a pending key is created (once, and
 * kept until confirmed, so reloading the page does not invalidate a scanned QR code).
 */
export async function getTwoFactorStatus(ctx: Ctx): Promise<TwoFactorStatus> {
	const actor = requireSessionPerson(ctx);
	const state = await loadState(ctx, actor.personId);
	const isRequired = isRequiredFor(actor);
	if (state.two_factor_enabled_at !== null) {
		return {
			isEnabled: true,
			isRequired,
			backupCodesLeft: await countUnusedBackupCodes(ctx.db, state.id),
			setup: null
		};
	}
	let secret = secretOf(state);
	if (secret === null) {
		secret = newTotpSecret();
		await savePendingTwoFactorSecret(
			ctx.db,
			state.id,
			sealSecret(SEAL_PURPOSE, secret),
			ctx.now().toISOString()
		);
	}
	const { issuer } = await networkNames(ctx);
	return {
		isEnabled: false,
		isRequired,
		backupCodesLeft: 0,
		setup: {
			secret: groupSecret(secret),
			uri: totpUri(secret, issuer, state.email),
			issuer,
			account: state.email
		}
	};
}

/**
 * Enables two-factor sign-in once the person has typed a current code from their app, and
 * returns ten new backup codes: shown once, stored only as hashes.
 * Throws INVALID (`code`), CONFLICT when already enabled, RATE_LIMITED.
 */
export async function confirmTwoFactorSetup(
	ctx: Ctx,
	input: { code: unknown }
): Promise<{ backupCodes: string[] }> {
	const actor = requireSessionPerson(ctx);
	const parsed = TwoFactorCodeSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const state = await loadState(ctx, actor.personId);
	if (state.two_factor_enabled_at !== null) {
		throw new DomainError('CONFLICT', 'two-factor already enabled', {
			form: 'two_factor_already_enabled'
		});
	}
	await countReauthentication(ctx, state.id);
	const secret = secretOf(state);
	const now = ctx.now();
	const step = secret ? verifyTotp(secret, parsed.data.code, now, null) : null;
	if (step === null) {
		await recordFailure(ctx, state, 'setup');
		throw codeInvalid();
	}
	const backupCodes = newBackupCodes();
	const nowIso = now.toISOString();
	await inTransaction(ctx.db, async (tx) => {
		if (!(await enableTwoFactor(tx, state.id, step, nowIso))) {
			throw new DomainError('CONFLICT', 'two-factor already enabled', {
				form: 'two_factor_already_enabled'
			});
		}
		await replaceBackupCodes(
			tx,
			state.id,
			backupCodes.map((code) => backupCodeHash(normaliseBackupCode(code) ?? code)),
			nowIso
		);
		await recordAuditEvent(
			tx,
			{
				action: 'auth.two_factor.enabled',
				actorPersonId: state.id,
				actorLabel: state.display_name,
				subjectType: 'person',
				subjectId: state.id
			},
			ctx
		);
	});
	return { backupCodes };
}

/**
 * Switches two-factor sign-in off: needs the current password and a current code (or a backup
 * code), and is refused while two-factor sign-in is required for the person.
 * Throws FORBIDDEN (`form: two_factor_required`), INVALID, RATE_LIMITED.
 */
export async function disableTwoFactor(ctx: Ctx, input: DisableTwoFactorInput): Promise<void> {
	const actor = requireSessionPerson(ctx);
	if (isRequiredFor(actor)) {
		throw new DomainError('FORBIDDEN', 'two-factor required', { form: 'two_factor_required' });
	}
	const parsed = DisableTwoFactorSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const state = await loadState(ctx, actor.personId);
	if (state.two_factor_enabled_at === null) {
		throw new DomainError('CONFLICT', 'two-factor not enabled', { form: 'two_factor_not_enabled' });
	}
	await countReauthentication(ctx, state.id);
	await confirmCurrentPassword(state.password_hash, parsed.data.currentPassword);
	const now = ctx.now();
	const nowIso = now.toISOString();
	const factor = checkSecondFactor(state, parsed.data.code, now, true);
	const done =
		factor !== null &&
		(await inTransaction(ctx.db, async (tx) => {
			if (!(await claimSecondFactor(tx, state.id, factor, nowIso))) return false;
			await clearTwoFactor(tx, state.id, nowIso);
			await deleteBackupCodes(tx, state.id);
			await recordAuditEvent(
				tx,
				{
					action: 'auth.two_factor.disabled',
					actorPersonId: state.id,
					actorLabel: state.display_name,
					subjectType: 'person',
					subjectId: state.id
				},
				ctx
			);
			return true;
		}));
	if (!done) {
		await recordFailure(ctx, state, 'disable');
		throw codeInvalid();
	}
}

/**
 * Replaces the backup codes by ten new ones (the old ones stop working); needs a current code
 * from the app. Throws INVALID, CONFLICT when two-factor is not enabled, RATE_LIMITED.
 */
export async function regenerateBackupCodes(
	ctx: Ctx,
	input: { code: unknown }
): Promise<{ backupCodes: string[] }> {
	const actor = requireSessionPerson(ctx);
	const parsed = TwoFactorCodeSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const state = await loadState(ctx, actor.personId);
	if (state.two_factor_enabled_at === null) {
		throw new DomainError('CONFLICT', 'two-factor not enabled', { form: 'two_factor_not_enabled' });
	}
	await countReauthentication(ctx, state.id);
	const now = ctx.now();
	const nowIso = now.toISOString();
	const factor = checkSecondFactor(state, parsed.data.code, now, false);
	const backupCodes = newBackupCodes();
	const done =
		factor !== null &&
		(await inTransaction(ctx.db, async (tx) => {
			if (!(await claimSecondFactor(tx, state.id, factor, nowIso))) return false;
			await replaceBackupCodes(
				tx,
				state.id,
				backupCodes.map((code) => backupCodeHash(normaliseBackupCode(code) ?? code)),
				nowIso
			);
			await recordAuditEvent(
				tx,
				{
					action: 'auth.two_factor.backup_codes_renewed',
					actorPersonId: state.id,
					actorLabel: state.display_name,
					subjectType: 'person',
					subjectId: state.id
				},
				ctx
			);
			return true;
		}));
	if (!done) {
		await recordFailure(ctx, state, 'backup_codes');
		throw codeInvalid();
	}
	return { backupCodes };
}

export interface CompleteSignInRequest {
	/** The token from the challenge cookie. */
	challengeToken: unknown;
	code: unknown;
	ip: string | null;
	userAgent: string | null;
}

const challengeExpired = () => invalid({ form: 'challenge_expired' });

/** Thrown inside a transaction to roll it back when a code turns out to be used already. */
class Refused extends Error {}

/**
 * The second step of sign-in: a TOTP code (each time step once) or an unused backup code. Starts
 * the session exactly like a password-only sign-in (`createSession`). Limited per person; after
 * CHALLENGE_MAX_ATTEMPTS wrong codes the challenge ends and the password is needed again.
 *
 * Throws INVALID (`code: code_invalid | code_required`, or `form: challenge_expired` when the
 * challenge is unknown, expired or used up) or RATE_LIMITED.
 */
export async function completeTwoFactorSignIn(
	ctx: Ctx,
	request: CompleteSignInRequest
): Promise<SessionStarted> {
	if (!isWellFormedAccountToken(request.challengeToken)) throw challengeExpired();
	const challengeId = accountTokenHash(request.challengeToken);
	const challenge = await findSignInChallenge(ctx.db, challengeId);
	const now = ctx.now();
	const nowIso = now.toISOString();
	if (!challenge || challenge.expires_at <= nowIso) {
		if (challenge) await deleteSignInChallenge(ctx.db, challengeId);
		throw challengeExpired();
	}
	const parsed = TwoFactorCodeSchema.safeParse({ code: request.code });
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const state = await findTwoFactorState(ctx.db, challenge.person_id);
	if (!state || state.two_factor_enabled_at === null) {
		await deleteSignInChallenge(ctx.db, challengeId);
		throw challengeExpired();
	}

	const limit = rateLimitRequest(RATE_LIMIT_POLICIES.TWO_FACTOR_PER_ACCOUNT, state.id);
	const decision = await consumeRateLimit(ctx, limit);
	if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);

	const factor = checkSecondFactor(state, parsed.data.code, now, true);
	const session =
		factor === null
			? null
			: await inTransaction(ctx.db, async (tx) => {
					// The challenge is used up with the session; a parallel request finds none.
					if (!(await deleteSignInChallenge(tx, challengeId))) return null;
					// A refused claim rolls the deletion back: the challenge keeps its attempts.
					if (!(await claimSecondFactor(tx, state.id, factor, nowIso))) throw new Refused();
					const started = await createSession(tx, ctx, state, {
						ip: request.ip,
						userAgent: request.userAgent,
						method: factor.kind
					});
					if (factor.kind === 'backup_code') {
						await recordAuditEvent(
							tx,
							{
								action: 'auth.two_factor.backup_code_used',
								actorPersonId: state.id,
								actorLabel: state.display_name,
								subjectType: 'person',
								subjectId: state.id,
								ipAddress: request.ip,
								details: { backupCodesLeft: await countUnusedBackupCodes(tx, state.id) }
							},
							ctx
						);
					}
					return started;
				}).catch((error: unknown) => {
					if (error instanceof Refused) return null;
					throw error;
				});
	if (!session) {
		await recordFailure(ctx, state, 'sign_in', request);
		if (challenge.attempts + 1 >= CHALLENGE_MAX_ATTEMPTS) {
			await deleteSignInChallenge(ctx.db, challengeId);
			throw challengeExpired();
		}
		await countChallengeAttempt(ctx.db, challengeId);
		throw codeInvalid();
	}
	await resetRateLimit(ctx, limit.key);
	return session;
}

/**
 * For a person who lost both their authenticator and their backup codes: switches their
 * two-factor sign-in off and ends all their sessions, so they sign in again with their password
 * and (where it is required) set up a new authenticator at once. Only the operator (CLI) and the
 * coordination may do this, and it is audited. Throws FORBIDDEN, NOT_FOUND, CONFLICT when the
 * person has no two-factor sign-in.
 */
export async function resetTwoFactor(ctx: Ctx, input: { email: string }): Promise<number> {
	if (!canResetTwoFactor(ctx.actor)) throw forbidden('reset two-factor');
	const person = await findPersonForSignIn(ctx.db, normaliseEmail(input.email));
	if (!person) throw notFound('person');
	if (person.two_factor_enabled_at === null) {
		throw new DomainError('CONFLICT', 'two-factor not enabled', { form: 'two_factor_not_enabled' });
	}
	const nowIso = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		await clearTwoFactor(tx, person.id, nowIso);
		await deleteBackupCodes(tx, person.id);
		await deleteSignInChallengesOfPerson(tx, person.id);
		const sessions = await deleteSessionsOfPerson(tx, person.id);
		await recordAuditEvent(
			tx,
			{
				action: 'auth.two_factor.reset',
				...auditActorOf(ctx.actor),
				subjectType: 'person',
				subjectId: person.id,
				details: { sessionsEnded: sessions }
			},
			ctx
		);
	});
	return person.id;
}
