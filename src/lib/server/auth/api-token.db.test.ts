/**
 * Personal API tokens against a real database, on SQLite and PostgreSQL: made once and stored
 * hashed, listed without secrets, revoked by their owner only, refused when expired, revoked or
 * when their person is gone, and read-only tokens that cannot write.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { ANONYMOUS, systemContext, type Actor, type PersonActor } from '../context';
import { RateLimitedError } from '../rate-limits';
import {
	authenticateApiToken,
	createApiToken,
	createApiTokenForPerson,
	createCoordinator,
	listApiTokens,
	revokeApiToken
} from './index';
import { apiTokenHash } from './api-token.token';

const t = useTestDatabase();

const START = Date.parse('2026-11-25T12:00:00.000Z');
const at = (seconds = 0) => new Date(START + seconds * 1000);
const DAY = 86_400;

let people = 0;

/** A person of their own for each test, signed in through the browser. */
async function person(name = 'Anna Albrecht'): Promise<PersonActor & { email: string }> {
	const email = `token${++people}@kehl.example`;
	const personId = await createCoordinator(
		systemContext(t.db, 'test', () => at()),
		{ email, displayName: name, password: 'Rhein-Ufer-Laterne-47' }
	);
	await t.db
		.updateTable('person')
		.set({ is_coordinator: false })
		.where('id', '=', personId)
		.execute();
	return {
		kind: 'person',
		personId,
		displayName: name,
		isCoordinator: false,
		municipalities: [],
		sessionId: 'a'.repeat(64),
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true,
		email
	};
}

const ctxAt = (seconds: number, actor: Actor = ANONYMOUS) => t.ctx(actor, () => at(seconds));

async function actorOf(token: string, seconds = 0): Promise<PersonActor> {
	const actor = await authenticateApiToken(t.db, token, at(seconds));
	if (!actor) throw new Error('token not valid');
	return actor;
}

const tokenRows = (personId: number) =>
	t.db
		.selectFrom('api_token')
		.selectAll()
		.where('person_id', '=', personId)
		.orderBy('id')
		.execute();

const auditRows = (action: string, subjectId: number) =>
	t.db
		.selectFrom('audit_event')
		.select(['actor_person_id', 'actor_label', 'ip_address', 'details_json', 'subject_type'])
		.where('action', '=', action)
		.where('subject_id', '=', subjectId)
		.execute();

describe('createApiToken', () => {
	it('shows the token once and stores only its hash, its prefix and a required expiry', async () => {
		const anna = await person();
		const created = await createApiToken(
			ctxAt(0, anna),
			{ name: '  Auswertung Kreistag ', scope: 'read', days: '90' },
			{ ip: '203.0.113.9', userAgent: 'Firefox' }
		);
		expect(created.token).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);
		expect(created.apiToken.id).toBeGreaterThan(0);
		expect(created.apiToken).toEqual({
			id: created.apiToken.id,
			name: 'Auswertung Kreistag',
			prefix: created.token.slice(3, 11),
			scope: 'read',
			createdAt: at().toISOString(),
			expiresAt: at(90 * DAY).toISOString(),
			lastUsedAt: null,
			revokedAt: null,
			status: 'active'
		});
		const rows = await tokenRows(anna.personId);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.token_hash).toBe(apiTokenHash(created.token));
		expect(JSON.stringify(rows)).not.toContain(created.token.slice(3));

		expect(await auditRows('auth.api_token.created', created.apiToken.id)).toEqual([
			{
				actor_person_id: anna.personId,
				actor_label: 'Anna Albrecht',
				ip_address: '203.0.113.9',
				subject_type: 'api_token',
				details_json: {
					personId: anna.personId,
					name: 'Auswertung Kreistag',
					scope: 'read',
					expiresAt: at(90 * DAY).toISOString()
				}
			}
		]);
		const everything = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		expect(everything).not.toContain(created.token);
	});

	it('refuses bad input with the first problem per field and writes nothing', async () => {
		const anna = await person();
		const error = await errorOf(
			createApiToken(ctxAt(0, anna), { name: ' ', scope: 'admin', days: '400' })
		);
		expect(error.code).toBe('INVALID');
		expect(error.fields).toEqual({
			name: 'api_token_name_required',
			scope: 'api_token_scope_required',
			days: 'api_token_days_invalid'
		});
		expect(await tokenRows(anna.personId)).toEqual([]);
	});

	it('is for people signed in through the browser: not visitors, not tokens', async () => {
		const anna = await person();
		const input = { name: 'x', scope: 'read_write', days: 30 } as const;
		expect((await errorOf(createApiToken(ctxAt(0), input))).code).toBe('UNAUTHENTICATED');
		const { token } = await createApiToken(ctxAt(0, anna), input);
		const viaToken = await actorOf(token);
		expect((await errorOf(createApiToken(ctxAt(1, viaToken), input))).code).toBe('FORBIDDEN');
		expect(await tokenRows(anna.personId)).toHaveLength(1);
	});

	it('stops after 20 tokens a day', async () => {
		const anna = await person();
		for (let i = 0; i < 20; i++) {
			await createApiToken(ctxAt(i, anna), { name: `Nr. ${i}`, scope: 'read', days: 30 });
		}
		const error = await errorOf(
			createApiToken(ctxAt(30, anna), { name: 'eins zu viel', scope: 'read', days: 30 })
		);
		expect(error).toBeInstanceOf(RateLimitedError);
		expect(error.status).toBe(429);
		expect(await tokenRows(anna.personId)).toHaveLength(20);
	});
});

describe('createApiTokenForPerson', () => {
	it('lets the operator make a token for a person named by address', async () => {
		const anna = await person();
		const created = await createApiTokenForPerson(
			systemContext(t.db, 'cli', () => at()),
			{
				email: ` ${anna.email.toUpperCase()} `,
				name: 'Import',
				scope: 'read_write',
				days: '7'
			}
		);
		expect(created.personId).toBe(anna.personId);
		expect(created.apiToken.expiresAt).toBe(at(7 * DAY).toISOString());
		expect((await actorOf(created.token)).personId).toBe(anna.personId);
		expect(await auditRows('auth.api_token.created', created.apiToken.id)).toEqual([
			expect.objectContaining({ actor_person_id: null, actor_label: 'system:cli' })
		]);
	});

	it('refuses unknown and deleted people, and everyone but the operator', async () => {
		const anna = await person();
		const system = systemContext(t.db, 'cli', () => at());
		const input = { email: 'niemand@kehl.example', name: 'x', scope: 'read', days: 30 } as const;
		expect((await errorOf(createApiTokenForPerson(system, input))).fields).toEqual({
			email: 'api_token_person_unknown'
		});
		await t.db
			.updateTable('person')
			.set({ deleted_at: at().toISOString() })
			.where('id', '=', anna.personId)
			.execute();
		expect(
			(await errorOf(createApiTokenForPerson(system, { ...input, email: anna.email }))).fields
		).toEqual({ email: 'api_token_person_unknown' });
		const bert = await person('Bert Baumann');
		const asPerson = await errorOf(
			createApiTokenForPerson(ctxAt(0, { ...bert, isCoordinator: true }), {
				...input,
				email: bert.email
			})
		);
		expect(asPerson.code).toBe('FORBIDDEN');
	});
});

describe('authenticateApiToken', () => {
	it('opens the person with their roles and the token’s scope', async () => {
		const anna = await person();
		const municipality = await t.db
			.insertInto('municipality')
			.values({
				ags: `0831${String(7000 + people).padStart(4, '0')}`,
				name: 'Kehl',
				name_sort: 'kehl',
				type: 'stadt',
				membership_status: 'member',
				is_founding_member: false,
				is_demo: false,
				updated_at: at().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('person_municipality')
			.values({ person_id: anna.personId, municipality_id: municipality.id, role: 'member' })
			.execute();
		const { token, apiToken } = await createApiToken(ctxAt(0, anna), {
			name: 'Skript',
			scope: 'read',
			days: 30
		});
		expect(await actorOf(token, 5)).toEqual({
			kind: 'person',
			personId: anna.personId,
			displayName: 'Anna Albrecht',
			isCoordinator: false,
			municipalities: [{ municipalityId: municipality.id, role: 'member' }],
			sessionId: null,
			auth: { method: 'token', scope: 'read', tokenId: apiToken.id },
			hasTwoFactor: false,
			isEmailVerified: true
		});
	});

	it('notes the last use at most once a minute', async () => {
		const anna = await person();
		const { token } = await createApiToken(ctxAt(0, anna), { name: 'x', scope: 'read', days: 30 });
		const lastUsed = async () => (await tokenRows(anna.personId))[0]?.last_used_at;
		await actorOf(token, 10);
		expect(await lastUsed()).toBe(at(10).toISOString());
		await actorOf(token, 69);
		expect(await lastUsed()).toBe(at(10).toISOString());
		await actorOf(token, 70);
		expect(await lastUsed()).toBe(at(70).toISOString());
	});

	it('refuses expired, revoked, unknown and malformed tokens and deleted people', async () => {
		const anna = await person();
		const { token, apiToken } = await createApiToken(ctxAt(0, anna), {
			name: 'x',
			scope: 'read_write',
			days: 30
		});
		expect(await authenticateApiToken(t.db, token, at(30 * DAY - 1))).not.toBeNull();
		expect(await authenticateApiToken(t.db, token, at(30 * DAY))).toBeNull();
		// Another last character (a random token may already end in 'A').
		const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
		expect(await authenticateApiToken(t.db, altered, at())).toBeNull();
		expect(await authenticateApiToken(t.db, apiTokenHash(token), at())).toBeNull();
		expect(await authenticateApiToken(t.db, "ds_' or 1=1 --", at())).toBeNull();

		await revokeApiToken(ctxAt(1, anna), { id: apiToken.id });
		expect(await authenticateApiToken(t.db, token, at(2))).toBeNull();

		const second = await createApiToken(ctxAt(3, anna), { name: 'y', scope: 'read', days: 30 });
		expect(await authenticateApiToken(t.db, second.token, at(4))).not.toBeNull();
		await t.db
			.updateTable('person')
			.set({ deleted_at: at(5).toISOString() })
			.where('id', '=', anna.personId)
			.execute();
		expect(await authenticateApiToken(t.db, second.token, at(6))).toBeNull();
	});
});

describe('listApiTokens and revokeApiToken', () => {
	it('lists one’s own tokens with their state, never the secret', async () => {
		const anna = await person();
		const bert = await person('Bert Baumann');
		const short = await createApiToken(ctxAt(0, anna), { name: 'kurz', scope: 'read', days: 1 });
		const revoked = await createApiToken(ctxAt(1, anna), { name: 'weg', scope: 'read', days: 30 });
		const kept = await createApiToken(ctxAt(2, anna), {
			name: 'bleibt',
			scope: 'read_write',
			days: 365
		});
		await createApiToken(ctxAt(3, bert), { name: 'fremd', scope: 'read', days: 30 });
		await revokeApiToken(ctxAt(4, anna), { id: revoked.apiToken.id });

		const listed = await listApiTokens(ctxAt(2 * DAY, anna));
		expect(listed.map((token) => [token.name, token.status])).toEqual([
			['bleibt', 'active'],
			['weg', 'revoked'],
			['kurz', 'expired']
		]);
		const text = JSON.stringify(listed);
		for (const created of [short, revoked, kept]) expect(text).not.toContain(created.token);
		expect((await errorOf(listApiTokens(ctxAt(0)))).code).toBe('UNAUTHENTICATED');
	});

	it('revokes only one’s own: someone else’s token is not found', async () => {
		const anna = await person();
		const bert = await person('Bert Baumann');
		const berts = await createApiToken(ctxAt(0, bert), { name: 'b', scope: 'read', days: 30 });
		const foreign = await errorOf(revokeApiToken(ctxAt(1, anna), { id: berts.apiToken.id }));
		const missing = await errorOf(revokeApiToken(ctxAt(1, anna), { id: 999_999 }));
		const garbage = await errorOf(revokeApiToken(ctxAt(1, anna), { id: '1 or 1=1' }));
		for (const error of [foreign, missing, garbage]) {
			expect(error.code).toBe('NOT_FOUND');
			expect(error.message).toBe(foreign.message);
		}
		expect(await authenticateApiToken(t.db, berts.token, at(2))).not.toBeNull();
	});

	it('lets a read-write token revoke, not a read-only one, and records the revocation once', async () => {
		const anna = await person();
		const reader = await createApiToken(ctxAt(0, anna), { name: 'r', scope: 'read', days: 30 });
		const writer = await createApiToken(ctxAt(0, anna), {
			name: 'w',
			scope: 'read_write',
			days: 30
		});
		const asReader = await actorOf(reader.token, 1);
		const refused = await errorOf(revokeApiToken(ctxAt(1, asReader), { id: reader.apiToken.id }));
		expect(refused.code).toBe('FORBIDDEN');
		expect(await authenticateApiToken(t.db, reader.token, at(2))).not.toBeNull();

		const asWriter = await actorOf(writer.token, 3);
		const view = await revokeApiToken(ctxAt(3, asWriter), {
			id: reader.apiToken.id,
			ip: '198.51.100.4'
		});
		expect(view).toMatchObject({ status: 'revoked', revokedAt: at(3).toISOString() });
		// Again: nothing changes, nothing more is recorded.
		await revokeApiToken(ctxAt(4, anna), { id: reader.apiToken.id });
		expect(await auditRows('auth.api_token.revoked', reader.apiToken.id)).toEqual([
			{
				actor_person_id: anna.personId,
				actor_label: 'Anna Albrecht',
				ip_address: '198.51.100.4',
				subject_type: 'api_token',
				details_json: { name: 'r', viaToken: true }
			}
		]);
		expect((await tokenRows(anna.personId))[0]?.revoked_at).toBe(at(3).toISOString());
	});
});
