/**
 * Sign-in and sessions against a real database, on SQLite and PostgreSQL: sessions, limits,
 * expiry, sign-out and the audit trail, as an attacker would probe them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { emailActorLabel } from '../audit';
import { ANONYMOUS, systemContext, type Actor, type PersonActor } from '../context';
import { RateLimitedError } from '../rate-limits';
import { emailPseudonym } from '../text/pseudonym';
import {
	createCoordinator,
	listSessions,
	purgeExpiredSessions,
	revokeSession,
	signIn as signInOrChallenge,
	signOut,
	signOutEverywhere,
	validateSession
} from './index';
import { germanSortKey } from '../text/sort-key';
import { sessionIdOf } from './session.token';

const t = useTestDatabase();

/** Sign-in of people without two-factor: always a session (two-factor: account-security tests). */
async function signIn(...args: Parameters<typeof signInOrChallenge>) {
	const result = await signInOrChallenge(...args);
	if (result.status !== 'signed_in') throw new Error('expected a session');
	return result;
}

const PASSWORD = 'Rhein-Ufer-Laterne-47';
const START = Date.parse('2026-11-25T12:00:00.000Z');
const at = (seconds = 0) => new Date(START + seconds * 1000);

let people = 0;
let addresses = 0;
/** A coordinator of their own for each test (so rate limits never carry over between tests). */
async function person(name = 'Anna Albrecht'): Promise<{ id: number; email: string }> {
	const email = `person${++people}@lahr.example`;
	const id = await createCoordinator(
		systemContext(t.db, 'test', () => at()),
		{
			email: `  ${email.toUpperCase()} `,
			displayName: name,
			password: PASSWORD
		}
	);
	return { id, email };
}
/** A client address of its own for each test. */
const ip = () => `192.0.2.${++addresses}`;

const ctxAt = (seconds = 0, actor: Actor = ANONYMOUS) => t.ctx(actor, () => at(seconds));

/** Signs the person in with the right password, from a fresh address, at the start time. */
function signInAs(someone: { email: string }) {
	return signIn(ctxAt(), { email: someone.email, password: PASSWORD, ip: ip(), userAgent: null });
}

async function actorOf(token: string, seconds = 0): Promise<PersonActor> {
	const actor = await validateSession(t.db, token, at(seconds));
	if (!actor) throw new Error('session not valid');
	return actor;
}

async function sessionRows(personId: number) {
	return t.db
		.selectFrom('session')
		.selectAll()
		.where('person_id', '=', personId)
		.orderBy('created_at')
		.execute();
}

async function auditRows(action: string) {
	return t.db
		.selectFrom('audit_event')
		.select([
			'action',
			'actor_person_id',
			'actor_label',
			'subject_id',
			'ip_address',
			'details_json'
		])
		.where('action', '=', action)
		.orderBy('id')
		.execute();
}

let gengenbachId: number;

beforeAll(async () => {
	const row = await t.db
		.insertInto('municipality')
		.values({
			ags: '08317038',
			name: 'Gengenbach',
			name_sort: 'gengenbach',
			type: 'stadt',
			membership_status: 'member',
			is_founding_member: false,
			is_demo: false,
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	gengenbachId = row.id;
});

describe('signIn', () => {
	it('starts a new session at every sign-in and stores only the token’s hash', async () => {
		const anna = await person();
		const first = await signIn(ctxAt(), {
			email: anna.email,
			password: PASSWORD,
			ip: ip(),
			userAgent: 'Firefox\u0000 '.padEnd(400, 'x')
		});
		const second = await signIn(ctxAt(60), {
			email: ` ${anna.email.toUpperCase()}`,
			password: PASSWORD,
			ip: ip(),
			userAgent: null
		});
		expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(second.token).not.toBe(first.token);
		expect(first.expiresAt.toISOString()).toBe(at(30 * 86_400).toISOString());

		const rows = await sessionRows(anna.id);
		expect(rows.map((row) => row.id)).toEqual([
			sessionIdOf(first.token),
			sessionIdOf(second.token)
		]);
		expect(rows.some((row) => row.id === first.token || row.id === second.token)).toBe(false);
		expect(rows[0]).toMatchObject({
			expires_at: at(30 * 86_400).toISOString(),
			idle_expires_at: at(8 * 3600).toISOString()
		});
		expect(Array.from(rows[0]?.user_agent ?? '')).toHaveLength(256);
		expect(rows[0]?.user_agent).not.toContain('\u0000');

		const stored = await t.db
			.selectFrom('person')
			.select(['email', 'last_sign_in_at', 'password_hash'])
			.where('id', '=', anna.id)
			.executeTakeFirstOrThrow();
		expect(stored.email).toBe(anna.email);
		expect(stored.last_sign_in_at).toBe(at(60).toISOString());
		expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

		const actor = await actorOf(second.token, 61);
		expect(actor).toMatchObject({
			kind: 'person',
			personId: anna.id,
			displayName: 'Anna Albrecht',
			isCoordinator: true,
			municipalities: [],
			sessionId: sessionIdOf(second.token)
		});
	});

	it('gives the same answer for a wrong password and an unknown address', async () => {
		const anna = await person();
		const address = ip();
		const wrong = await errorOf(
			signIn(ctxAt(), {
				email: anna.email,
				password: 'falsch-falsch-1',
				ip: address,
				userAgent: null
			})
		);
		const unknown = await errorOf(
			signIn(ctxAt(), {
				email: 'niemand@lahr.example',
				password: PASSWORD,
				ip: address,
				userAgent: null
			})
		);
		for (const error of [wrong, unknown]) {
			expect(error.code).toBe('INVALID');
			expect(error.fields).toEqual({ form: 'sign_in_failed' });
			expect(error.message).toBe('invalid input');
		}
		expect(await sessionRows(anna.id)).toEqual([]);
	});

	it('refuses empty fields without counting them', async () => {
		const error = await errorOf(
			signIn(ctxAt(), { email: '  ', password: '', ip: ip(), userAgent: null })
		);
		expect(error.fields).toEqual({ email: 'email_required', password: 'password_required' });
	});

	it('refuses the 6th attempt for an account even with the right password, then lets it in', async () => {
		const anna = await person();
		for (let attempt = 1; attempt <= 5; attempt++) {
			const error = await errorOf(
				// A new address each time: the account limit alone must stop the guesser.
				signIn(ctxAt(attempt), {
					email: anna.email,
					password: `falsch-${attempt}-xxxxxx`,
					ip: ip(),
					userAgent: null
				})
			);
			expect(error.code).toBe('INVALID');
		}
		const blocked = await errorOf(
			signIn(ctxAt(6), { email: anna.email, password: PASSWORD, ip: ip(), userAgent: null })
		);
		expect(blocked).toBeInstanceOf(RateLimitedError);
		expect(blocked.code).toBe('RATE_LIMITED');
		expect(blocked.status).toBe(429);
		expect((blocked as RateLimitedError).retryAfterSeconds).toBe(15 * 60);
		expect(blocked.message).toContain('15 Minuten');
		expect(await sessionRows(anna.id)).toEqual([]);

		const events = await auditRows('auth.sign_in.blocked');
		expect(events.at(-1)).toMatchObject({ actor_label: emailActorLabel(anna.email) });

		// After the block the right password works, and the account's strikes are forgiven.
		const later = await signIn(ctxAt(15 * 60 + 7), {
			email: anna.email,
			password: PASSWORD,
			ip: ip(),
			userAgent: null
		});
		expect(later.token).toBeTruthy();
		const bucket = await t.db
			.selectFrom('rate_limit_bucket')
			.select('key')
			.where('key', '=', `signin:account:${emailPseudonym(anna.email)}`)
			.executeTakeFirst();
		expect(bucket).toBeUndefined();
	});

	it('counts only failures per address: successes are refunded', async () => {
		const anna = await person();
		const address = ip();
		await signIn(ctxAt(), { email: anna.email, password: PASSWORD, ip: address, userAgent: null });
		await errorOf(
			signIn(ctxAt(), {
				email: anna.email,
				password: 'falsch-falsch-1',
				ip: address,
				userAgent: null
			})
		);
		const bucket = await t.db
			.selectFrom('rate_limit_bucket')
			.select('count')
			.where('key', '=', `signin:ip:${address}`)
			.executeTakeFirstOrThrow();
		expect(bucket.count).toBe(1);
	});

	it('writes audit events without the password', async () => {
		const anna = await person('Bert Baumann');
		const address = ip();
		await errorOf(
			signIn(ctxAt(), {
				email: anna.email,
				password: 'geheim-geheim-9',
				ip: address,
				userAgent: 'UA'
			})
		);
		await signIn(ctxAt(), { email: anna.email, password: PASSWORD, ip: address, userAgent: 'UA' });

		const failed = (await auditRows('auth.sign_in.failed')).filter((r) => r.ip_address === address);
		expect(failed).toEqual([
			{
				action: 'auth.sign_in.failed',
				actor_person_id: null,
				actor_label: emailActorLabel(anna.email),
				subject_id: anna.id,
				ip_address: address,
				details_json: { reason: 'wrong_password' }
			}
		]);
		const succeeded = (await auditRows('auth.sign_in.succeeded')).filter(
			(r) => r.ip_address === address
		);
		expect(succeeded).toEqual([
			expect.objectContaining({ actor_person_id: anna.id, actor_label: 'Bert Baumann' })
		]);
		const everything = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		expect(everything).not.toContain('geheim-geheim-9');
		expect(everything).not.toContain(PASSWORD);
		expect(everything).not.toContain(anna.email);
	});
});

describe('validateSession', () => {
	it('knows the person’s municipalities and roles', async () => {
		const anna = await person();
		await t.db
			.insertInto('person_municipality')
			.values({ person_id: anna.id, municipality_id: gengenbachId, role: 'admin' })
			.execute();
		const { token } = await signInAs(anna);
		expect((await actorOf(token)).municipalities).toEqual([
			{ municipalityId: gengenbachId, role: 'admin' }
		]);
	});

	it('extends the idle expiry on use, at most once a minute and never past the absolute end', async () => {
		const anna = await person();
		const { token } = await signInAs(anna);
		await actorOf(token, 30);
		expect((await sessionRows(anna.id))[0]?.idle_expires_at).toBe(at(8 * 3600).toISOString());
		await actorOf(token, 7 * 3600);
		expect((await sessionRows(anna.id))[0]).toMatchObject({
			last_seen_at: at(7 * 3600).toISOString(),
			idle_expires_at: at(15 * 3600).toISOString()
		});
		// Kept alive every few hours, it still ends 30 days after sign-in.
		let seconds = 7 * 3600;
		while (seconds + 7 * 3600 < 30 * 86_400) {
			seconds += 7 * 3600;
			await actorOf(token, seconds);
		}
		expect((await sessionRows(anna.id))[0]?.idle_expires_at).toBe(at(30 * 86_400).toISOString());
		expect(await validateSession(t.db, token, at(30 * 86_400))).toBeNull();
		expect(await sessionRows(anna.id)).toEqual([]);
	});

	it('rejects and deletes an idle-expired session', async () => {
		const anna = await person();
		const { token } = await signInAs(anna);
		expect(await validateSession(t.db, token, at(8 * 3600))).toBeNull();
		expect(await sessionRows(anna.id)).toEqual([]);
	});

	it('rejects tokens that are malformed, unknown or the stored id itself', async () => {
		const anna = await person();
		const { token } = await signInAs(anna);
		expect(await validateSession(t.db, sessionIdOf(token), at())).toBeNull();
		expect(await validateSession(t.db, "' or 1=1 --", at())).toBeNull();
		expect(await validateSession(t.db, 'A'.repeat(43), at())).toBeNull();
		expect(await validateSession(t.db, token, at())).not.toBeNull();
	});

	it('ends the sessions of a deleted person', async () => {
		const anna = await person();
		const { token } = await signInAs(anna);
		await t.db
			.updateTable('person')
			.set({ deleted_at: at().toISOString() })
			.where('id', '=', anna.id)
			.execute();
		expect(await validateSession(t.db, token, at(1))).toBeNull();
		const error = await errorOf(
			signIn(ctxAt(2), { email: anna.email, password: PASSWORD, ip: ip(), userAgent: null })
		);
		expect(error.fields).toEqual({ form: 'sign_in_failed' });
	});
});

describe('sign-out and session management', () => {
	async function signedIn(email: string, seconds = 0) {
		const { token } = await signIn(ctxAt(seconds), {
			email,
			password: PASSWORD,
			ip: ip(),
			userAgent: `Browser ${seconds}`
		});
		return { token, actor: await actorOf(token, seconds) };
	}

	it('signs out of this session only', async () => {
		const anna = await person();
		const one = await signedIn(anna.email);
		const two = await signedIn(anna.email, 1);
		expect(await signOut(ctxAt(2, one.actor), one.token)).toBe(true);
		expect(await validateSession(t.db, one.token, at(3))).toBeNull();
		expect(await validateSession(t.db, two.token, at(3))).not.toBeNull();
		expect(await signOut(ctxAt(4, one.actor), one.token)).toBe(false);
		const events = await auditRows('auth.signed_out');
		expect(events.at(-1)).toMatchObject({
			actor_person_id: anna.id,
			details_json: { scope: 'this_session' }
		});
	});

	it('signs out everywhere, and nobody else', async () => {
		const anna = await person();
		const bert = await person('Bert Baumann');
		const sessions = [
			await signedIn(anna.email),
			await signedIn(anna.email, 1),
			await signedIn(anna.email, 2)
		];
		const berts = await signedIn(bert.email, 3);
		expect(await signOutEverywhere(ctxAt(4, sessions[0]?.actor))).toBe(3);
		for (const session of sessions) {
			expect(await validateSession(t.db, session.token, at(5))).toBeNull();
		}
		expect(await validateSession(t.db, berts.token, at(5))).not.toBeNull();
		expect((await errorOf(signOutEverywhere(ctxAt(6)))).code).toBe('UNAUTHENTICATED');
	});

	it('lists one’s own sessions and revokes only one’s own', async () => {
		const anna = await person();
		const bert = await person('Bert Baumann');
		const annaOld = await signedIn(anna.email);
		const annaNow = await signedIn(anna.email, 120);
		const berts = await signedIn(bert.email, 121);

		const listed = await listSessions(ctxAt(180, annaNow.actor));
		expect(listed.map((s) => [s.id, s.isCurrent, s.userAgent])).toEqual([
			[annaNow.actor.sessionId, true, 'Browser 120'],
			[annaOld.actor.sessionId, false, 'Browser 0']
		]);

		const foreign = await errorOf(
			revokeSession(ctxAt(181, annaNow.actor), sessionIdOf(berts.token))
		);
		expect(foreign.code).toBe('NOT_FOUND');
		const missing = await errorOf(revokeSession(ctxAt(181, annaNow.actor), 'f'.repeat(64)));
		expect(missing.code).toBe('NOT_FOUND');
		expect(missing.message).toBe(foreign.message);
		expect(await validateSession(t.db, berts.token, at(182))).not.toBeNull();

		await revokeSession(ctxAt(183, annaNow.actor), sessionIdOf(annaOld.token));
		expect(await validateSession(t.db, annaOld.token, at(184))).toBeNull();
		expect((await listSessions(ctxAt(185, annaNow.actor))).map((s) => s.id)).toEqual([
			annaNow.actor.sessionId
		]);
		expect((await errorOf(listSessions(ctxAt(186)))).code).toBe('UNAUTHENTICATED');
	});

	it('purges expired sessions', async () => {
		const anna = await person();
		await signedIn(anna.email);
		expect(await purgeExpiredSessions(ctxAt(8 * 3600 - 1))).toBe(0);
		expect(await purgeExpiredSessions(ctxAt(8 * 3600))).toBeGreaterThanOrEqual(1);
		expect(await sessionRows(anna.id)).toEqual([]);
	});
});

describe('createCoordinator', () => {
	const system = () => systemContext(t.db, 'test', () => at());

	it('stores the address trimmed and in lower case, and records who created whom', async () => {
		const id = await createCoordinator(system(), {
			email: ' Carla.Claus@Kehl.Example ',
			displayName: ' Carla Claus ',
			jobTitle: 'Digitallotsin',
			password: PASSWORD
		});
		const row = await t.db
			.selectFrom('person')
			.select([
				'email',
				'display_name',
				'name_sort',
				'job_title',
				'is_coordinator',
				'email_verified_at'
			])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			email: 'carla.claus@kehl.example',
			display_name: 'Carla Claus',
			// Sorted in the directory like everyone else.
			name_sort: germanSortKey('Carla Claus'),
			job_title: 'Digitallotsin',
			is_coordinator: true,
			email_verified_at: at().toISOString()
		});
		const events = await t.db
			.selectFrom('audit_event')
			.select(['actor_label', 'subject_id'])
			.where('action', '=', 'account.created')
			.where('subject_id', '=', id)
			.execute();
		expect(events).toEqual([{ actor_label: 'system:test', subject_id: id }]);
	});

	it('refuses a taken address, weak passwords and people who may not', async () => {
		const anna = await person();
		const taken = await errorOf(
			createCoordinator(system(), { email: anna.email, displayName: 'X', password: PASSWORD })
		);
		expect(taken).toMatchObject({ code: 'CONFLICT', fields: { email: 'email_taken' } });

		const cases: [string, string][] = [
			['kurz', 'password_too_short'],
			['passwort123456', 'password_too_common'],
			['Gengenbach2026!', 'password_contains_network_word'],
			['dora.dorn@lahr.example', 'password_contains_personal']
		];
		for (const [password, problem] of cases) {
			const error = await errorOf(
				createCoordinator(system(), {
					email: 'dora.dorn@lahr.example',
					displayName: 'Dora Dorn',
					password
				})
			);
			expect(error.fields).toEqual({ password: problem });
		}

		const member = await actorOf(
			(await signIn(ctxAt(), { email: anna.email, password: PASSWORD, ip: ip(), userAgent: null }))
				.token
		);
		const forbidden = await errorOf(
			createCoordinator(t.ctx({ ...member, isCoordinator: false }), {
				email: 'eva@lahr.example',
				displayName: 'Eva',
				password: PASSWORD
			})
		);
		expect(forbidden.code).toBe('FORBIDDEN');
		expect(
			await createCoordinator(t.ctx(member), {
				email: 'eva@lahr.example',
				displayName: 'Eva Engel',
				password: PASSWORD
			})
		).toBeGreaterThan(0);
	});
});
