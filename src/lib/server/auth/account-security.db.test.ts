/**
 * Account security against a real database, on SQLite and PostgreSQL: reset links (single use,
 * expiry, the same answer for unknown addresses, deleted people), two-factor sign-in (set-up,
 * second step, replayed codes, backup codes), password and address changes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { ANONYMOUS, systemContext, type Actor, type PersonActor } from '../context';
import { RateLimitedError } from '../rate-limits';
import { openSecret } from '../secrets';
import { emailPseudonym } from '../text/pseudonym';
import {
	CHALLENGE_MAX_ATTEMPTS,
	changePassword,
	completeTwoFactorSignIn,
	confirmTwoFactorSetup,
	createCoordinator,
	disableTwoFactor,
	findEmailVerificationLink,
	getAccountSecurity,
	getTwoFactorStatus,
	isPasswordResetLinkUsable,
	purgeExpiredAccountTokens,
	regenerateBackupCodes,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	sendEmailVerification,
	signIn,
	validateSession,
	verifyEmail
} from './index';
import { totpCodeAt } from './totp';

const t = useTestDatabase();

const PASSWORD = 'Rhein-Ufer-Laterne-47';
const NEW_PASSWORD = 'Wolken-Über-Dem-Kinzigtal';
const ORIGIN = 'https://netz.example';
const START = Date.parse('2026-11-26T09:00:00.000Z');
const at = (seconds = 0) => new Date(START + seconds * 1000);
const ctxAt = (seconds = 0, actor: Actor = ANONYMOUS) => t.ctx(actor, () => at(seconds));

let people = 0;
let addresses = 0;
const ip = () => `198.51.100.${++addresses}`;

/** A person of their own per test; coordinators unless `isCoordinator` is false. */
async function person(options: { isCoordinator?: boolean; isVerified?: boolean } = {}) {
	const email = `person${++people}@rathaus.example`;
	const id = await createCoordinator(
		systemContext(t.db, 'test', () => at()),
		{
			email,
			displayName: `Person ${people}`,
			password: PASSWORD
		}
	);
	await t.db
		.updateTable('person')
		.set({
			is_coordinator: options.isCoordinator ?? true,
			email_verified_at: options.isVerified === false ? null : at().toISOString()
		})
		.where('id', '=', id)
		.execute();
	return { id, email };
}

async function signedIn(email: string, seconds = 0, password = PASSWORD) {
	const result = await signIn(ctxAt(seconds), { email, password, ip: ip(), userAgent: 'Test' });
	if (result.status !== 'signed_in') throw new Error('expected a session');
	const actor = await validateSession(t.db, result.token, at(seconds));
	if (!actor) throw new Error('session not valid');
	return { token: result.token, actor };
}

async function mailsTo(email: string) {
	return t.db
		.selectFrom('mail_outbox')
		.select(['subject', 'text_body'])
		.where('to_address', '=', email)
		.orderBy('id')
		.execute();
}

function tokenIn(text: string, path: string): string {
	const match = new RegExp(`${ORIGIN}${path}/([A-Za-z0-9_-]{43})`).exec(text);
	if (!match?.[1]) throw new Error(`no link to ${path} in: ${text}`);
	return match[1];
}

async function resetTokenFor(email: string, seconds = 0): Promise<string> {
	await requestPasswordReset(ctxAt(seconds), { email, ip: ip(), origin: ORIGIN });
	const mails = await mailsTo(email);
	return tokenIn(mails.at(-1)?.text_body ?? '', '/passwort-zuruecksetzen');
}

async function personRow(id: number) {
	return t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
	// A network word for the password policy.
	await t.db
		.insertInto('municipality')
		.values({
			ags: '08317057',
			name: 'Kehl',
			name_sort: 'kehl',
			type: 'stadt',
			membership_status: 'member',
			is_founding_member: false,
			is_demo: false,
			updated_at: at().toISOString()
		})
		.execute();
});

describe('password reset', () => {
	it('answers the same for a known and an unknown address, and mails only the known one', async () => {
		const anna = await person();
		const unknown = 'niemand@rathaus.example';
		const known = await requestPasswordReset(ctxAt(), {
			email: anna.email,
			ip: ip(),
			origin: ORIGIN
		});
		const other = await requestPasswordReset(ctxAt(), { email: unknown, ip: ip(), origin: ORIGIN });
		expect(known).toBeUndefined();
		expect(other).toEqual(known);

		const [mail] = await mailsTo(anna.email);
		expect(mail?.subject).toContain('Passwort zurücksetzen');
		expect(mail?.text_body).toContain('eine Stunde');
		const token = tokenIn(mail?.text_body ?? '', '/passwort-zuruecksetzen');
		expect(await mailsTo(unknown)).toEqual([]);

		// Only the token's hash is stored.
		const stored = await t.db
			.selectFrom('account_token')
			.selectAll()
			.where('person_id', '=', anna.id)
			.execute();
		expect(stored).toHaveLength(1);
		expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(stored[0]).toMatchObject({
			purpose: 'reset_password',
			expires_at: at(3600).toISOString()
		});

		// Both addresses counted against the limits; both requests audited alike.
		for (const email of [anna.email, unknown]) {
			const bucket = await t.db
				.selectFrom('rate_limit_bucket')
				.select('count')
				.where('key', '=', `reset:account:${emailPseudonym(email)}`)
				.executeTakeFirst();
			expect(bucket?.count).toBe(1);
		}
		const events = await t.db
			.selectFrom('audit_event')
			.select(['details_json'])
			.where('action', '=', 'auth.password_reset.requested')
			.execute();
		expect(events.map((e) => e.details_json)).toEqual(
			expect.arrayContaining([{ isKnownAddress: true }, { isKnownAddress: false }])
		);
	});

	it('refuses the fourth request per hour for any address, known or not', async () => {
		const anna = await person();
		for (const email of [anna.email, 'auch-niemand@rathaus.example']) {
			for (let i = 0; i < 3; i++)
				await requestPasswordReset(ctxAt(i), { email, ip: ip(), origin: ORIGIN });
			const error = await errorOf(
				requestPasswordReset(ctxAt(4), { email, ip: ip(), origin: ORIGIN })
			);
			expect(error).toBeInstanceOf(RateLimitedError);
		}
	});

	it('sets the password once, ends every session, signs nobody in, and lifts the sign-in block', async () => {
		const anna = await person({ isVerified: false });
		const session = await signedIn(anna.email);
		// Someone guessed: the account is blocked.
		for (let i = 0; i < 6; i++) {
			await signIn(ctxAt(1), {
				email: anna.email,
				password: `falsch-${i}-falsch`,
				ip: ip(),
				userAgent: null
			}).catch(() => undefined);
		}
		const token = await resetTokenFor(anna.email, 10);
		expect(await isPasswordResetLinkUsable(ctxAt(11), token)).toBe(true);

		// A weak password changes nothing and leaves the link usable.
		const weak = await errorOf(
			resetPassword(ctxAt(12), {
				token,
				password: 'Kehl2026!',
				ip: ip(),
				userAgent: null,
				origin: ORIGIN
			})
		);
		expect(weak.fields).toEqual({ password: 'password_too_short' });
		const network = await errorOf(
			resetPassword(ctxAt(12), {
				token,
				password: 'Kehl!2026-2027',
				ip: ip(),
				userAgent: null,
				origin: ORIGIN
			})
		);
		expect(network.fields).toEqual({ password: 'password_contains_network_word' });
		expect(await isPasswordResetLinkUsable(ctxAt(13), token)).toBe(true);

		await resetPassword(ctxAt(20), {
			token,
			password: NEW_PASSWORD,
			ip: ip(),
			userAgent: null,
			origin: ORIGIN
		});
		expect(await validateSession(t.db, session.token, at(21))).toBeNull();
		expect(
			await t.db.selectFrom('session').select('id').where('person_id', '=', anna.id).execute()
		).toEqual([]);
		const row = await personRow(anna.id);
		expect(row.email_verified_at).toBe(at(20).toISOString());
		expect((await mailsTo(anna.email)).at(-1)?.subject).toBe('Ihr Passwort wurde geändert');

		// Single use.
		expect(await isPasswordResetLinkUsable(ctxAt(22), token)).toBe(false);
		const again = await errorOf(
			resetPassword(ctxAt(22), {
				token,
				password: 'Noch-Ein-Neues-Passwort',
				ip: ip(),
				userAgent: null,
				origin: ORIGIN
			})
		);
		expect(again.fields).toEqual({ form: 'link_invalid' });

		// The block is lifted; the old password is gone, the new one works.
		await expect(
			signIn(ctxAt(30), { email: anna.email, password: PASSWORD, ip: ip(), userAgent: null })
		).rejects.toMatchObject({ code: 'INVALID' });
		expect((await signedIn(anna.email, 31, NEW_PASSWORD)).actor.personId).toBe(anna.id);
	});

	it('expires after one hour, and a newer link replaces an older one', async () => {
		const anna = await person();
		const first = await resetTokenFor(anna.email, 0);
		const second = await resetTokenFor(anna.email, 60);
		expect(await isPasswordResetLinkUsable(ctxAt(61), first)).toBe(false);
		expect(await isPasswordResetLinkUsable(ctxAt(60 + 3599), second)).toBe(true);
		expect(await isPasswordResetLinkUsable(ctxAt(60 + 3600), second)).toBe(false);
		const late = await errorOf(
			resetPassword(ctxAt(60 + 3600), {
				token: second,
				password: NEW_PASSWORD,
				ip: null,
				userAgent: null,
				origin: ORIGIN
			})
		);
		expect(late.fields).toEqual({ form: 'link_invalid' });
		expect(await purgeExpiredAccountTokens(ctxAt(60 + 3600))).toBeGreaterThanOrEqual(1);
	});

	it('does nothing for a deleted person', async () => {
		const anna = await person();
		const token = await resetTokenFor(anna.email);
		await t.db
			.updateTable('person')
			.set({ deleted_at: at(1).toISOString() })
			.where('id', '=', anna.id)
			.execute();
		expect(await isPasswordResetLinkUsable(ctxAt(2), token)).toBe(false);
		const error = await errorOf(
			resetPassword(ctxAt(2), {
				token,
				password: NEW_PASSWORD,
				ip: null,
				userAgent: null,
				origin: ORIGIN
			})
		);
		expect(error.fields).toEqual({ form: 'link_invalid' });
		const before = (await mailsTo(anna.email)).length;
		await requestPasswordReset(ctxAt(3), { email: anna.email, ip: ip(), origin: ORIGIN });
		expect(await mailsTo(anna.email)).toHaveLength(before);
	});

	it('refuses malformed and foreign tokens', async () => {
		for (const token of [undefined, '', "' or 1=1 --", 'A'.repeat(43)]) {
			expect(await isPasswordResetLinkUsable(ctxAt(), token)).toBe(false);
		}
	});
});

/** Enrols the signed-in person; returns their key and backup codes. */
async function enrol(actor: PersonActor, seconds: number) {
	const status = await getTwoFactorStatus(ctxAt(seconds, actor));
	const secret = status.setup?.secret.replace(/\s/g, '') ?? '';
	const { backupCodes } = await confirmTwoFactorSetup(ctxAt(seconds, actor), {
		code: totpCodeAt(secret, at(seconds))
	});
	return { secret, backupCodes };
}

async function challengeFor(email: string, seconds: number, password = PASSWORD) {
	const result = await signIn(ctxAt(seconds), { email, password, ip: ip(), userAgent: 'Test' });
	if (result.status !== 'two_factor_required') throw new Error('expected a challenge');
	return result.challengeToken;
}

describe('two-factor sign-in', () => {
	it('sets up with a pending sealed key, confirmed by a code; then sign-in asks for a code', async () => {
		const anna = await person();
		const { actor, token } = await signedIn(anna.email);
		expect(actor).toMatchObject({ hasTwoFactor: false, isEmailVerified: true });

		const first = await getTwoFactorStatus(ctxAt(1, actor));
		expect(first).toMatchObject({ isEnabled: false, isRequired: true });
		const secret = first.setup?.secret.replace(/\s/g, '') ?? '';
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(first.setup?.uri).toContain(`secret=${secret}`);
		// Reloading shows the same key; the database holds it sealed only.
		expect((await getTwoFactorStatus(ctxAt(2, actor))).setup?.secret.replace(/\s/g, '')).toBe(
			secret
		);
		const row = await personRow(anna.id);
		expect(row.two_factor_secret).not.toContain(secret);
		expect(openSecret('totp', row.two_factor_secret ?? '')).toBe(secret);
		expect(row.two_factor_enabled_at).toBeNull();

		// Without confirmation nothing is enabled; a wrong code is refused.
		const wrong = await errorOf(confirmTwoFactorSetup(ctxAt(3, actor), { code: '000000' }));
		expect(wrong.fields).toEqual({ code: 'code_invalid' });
		expect(
			(await signIn(ctxAt(4), { email: anna.email, password: PASSWORD, ip: ip(), userAgent: null }))
				.status
		).toBe('signed_in');

		const { backupCodes } = await confirmTwoFactorSetup(ctxAt(5, actor), {
			code: totpCodeAt(secret, at(5))
		});
		expect(backupCodes).toHaveLength(10);
		const stored = await t.db
			.selectFrom('backup_code')
			.select('code_hash')
			.where('person_id', '=', anna.id)
			.execute();
		expect(stored).toHaveLength(10);
		expect(JSON.stringify(stored)).not.toContain(backupCodes[0]?.replace('-', '') ?? 'x');
		expect((await validateSession(t.db, token, at(6)))?.hasTwoFactor).toBe(true);

		const sessionsBefore = await countSessions(anna.id);
		const result = await signIn(ctxAt(60), {
			email: anna.email,
			password: PASSWORD,
			ip: ip(),
			userAgent: null
		});
		expect(result.status).toBe('two_factor_required');
		expect(await countSessions(anna.id)).toBe(sessionsBefore);
	});

	it('completes with a TOTP code, refuses its replay, accepts the next step', async () => {
		const anna = await person();
		const { actor } = await signedIn(anna.email);
		const { secret } = await enrol(actor, 0);

		const challenge = await challengeFor(anna.email, 120);
		const code = totpCodeAt(secret, at(120));
		const session = await completeTwoFactorSignIn(ctxAt(120), {
			challengeToken: challenge,
			code,
			ip: ip(),
			userAgent: 'UA'
		});
		expect(session.status).toBe('signed_in');
		expect((await validateSession(t.db, session.token, at(121)))?.hasTwoFactor).toBe(true);
		const events = await t.db
			.selectFrom('audit_event')
			.select('details_json')
			.where('action', '=', 'auth.sign_in.succeeded')
			.where('subject_id', '=', anna.id)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(events.details_json).toEqual({ method: 'totp' });

		// The challenge is used up; the same code with a new challenge is a replay.
		expect(
			(
				await errorOf(
					completeTwoFactorSignIn(ctxAt(121), {
						challengeToken: challenge,
						code,
						ip: null,
						userAgent: null
					})
				)
			).fields
		).toEqual({ form: 'challenge_expired' });
		const second = await challengeFor(anna.email, 125);
		const replay = await errorOf(
			completeTwoFactorSignIn(ctxAt(125), {
				challengeToken: second,
				code,
				ip: null,
				userAgent: null
			})
		);
		expect(replay.fields).toEqual({ code: 'code_invalid' });
		const next = await completeTwoFactorSignIn(ctxAt(150), {
			challengeToken: second,
			code: totpCodeAt(secret, at(150)),
			ip: null,
			userAgent: null
		});
		expect(next.status).toBe('signed_in');
		const failures = await t.db
			.selectFrom('audit_event')
			.select('id')
			.where('action', '=', 'auth.two_factor.failed')
			.where('subject_id', '=', anna.id)
			.execute();
		expect(failures).toHaveLength(1);
	});

	it('accepts each backup code once', async () => {
		const anna = await person();
		const { actor } = await signedIn(anna.email);
		const { backupCodes } = await enrol(actor, 0);
		const code = backupCodes[3] ?? '';

		const session = await completeTwoFactorSignIn(ctxAt(60), {
			challengeToken: await challengeFor(anna.email, 60),
			code: code.toLowerCase(),
			ip: null,
			userAgent: null
		});
		expect(session.status).toBe('signed_in');
		const again = await errorOf(
			completeTwoFactorSignIn(ctxAt(61), {
				challengeToken: await challengeFor(anna.email, 61),
				code,
				ip: null,
				userAgent: null
			})
		);
		expect(again.fields).toEqual({ code: 'code_invalid' });
		expect((await getAccountSecurity(ctxAt(62, actor))).backupCodesLeft).toBe(9);
	});

	it('ends a challenge after ten minutes and after too many wrong codes; limits per person', async () => {
		const anna = await person();
		const { actor } = await signedIn(anna.email);
		const { secret } = await enrol(actor, 0);

		const old = await challengeFor(anna.email, 100);
		const expired = await errorOf(
			completeTwoFactorSignIn(ctxAt(100 + 600), {
				challengeToken: old,
				code: totpCodeAt(secret, at(700)),
				ip: null,
				userAgent: null
			})
		);
		expect(expired.fields).toEqual({ form: 'challenge_expired' });

		const challenge = await challengeFor(anna.email, 1000);
		for (let attempt = 1; attempt < CHALLENGE_MAX_ATTEMPTS; attempt++) {
			const error = await errorOf(
				completeTwoFactorSignIn(ctxAt(1000 + attempt), {
					challengeToken: challenge,
					code: '000000',
					ip: null,
					userAgent: null
				})
			);
			expect(error.fields).toEqual({ code: 'code_invalid' });
		}
		const last = await errorOf(
			completeTwoFactorSignIn(ctxAt(1010), {
				challengeToken: challenge,
				code: '000000',
				ip: null,
				userAgent: null
			})
		);
		expect(last.fields).toEqual({ form: 'challenge_expired' });

		// The per-person limit (5 per 15 minutes) holds across challenges, even for the right code.
		const blocked = await errorOf(
			completeTwoFactorSignIn(ctxAt(1020), {
				challengeToken: await challengeFor(anna.email, 1020),
				code: totpCodeAt(secret, at(1020)),
				ip: null,
				userAgent: null
			})
		);
		expect(blocked).toBeInstanceOf(RateLimitedError);
	});

	it('refuses to switch off while required, and needs password and code otherwise', async () => {
		const coordinator = await person();
		const { actor } = await signedIn(coordinator.email);
		const { secret } = await enrol(actor, 0);
		const refused = await errorOf(
			disableTwoFactor(ctxAt(60, actor), {
				currentPassword: PASSWORD,
				code: totpCodeAt(secret, at(60))
			})
		);
		expect(refused.code).toBe('FORBIDDEN');
		expect(refused.fields).toEqual({ form: 'two_factor_required' });

		const member = await person({ isCoordinator: false });
		const signedMember = await signedIn(member.email);
		const enrolled = await enrol(signedMember.actor, 0);
		const memberActor = { ...signedMember.actor, hasTwoFactor: true };
		const wrongPassword = await errorOf(
			disableTwoFactor(ctxAt(60, memberActor), {
				currentPassword: 'falsch-falsch-1',
				code: totpCodeAt(enrolled.secret, at(60))
			})
		);
		expect(wrongPassword.fields).toEqual({ currentPassword: 'current_password_wrong' });
		const wrongCode = await errorOf(
			disableTwoFactor(ctxAt(61, memberActor), { currentPassword: PASSWORD, code: '000000' })
		);
		expect(wrongCode.fields).toEqual({ code: 'code_invalid' });
		await disableTwoFactor(ctxAt(90, memberActor), {
			currentPassword: PASSWORD,
			code: totpCodeAt(enrolled.secret, at(90))
		});
		const row = await personRow(member.id);
		expect(row).toMatchObject({ two_factor_secret: null, two_factor_enabled_at: null });
		expect(
			await t.db.selectFrom('backup_code').select('id').where('person_id', '=', member.id).execute()
		).toEqual([]);
		expect(
			(
				await signIn(ctxAt(120), {
					email: member.email,
					password: PASSWORD,
					ip: ip(),
					userAgent: null
				})
			).status
		).toBe('signed_in');
	});

	it('renews backup codes with a current code; the old ones stop working', async () => {
		const anna = await person();
		const { actor } = await signedIn(anna.email);
		const { secret, backupCodes } = await enrol(actor, 0);
		const backupOnly = await errorOf(
			regenerateBackupCodes(ctxAt(60, actor), { code: backupCodes[0] })
		);
		expect(backupOnly.fields).toEqual({ code: 'code_invalid' });
		const renewed = await regenerateBackupCodes(ctxAt(60, actor), {
			code: totpCodeAt(secret, at(60))
		});
		expect(renewed.backupCodes).toHaveLength(10);
		const old = await errorOf(
			completeTwoFactorSignIn(ctxAt(90), {
				challengeToken: await challengeFor(anna.email, 90),
				code: backupCodes[1],
				ip: null,
				userAgent: null
			})
		);
		expect(old.fields).toEqual({ code: 'code_invalid' });
		const fresh = await completeTwoFactorSignIn(ctxAt(91), {
			challengeToken: await challengeFor(anna.email, 91),
			code: renewed.backupCodes[1],
			ip: null,
			userAgent: null
		});
		expect(fresh.status).toBe('signed_in');
	});

	it('still asks for the second factor after a password reset', async () => {
		const anna = await person();
		const { actor } = await signedIn(anna.email);
		await enrol(actor, 0);
		const token = await resetTokenFor(anna.email, 60);
		await resetPassword(ctxAt(61), {
			token,
			password: NEW_PASSWORD,
			ip: null,
			userAgent: null,
			origin: ORIGIN
		});
		const result = await signIn(ctxAt(62), {
			email: anna.email,
			password: NEW_PASSWORD,
			ip: ip(),
			userAgent: null
		});
		expect(result.status).toBe('two_factor_required');
	});
});

async function countSessions(personId: number): Promise<number> {
	return (await t.db.selectFrom('session').select('id').where('person_id', '=', personId).execute())
		.length;
}

describe('password change', () => {
	it('needs the current password, ends the other sessions only and sends a notice', async () => {
		const anna = await person({ isCoordinator: false });
		const other = await signedIn(anna.email, 0);
		const current = await signedIn(anna.email, 1);
		const wrong = await errorOf(
			changePassword(
				ctxAt(2, current.actor),
				{ currentPassword: 'falsch-falsch-1', newPassword: NEW_PASSWORD },
				ORIGIN
			)
		);
		expect(wrong.fields).toEqual({ currentPassword: 'current_password_wrong' });
		const weak = await errorOf(
			changePassword(
				ctxAt(2, current.actor),
				{ currentPassword: PASSWORD, newPassword: 'passwort1234' },
				ORIGIN
			)
		);
		expect(weak.fields).toEqual({ newPassword: 'password_too_common' });

		const result = await changePassword(
			ctxAt(3, current.actor),
			{ currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
			ORIGIN
		);
		expect(result.sessionsEnded).toBe(1);
		expect(await validateSession(t.db, other.token, at(4))).toBeNull();
		expect(await validateSession(t.db, current.token, at(4))).not.toBeNull();
		const mail = (await mailsTo(anna.email)).at(-1);
		expect(mail?.subject).toBe('Ihr Passwort wurde geändert');
		expect(mail?.text_body).toContain(`${ORIGIN}/passwort-vergessen`);
		expect((await signedIn(anna.email, 5, NEW_PASSWORD)).actor.personId).toBe(anna.id);
	});

	it('is refused for API tokens and visitors', async () => {
		const anna = await person({ isCoordinator: false });
		const { actor } = await signedIn(anna.email);
		const tokenActor: PersonActor = {
			...actor,
			sessionId: null,
			auth: { method: 'token', scope: 'read_write', tokenId: 1 }
		};
		const input = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
		expect((await errorOf(changePassword(ctxAt(1, tokenActor), input, ORIGIN))).code).toBe(
			'FORBIDDEN'
		);
		expect((await errorOf(changePassword(ctxAt(1), input, ORIGIN))).code).toBe('UNAUTHENTICATED');
	});
});

describe('e-mail verification and address change', () => {
	it('confirms the own address through a single-use link', async () => {
		const anna = await person({ isCoordinator: false, isVerified: false });
		const { actor } = await signedIn(anna.email);
		expect(actor.isEmailVerified).toBe(false);
		expect(await sendEmailVerification(ctxAt(1, actor), ORIGIN)).toBe(true);
		const token = tokenIn(
			(await mailsTo(anna.email)).at(-1)?.text_body ?? '',
			'/e-mail-bestaetigen'
		);
		expect(await findEmailVerificationLink(ctxAt(2), token)).toEqual({
			email: anna.email,
			isAddressChange: false
		});
		expect(await verifyEmail(ctxAt(3), token)).toEqual({
			email: anna.email,
			isAddressChange: false
		});
		expect((await personRow(anna.id)).email_verified_at).toBe(at(3).toISOString());
		expect((await errorOf(verifyEmail(ctxAt(4), token))).fields).toEqual({ form: 'link_invalid' });
		expect(await sendEmailVerification(ctxAt(5, { ...actor, isEmailVerified: true }), ORIGIN)).toBe(
			false
		);
	});

	it('expires verification links after 48 hours', async () => {
		const anna = await person({ isCoordinator: false, isVerified: false });
		const { actor } = await signedIn(anna.email);
		await sendEmailVerification(ctxAt(0, actor), ORIGIN);
		const token = tokenIn(
			(await mailsTo(anna.email)).at(-1)?.text_body ?? '',
			'/e-mail-bestaetigen'
		);
		expect(await findEmailVerificationLink(ctxAt(48 * 3600), token)).toBeNull();
		expect((await errorOf(verifyEmail(ctxAt(48 * 3600), token))).fields).toEqual({
			form: 'link_invalid'
		});
	});

	it('changes the address only when the link to the new one is used, and tells the old one', async () => {
		const anna = await person({ isCoordinator: false });
		const { actor } = await signedIn(anna.email);
		const newEmail = `neu${people}@offenburg.example`;
		const wrong = await errorOf(
			requestEmailChange(
				ctxAt(1, actor),
				{ email: newEmail, currentPassword: 'falsch-falsch-1' },
				ORIGIN
			)
		);
		expect(wrong.fields).toEqual({ currentPassword: 'current_password_wrong' });
		await requestEmailChange(
			ctxAt(2, actor),
			{ email: ` ${newEmail.toUpperCase()} `, currentPassword: PASSWORD },
			ORIGIN
		);
		expect((await personRow(anna.id)).email).toBe(anna.email);
		expect((await getAccountSecurity(ctxAt(3, actor))).pendingEmail).toBe(newEmail);
		const [mail] = await mailsTo(newEmail);
		expect(mail?.subject).toContain('Neue E-Mail-Adresse bestätigen');
		const token = tokenIn(mail?.text_body ?? '', '/e-mail-bestaetigen');

		expect(await verifyEmail(ctxAt(4), token)).toEqual({ email: newEmail, isAddressChange: true });
		const row = await personRow(anna.id);
		expect(row.email).toBe(newEmail);
		expect(row.email_verified_at).toBe(at(4).toISOString());
		expect((await mailsTo(anna.email)).at(-1)?.subject).toBe('Ihre E-Mail-Adresse wurde geändert');
		expect((await signedIn(newEmail, 5)).actor.personId).toBe(anna.id);
	});

	it('checks again at confirmation that nobody else has taken the address', async () => {
		const anna = await person({ isCoordinator: false });
		const { actor } = await signedIn(anna.email);
		const wanted = `begehrt${people}@offenburg.example`;
		await requestEmailChange(ctxAt(1, actor), { email: wanted, currentPassword: PASSWORD }, ORIGIN);
		const token = tokenIn((await mailsTo(wanted)).at(-1)?.text_body ?? '', '/e-mail-bestaetigen');
		const taken = await errorOf(
			requestEmailChange(
				ctxAt(2, actor),
				{ email: (await person()).email, currentPassword: PASSWORD },
				ORIGIN
			)
		);
		expect(taken.fields).toEqual({ email: 'email_taken' });
		await t.db
			.updateTable('person')
			.set({ email: wanted })
			.where('email', '=', `person${people}@rathaus.example`)
			.execute();
		const conflict = await errorOf(verifyEmail(ctxAt(3), token));
		expect(conflict.code).toBe('CONFLICT');
		expect((await personRow(anna.id)).email).toBe(anna.email);
	});
});
