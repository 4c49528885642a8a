/**
 * Invitations against a real database, on SQLite and PostgreSQL: inviting within one's rights,
 * accepting with a new or an existing account, single use, expiry, revocation, resending, limits,
 * and two accepts of one link at the same moment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openSecondConnection, useTestDatabase } from '../../../../tests/support/database';
import { testDialect } from '../../../../tests/support/test-env';
import { validateSession } from '../auth';
import { ANONYMOUS, type PersonActor } from '../context';
import { RateLimitedError } from '../rate-limits';
import {
	acceptInvitationAsSignedIn,
	acceptInvitationWithNewAccount,
	inviteToMunicipalities,
	listOpenInvitations,
	resendInvitation,
	revokeInvitation,
	viewInvitation
} from './index';
import { invitationTokenHash } from './invitation.token';
import {
	actorFor,
	buildWorld,
	coordinator,
	ctxOf,
	errorOf,
	ORIGIN,
	personIn,
	tokenFromMail,
	type World
} from './membership.test-support';

const t = useTestDatabase();
let world: World;
let coord: PersonActor;

beforeAll(async () => {
	world = await buildWorld(t.db);
	coord = await coordinator(t.db);
});

const NEW_PASSWORD = 'Kinzigtal-Fachwerk-Brunnen-3';
let recipients = 0;
const recipient = () => `eingeladen${++recipients}@gengenbach.example`;

async function invite(
	actor: PersonActor,
	input: { email: string; role: 'admin' | 'member'; ags: string[]; displayName?: string }
) {
	const { invitationId } = await inviteToMunicipalities(ctxOf(t.db, actor), input, {
		origin: ORIGIN
	});
	return { invitationId, token: await tokenFromMail(t.db, input.email) };
}

function acceptNew(token: string, seconds = 60, extra: Record<string, unknown> = {}) {
	return acceptInvitationWithNewAccount(ctxOf(t.db, ANONYMOUS, seconds), {
		token,
		displayName: 'Gerda Gengenbach',
		jobTitle: 'Hauptamtsleiterin',
		password: NEW_PASSWORD,
		passwordRepeat: NEW_PASSWORD,
		ip: '192.0.2.10',
		userAgent: 'test',
		...extra
	});
}

describe('inviting', () => {
	it("sends the first admin's invitation by mail and stores only the token's hash", async () => {
		const email = recipient();
		const { invitationId, token } = await invite(coord, {
			email,
			role: 'admin',
			ags: ['08317034']
		});
		const row = await t.db
			.selectFrom('invitation')
			.selectAll()
			.where('id', '=', invitationId)
			.executeTakeFirstOrThrow();
		expect(row.token_hash).toBe(invitationTokenHash(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row.role).toBe('admin');
		expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(7 * 86_400_000);
		const mail = await t.db
			.selectFrom('mail_outbox')
			.select(['subject', 'text_body'])
			.where('to_address', '=', email)
			.executeTakeFirstOrThrow();
		expect(mail.text_body).toContain(`${ORIGIN}/einladung/${token}`);
		expect(mail.text_body).toContain('Gengenbach');
		const audit = await t.db
			.selectFrom('audit_event')
			.select(['action', 'actor_person_id'])
			.where('subject_type', '=', 'invitation')
			.where('subject_id', '=', invitationId)
			.execute();
		expect(audit).toEqual([{ action: 'invitation.sent', actor_person_id: coord.personId }]);
		// Not a member before somebody takes the invitation up.
		const gengenbach = await t.db
			.selectFrom('municipality')
			.select('membership_status')
			.where('id', '=', world.gengenbach)
			.executeTakeFirstOrThrow();
		expect(gengenbach.membership_status).toBe('none');
		const open = await listOpenInvitations(ctxOf(t.db, coord));
		expect(open.find((i) => i.id === invitationId)?.municipalities).toEqual([
			{ ags: '08317034', name: 'Gengenbach' }
		]);
	});

	it('keeps an admin to their own municipality and members out', async () => {
		const lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }]);
		const lahrMember = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
		const toKehl = { email: recipient(), role: 'member' as const, ags: ['08317057'] };
		expect((await errorOf(invite(lahrAdmin, toKehl))).code).toBe('FORBIDDEN');
		expect(
			(await errorOf(invite(lahrAdmin, { ...toKehl, ags: ['08317065', '08317057'] }))).code
		).toBe('FORBIDDEN');
		expect((await errorOf(invite(lahrMember, { ...toKehl, ags: ['08317065'] }))).code).toBe(
			'FORBIDDEN'
		);
		expect(
			(await errorOf(inviteToMunicipalities(ctxOf(t.db, ANONYMOUS), toKehl, { origin: ORIGIN })))
				.code
		).toBe('UNAUTHENTICATED');
		expect(await listOpenInvitations(ctxOf(t.db, coord))).not.toContainEqual(
			expect.objectContaining({ email: toKehl.email })
		);
		// Within Lahr, an admin may invite members and admins.
		await invite(lahrAdmin, { email: recipient(), role: 'admin', ags: ['08317065'] });
		expect((await errorOf(listOpenInvitations(ctxOf(t.db, lahrAdmin)))).code).toBe('FORBIDDEN');
	});

	it('invites for several municipalities of one association, never across', async () => {
		const email = recipient();
		await invite(coord, { email, role: 'admin', ags: ['08317097', '08317009'] });
		const error = await errorOf(
			invite(coord, { email: recipient(), role: 'admin', ags: ['08317097', '08317057'] })
		);
		expect(error.fields).toEqual({ ags: 'municipalities_not_one_association' });
		// "The whole association": the other non-members of Gengenbach's VVG come along.
		const whole = recipient();
		const { invitationId } = await inviteToMunicipalities(
			ctxOf(t.db, coord),
			{ email: whole, role: 'admin', ags: ['08317034'], includeAssociation: 'on' },
			{ origin: ORIGIN }
		);
		const open = await listOpenInvitations(ctxOf(t.db, coord));
		expect(open.find((i) => i.id === invitationId)?.municipalities.map((m) => m.name)).toEqual([
			'Berghaupten',
			'Gengenbach',
			'Ohlsbach'
		]);
		expect((await errorOf(invite(coord, { email, role: 'admin', ags: ['08399999'] }))).code).toBe(
			'NOT_FOUND'
		);
	});

	it('limits invitations per recipient with 429', async () => {
		const email = recipient();
		for (let i = 0; i < 3; i++) await invite(coord, { email, role: 'admin', ags: ['08317034'] });
		const error = await errorOf(invite(coord, { email, role: 'admin', ags: ['08317034'] }));
		expect(error).toBeInstanceOf(RateLimitedError);
		expect(error.status).toBe(429);
	});
});

describe('accepting with a new account', () => {
	it('creates a verified account, the membership and a session; the municipality joins', async () => {
		const email = recipient();
		const { invitationId, token } = await invite(coord, {
			email,
			role: 'admin',
			ags: ['08317034']
		});
		const view = await viewInvitation(ctxOf(t.db, ANONYMOUS), token);
		expect(view).toMatchObject({
			email,
			role: 'admin',
			state: 'create_account',
			invitedBy: coord.displayName,
			municipalities: [{ ags: '08317034', name: 'Gengenbach' }]
		});

		const result = await acceptNew(token);
		const person = await t.db
			.selectFrom('person')
			.select(['email', 'email_verified_at', 'display_name', 'job_title', 'is_coordinator'])
			.where('id', '=', result.personId)
			.executeTakeFirstOrThrow();
		expect(person).toMatchObject({
			email,
			display_name: 'Gerda Gengenbach',
			job_title: 'Hauptamtsleiterin',
			is_coordinator: false
		});
		expect(person.email_verified_at).not.toBeNull();
		const actor = await validateSession(
			t.db,
			result.session.token,
			new Date(Date.parse('2026-11-25T12:05:00Z'))
		);
		expect(actor?.municipalities).toEqual([{ municipalityId: world.gengenbach, role: 'admin' }]);
		const gengenbach = await t.db
			.selectFrom('municipality')
			.select(['membership_status', 'member_since'])
			.where('id', '=', world.gengenbach)
			.executeTakeFirstOrThrow();
		expect(gengenbach).toEqual({ membership_status: 'member', member_since: '2026-11-25' });
		const events = await t.db
			.selectFrom('audit_event')
			.select('action')
			.where('actor_person_id', '=', result.personId)
			.orderBy('id')
			.execute();
		expect(events.map((e) => e.action)).toEqual([
			'account.created',
			'membership.changed',
			'invitation.accepted',
			'auth.sign_in.succeeded'
		]);
		const used = await t.db
			.selectFrom('invitation')
			.select(['accepted_at', 'accepted_person_id'])
			.where('id', '=', invitationId)
			.executeTakeFirstOrThrow();
		expect(used.accepted_person_id).toBe(result.personId);

		// Single use: the link is dead now, for viewing and for accepting.
		expect((await errorOf(viewInvitation(ctxOf(t.db, ANONYMOUS), token))).code).toBe('NOT_FOUND');
		expect((await errorOf(acceptNew(token))).code).toBe('NOT_FOUND');
	});

	it('gives the invited role whatever extra fields the form carries', async () => {
		const lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }]);
		const email = recipient();
		const { token } = await invite(lahrAdmin, { email, role: 'member', ags: ['08317065'] });
		const result = await acceptNew(token, 60, {
			role: 'admin',
			isCoordinator: true,
			is_coordinator: 'on',
			municipalityId: world.kehl,
			email: 'someone.else@kehl.example'
		});
		const actor = await actorFor(t.db, result.personId);
		expect(actor.isCoordinator).toBe(false);
		expect(actor.municipalities).toEqual([{ municipalityId: world.lahr, role: 'member' }]);
		const person = await t.db
			.selectFrom('person')
			.select('email')
			.where('id', '=', result.personId)
			.executeTakeFirstOrThrow();
		expect(person.email).toBe(email);
	});

	it('applies the password policy and changes nothing on bad input', async () => {
		const email = recipient();
		const { token } = await invite(coord, { email, role: 'admin', ags: ['08317034'] });
		expect(
			(await errorOf(acceptNew(token, 60, { password: 'kurz', passwordRepeat: 'kurz' }))).fields
		).toEqual({
			password: 'password_too_short'
		});
		expect(
			(
				await errorOf(
					acceptNew(token, 60, { password: 'Berghaupten2026!', passwordRepeat: 'Berghaupten2026!' })
				)
			).fields
		).toEqual({ password: 'password_contains_network_word' });
		expect((await errorOf(acceptNew(token, 60, { passwordRepeat: 'anders' }))).fields).toEqual({
			passwordRepeat: 'password_mismatch'
		});
		expect(
			await t.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirst()
		).toBeUndefined();
		// Still usable after the failed attempts.
		expect((await viewInvitation(ctxOf(t.db, ANONYMOUS), token)).state).toBe('create_account');
	});

	it('refuses expired and revoked links with the same answer', async () => {
		const expired = await invite(coord, { email: recipient(), role: 'admin', ags: ['08317034'] });
		expect((await errorOf(acceptNew(expired.token, 7 * 86_400 + 1))).code).toBe('NOT_FOUND');
		expect(
			(await errorOf(viewInvitation(ctxOf(t.db, ANONYMOUS, 7 * 86_400), expired.token))).code
		).toBe('NOT_FOUND');

		const revoked = await invite(coord, { email: recipient(), role: 'admin', ags: ['08317034'] });
		await revokeInvitation(ctxOf(t.db, coord), { invitationId: revoked.invitationId });
		expect((await errorOf(acceptNew(revoked.token))).code).toBe('NOT_FOUND');
		expect((await errorOf(viewInvitation(ctxOf(t.db, ANONYMOUS), 'x'.repeat(43)))).code).toBe(
			'NOT_FOUND'
		);
		expect((await errorOf(viewInvitation(ctxOf(t.db, ANONYMOUS), '../etc'))).code).toBe(
			'NOT_FOUND'
		);
	});

	it('resends with a new link; the old one stops working', async () => {
		const email = recipient();
		const first = await invite(coord, { email, role: 'admin', ags: ['08317034'] });
		await resendInvitation(
			ctxOf(t.db, coord, 3600),
			{ invitationId: first.invitationId },
			{
				origin: ORIGIN
			}
		);
		const second = await tokenFromMail(t.db, email);
		expect(second).not.toBe(first.token);
		expect((await errorOf(viewInvitation(ctxOf(t.db, ANONYMOUS), first.token))).code).toBe(
			'NOT_FOUND'
		);
		expect((await viewInvitation(ctxOf(t.db, ANONYMOUS), second)).email).toBe(email);
	});

	it("lets nobody revoke another municipality's invitation", async () => {
		const lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }]);
		const kehlAdmin = await personIn(t.db, [{ municipalityId: world.kehl, role: 'admin' }]);
		const { invitationId } = await invite(lahrAdmin, {
			email: recipient(),
			role: 'member',
			ags: ['08317065']
		});
		expect((await errorOf(revokeInvitation(ctxOf(t.db, kehlAdmin), { invitationId }))).code).toBe(
			'NOT_FOUND'
		);
		await revokeInvitation(ctxOf(t.db, lahrAdmin), { invitationId });
		expect((await errorOf(revokeInvitation(ctxOf(t.db, lahrAdmin), { invitationId }))).code).toBe(
			'NOT_FOUND'
		);
	});
});

describe('accepting with an existing account', () => {
	it('asks to sign in, refuses another person, and adds the membership for the invited one', async () => {
		const kehlMember = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const other = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const { token } = await invite(coord, {
			email: kehlMember.email,
			role: 'admin',
			ags: ['08317057']
		});
		expect((await viewInvitation(ctxOf(t.db, ANONYMOUS), token)).state).toBe('sign_in');
		expect((await errorOf(acceptNew(token))).fields).toEqual({ form: 'invitation_account_exists' });
		expect((await viewInvitation(ctxOf(t.db, other), token)).state).toBe('other_person');
		const refused = await errorOf(acceptInvitationAsSignedIn(ctxOf(t.db, other), token));
		expect(refused.fields).toEqual({ form: 'invitation_other_person' });
		expect((await viewInvitation(ctxOf(t.db, kehlMember), token)).state).toBe('confirm');

		await acceptInvitationAsSignedIn(ctxOf(t.db, kehlMember), token);
		expect((await actorFor(t.db, kehlMember.personId)).municipalities).toEqual([
			{ municipalityId: world.kehl, role: 'admin' }
		]);
		expect((await actorFor(t.db, other.personId)).municipalities).toEqual([
			{ municipalityId: world.kehl, role: 'member' }
		]);
	});

	// Two pools on PostgreSQL (two app instances). SQLite's driver is synchronous, so two handles
	// in one process would block each other; there the one handle serialises the transactions.
	it('lets exactly one of two simultaneous accepts through (two connections)', async () => {
		const invited = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
		const { token, invitationId } = await invite(coord, {
			email: invited.email,
			role: 'member',
			ags: ['08317065']
		});
		const second =
			testDialect() === 'postgres' ? await openSecondConnection(t.database) : undefined;
		try {
			const results = await Promise.allSettled([
				acceptInvitationAsSignedIn(ctxOf(t.db, invited), token),
				acceptInvitationAsSignedIn(ctxOf(second?.db ?? t.db, invited), token)
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const failure = results.find((r) => r.status === 'rejected');
			expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
		} finally {
			await second?.close();
		}
		const accepted = await t.db
			.selectFrom('audit_event')
			.select('id')
			.where('action', '=', 'invitation.accepted')
			.where('subject_id', '=', invitationId)
			.execute();
		expect(accepted).toHaveLength(1);
	});
});
