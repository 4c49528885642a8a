/**
 * Membership applications against a real database, on SQLite and PostgreSQL: the public form,
 * applying for an association, limits, and the coordination's decisions with their mails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, type PersonActor } from '../context';
import { RateLimitedError } from '../rate-limits';
import {
	acceptApplication,
	acceptInvitationWithNewAccount,
	listApplications,
	rejectApplication,
	submitApplication
} from './index';
import {
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
let addresses = 0;

beforeAll(async () => {
	world = await buildWorld(t.db);
	coord = await coordinator(t.db);
});

function apply(input: Record<string, unknown>, ip = `198.51.100.${++addresses}`) {
	return submitApplication(
		ctxOf(t.db, ANONYMOUS),
		{ contactName: 'Olga Ohlsbach', email: 'buergermeisterin@ohlsbach.example', ...input } as never,
		{ ip, userAgent: 'test', origin: ORIGIN }
	);
}

const statusOf = async (id: number) =>
	await t.db
		.selectFrom('municipality')
		.select(['membership_status', 'applied_on', 'member_since'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('applications', () => {
	it('takes an application for an association, confirms by mail, and can be declined', async () => {
		const email = 'hauptamt@berghaupten.example';
		const { applicationId, municipalities } = await apply({
			ags: '08317009',
			forAssociation: 'on',
			email,
			role: 'admin',
			membership_status: 'member'
		});
		expect(municipalities.map((m) => m.name)).toEqual(['Berghaupten', 'Gengenbach', 'Ohlsbach']);
		for (const id of [world.berghaupten, world.gengenbach, world.ohlsbach]) {
			expect(await statusOf(id)).toEqual({
				membership_status: 'applied',
				applied_on: '2026-11-25',
				member_since: null
			});
		}
		const mails = await t.db
			.selectFrom('mail_outbox')
			.select(['to_address', 'subject'])
			.where('dedupe_key', 'like', `application:${applicationId}:%`)
			.execute();
		expect(mails.map((m) => m.to_address)).toContain(email);

		expect((await errorOf(listApplications(ctxOf(t.db, ANONYMOUS)))).code).toBe('FORBIDDEN');
		const lahrAdmin = await personIn(t.db, [{ municipalityId: world.lahr, role: 'admin' }]);
		expect((await errorOf(listApplications(ctxOf(t.db, lahrAdmin)))).code).toBe('FORBIDDEN');
		expect(
			(await errorOf(rejectApplication(ctxOf(t.db, lahrAdmin), { applicationId, reason: 'x' })))
				.code
		).toBe('FORBIDDEN');
		const listed = await listApplications(ctxOf(t.db, coord));
		expect(listed[0]).toMatchObject({ id: applicationId, status: 'pending', email });

		expect(
			(await errorOf(rejectApplication(ctxOf(t.db, coord), { applicationId, reason: ' ' }))).fields
		).toEqual({ reason: 'reason_required' });
		await rejectApplication(ctxOf(t.db, coord), {
			applicationId,
			reason: 'Bitte über den Verwaltungsverband beantragen.'
		});
		expect((await statusOf(world.gengenbach)).membership_status).toBe('none');
		const rejection = await t.db
			.selectFrom('mail_outbox')
			.select('text_body')
			.where('dedupe_key', '=', `application:${applicationId}:rejected`)
			.executeTakeFirstOrThrow();
		expect(rejection.text_body).toContain('Bitte über den Verwaltungsverband beantragen.');
		expect(
			(await errorOf(acceptApplication(ctxOf(t.db, coord), { applicationId }, { origin: ORIGIN })))
				.code
		).toBe('CONFLICT');
	});

	it('refuses members and bad input, changing nothing', async () => {
		expect((await errorOf(apply({ ags: '08317057' }))).fields).toEqual({ ags: 'already_member' });
		const error = await errorOf(apply({ ags: '08317034', email: 'kein-at', contactName: '' }));
		expect(error.fields).toEqual({ email: 'email_invalid', contactName: 'name_required' });
		expect((await statusOf(world.gengenbach)).membership_status).toBe('none');
	});

	it('accepts: the municipality joins and the applicant gets an admin invitation', async () => {
		const email = 'buergermeister@gengenbach.example';
		const { applicationId } = await apply({ ags: '08317034', email, contactName: 'Gustav G.' });
		await acceptApplication(ctxOf(t.db, coord), { applicationId }, { origin: ORIGIN });
		expect(await statusOf(world.gengenbach)).toEqual({
			membership_status: 'member',
			applied_on: null,
			member_since: '2026-11-25'
		});
		const token = await tokenFromMail(t.db, email);
		const accepted = await acceptInvitationWithNewAccount(ctxOf(t.db, ANONYMOUS, 60), {
			token,
			displayName: 'Gustav G.',
			password: 'Kinzigtal-Fachwerk-Brunnen-3',
			passwordRepeat: 'Kinzigtal-Fachwerk-Brunnen-3',
			ip: null,
			userAgent: null
		});
		expect(accepted.role).toBe('admin');
		expect(accepted.municipalities).toEqual([{ ags: '08317034', name: 'Gengenbach' }]);
		const actions = await t.db
			.selectFrom('audit_event')
			.select('action')
			.where('subject_type', '=', 'membership_application')
			.where('subject_id', '=', applicationId)
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['application.submitted', 'application.accepted']);
	});

	it('limits applications per e-mail address with 429', async () => {
		const email = 'viel@ohlsbach.example';
		for (let i = 0; i < 3; i++) await apply({ ags: '08317097', email });
		const error = await errorOf(apply({ ags: '08317097', email }));
		expect(error).toBeInstanceOf(RateLimitedError);
	});

	it('limits applications per client address with 429', async () => {
		const ip = '203.0.113.7';
		for (let i = 0; i < 5; i++)
			await apply({ ags: '08317097', email: `a${i}@ohlsbach.example` }, ip);
		const error = await errorOf(apply({ ags: '08317097', email: 'a9@ohlsbach.example' }, ip));
		expect(error.status).toBe(429);
	});
});
