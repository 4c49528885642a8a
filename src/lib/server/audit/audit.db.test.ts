/**
 * The audit log against a real database, on SQLite and PostgreSQL: writing inside the caller's
 * transaction, filters, newest-first pages, access and retention.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, systemContext } from '../context';
import { inTransaction } from '../db';
import { isDomainError } from '../errors';
import {
	AUDIT_PAGE_SIZE,
	emailActorLabel,
	listAuditEvents,
	listAuditMunicipalities,
	parseAuditFilter,
	purgeAuditEvents,
	recordAuditEvent,
	type AuditEventInput
} from './index';

const t = useTestDatabase();
const filter = (query: Record<string, string> = {}) => parseAuditFilter(new URLSearchParams(query));
const at = (iso: string) => ({ now: () => new Date(iso) });
const system = () => systemContext(t.db, 'test', () => new Date('2026-11-25T12:00:00.000Z'));

const municipalities: Record<string, number> = {};

async function insertMunicipality(ags: string, name: string): Promise<number> {
	const row = await t.db
		.insertInto('municipality')
		.values({
			ags,
			name,
			name_sort: name.toLowerCase(),
			type: 'gemeinde',
			membership_status: 'member',
			is_founding_member: false,
			is_demo: false,
			updated_at: '2026-11-25T10:00:00.000Z'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const base: AuditEventInput = {
	action: 'auth.sign_in.succeeded',
	actorPersonId: 1,
	actorLabel: 'Anna A.'
};

/**
 * A small world: Anna (person 1) of Achern, Bert (person 2) of Oberkirch, failed sign-ins of an
 * unknown address, spread over November with events close to midnight German time.
 */
beforeAll(async () => {
	municipalities.achern = await insertMunicipality('08317001', 'Achern');
	municipalities.oberkirch = await insertMunicipality('08317002', 'Oberkirch');
	const anna = { actorPersonId: 1, actorLabel: 'Anna A.', municipalityId: municipalities.achern };
	const bert = {
		actorPersonId: 2,
		actorLabel: 'Bert B.',
		municipalityId: municipalities.oberkirch
	};
	const stranger = { actorPersonId: null, actorLabel: emailActorLabel('fremd@example.org') };
	const events: [string, AuditEventInput][] = [
		['2026-11-01T08:00:00.000Z', { ...base, ...anna, action: 'auth.sign_in.succeeded' }],
		['2026-11-10T09:00:00.000Z', { ...base, ...bert, action: 'auth.sign_in.succeeded' }],
		// 23:30 UTC on the 24th is 00:30 on the 25th in Germany.
		['2026-11-24T23:30:00.000Z', { ...base, ...stranger, action: 'auth.sign_in.failed' }],
		['2026-11-25T10:00:00.000Z', { ...base, ...stranger, action: 'auth.sign_in.failed' }],
		[
			'2026-11-25T11:00:00.000Z',
			{
				...base,
				...anna,
				action: 'membership.changed',
				subjectType: 'person',
				subjectId: 2,
				details: { from: 'member', to: 'coordinator' }
			}
		],
		// 23:30 UTC on the 25th is already the 26th in Germany.
		['2026-11-25T23:30:00.000Z', { ...base, ...bert, action: 'invitation.sent' }]
	];
	for (const [when, event] of events) await recordAuditEvent(t.db, event, at(when));
});

describe('recordAuditEvent', () => {
	it('writes every column, with details as JSON on both dialects', async () => {
		const id = await inTransaction(t.db, (tx) =>
			recordAuditEvent(
				tx,
				{
					action: 'account.exported',
					actorPersonId: 5,
					actorLabel: '  Carla C.  ',
					subjectType: 'person',
					subjectId: 5,
					municipalityId: municipalities.achern,
					ipAddress: '203.0.113.7',
					userAgent: 'Mozilla/5.0',
					details: { format: 'zip', files: 3, nested: { ok: true } }
				},
				at('2020-01-01T00:00:00.000Z')
			)
		);
		const row = await t.db
			.selectFrom('audit_event')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			id,
			occurred_at: '2020-01-01T00:00:00.000Z',
			action: 'account.exported',
			actor_person_id: 5,
			actor_label: 'Carla C.',
			subject_type: 'person',
			subject_id: 5,
			municipality_id: municipalities.achern,
			ip_address: '203.0.113.7',
			user_agent: 'Mozilla/5.0',
			details_json: { format: 'zip', files: 3, nested: { ok: true } }
		});
		await t.db.deleteFrom('audit_event').where('id', '=', id).execute();
	});

	it('leaves no row behind when the caller’s transaction rolls back', async () => {
		await expect(
			inTransaction(t.db, async (tx) => {
				await recordAuditEvent(
					tx,
					{ ...base, action: 'account.deleted', subjectType: 'person', subjectId: 9 },
					at('2026-11-20T00:00:00.000Z')
				);
				throw new Error('deleting the account failed');
			})
		).rejects.toThrow('deleting the account failed');
		const rows = await t.db
			.selectFrom('audit_event')
			.select('id')
			.where('action', '=', 'account.deleted')
			.execute();
		expect(rows).toEqual([]);
	});

	it('truncates long user agents and strips bytes PostgreSQL would refuse', async () => {
		const id = await recordAuditEvent(
			t.db,
			{
				...base,
				action: 'auth.sign_in.failed',
				userAgent: `Evil\u0000Agent ${'x'.repeat(1000)}`,
				ipAddress: '203.0.113.7\u0000',
				details: { reason: 'bad\u0000password' }
			},
			at('2019-06-01T00:00:00.000Z')
		);
		const row = await t.db
			.selectFrom('audit_event')
			.select(['user_agent', 'ip_address', 'details_json'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.user_agent).toHaveLength(256);
		expect(row.user_agent?.startsWith('Evil Agent x')).toBe(true);
		expect(row.ip_address).toBe('203.0.113.7');
		expect(row.details_json).toEqual({ reason: 'badpassword' });
		await t.db.deleteFrom('audit_event').where('id', '=', id).execute();
	});

	it('refuses events it could not explain later', async () => {
		await expect(
			recordAuditEvent(t.db, { ...base, actorLabel: '   ' }, at('2026-11-25T00:00:00.000Z'))
		).rejects.toThrow(/actor label/);
		await expect(
			recordAuditEvent(t.db, { ...base, subjectId: 3 }, at('2026-11-25T00:00:00.000Z'))
		).rejects.toThrow(/subject type/);
		await expect(
			recordAuditEvent(
				t.db,
				{ ...base, action: 'no.such' as never },
				at('2026-11-25T00:00:00.000Z')
			)
		).rejects.toThrow(/unknown audit action/);
	});
});

describe('listAuditEvents', () => {
	const times = async (query: Record<string, string> = {}) =>
		(await listAuditEvents(system(), filter(query))).items.map((item) => item.occurredAt);

	it('lists newest first, with labels, actors, subjects and municipalities', async () => {
		const page = await listAuditEvents(system(), filter());
		expect(page.items.map((item) => item.action)).toEqual([
			'invitation.sent',
			'membership.changed',
			'auth.sign_in.failed',
			'auth.sign_in.failed',
			'auth.sign_in.succeeded',
			'auth.sign_in.succeeded'
		]);
		expect(page.nextCursor).toBeNull();
		expect(page.pageSize).toBe(50);
		expect(page.items[1]).toMatchObject({
			occurredAt: '2026-11-25T11:00:00.000Z',
			actionLabel: 'Mitgliedschaft geändert',
			actor: { personId: 1, label: 'Anna A.' },
			subject: { type: 'person', id: 2 },
			municipality: { id: municipalities.achern, ags: '08317001', name: 'Achern' },
			details: { from: 'member', to: 'coordinator' }
		});
		expect(page.items[2]).toMatchObject({
			municipality: null,
			subject: null,
			actor: { personId: null }
		});
	});

	it('filters by action', async () => {
		expect(await times({ action: 'auth.sign_in.failed' })).toEqual([
			'2026-11-25T10:00:00.000Z',
			'2026-11-24T23:30:00.000Z'
		]);
	});

	it('filters by actor: a person id, or an e-mail address through its pseudonym', async () => {
		expect(await times({ actor: '2' })).toEqual([
			'2026-11-25T23:30:00.000Z',
			'2026-11-10T09:00:00.000Z'
		]);
		expect(await times({ actor: 'FREMD@example.org' })).toEqual([
			'2026-11-25T10:00:00.000Z',
			'2026-11-24T23:30:00.000Z'
		]);
		expect(await times({ actor: 'niemand@example.org' })).toEqual([]);
	});

	it('filters by municipality', async () => {
		expect(await times({ municipality: String(municipalities.achern) })).toEqual([
			'2026-11-25T11:00:00.000Z',
			'2026-11-01T08:00:00.000Z'
		]);
	});

	it('filters by days in German time, both ends included', async () => {
		expect(await times({ from: '2026-11-25', to: '2026-11-25' })).toEqual([
			'2026-11-25T11:00:00.000Z',
			'2026-11-25T10:00:00.000Z',
			'2026-11-24T23:30:00.000Z'
		]);
		expect(await times({ from: '2026-11-26' })).toEqual(['2026-11-25T23:30:00.000Z']);
		expect(await times({ to: '2026-11-10' })).toEqual([
			'2026-11-10T09:00:00.000Z',
			'2026-11-01T08:00:00.000Z'
		]);
	});

	it('combines filters', async () => {
		expect(
			await times({
				action: 'auth.sign_in.succeeded',
				municipality: String(municipalities.oberkirch),
				from: '2026-11-01'
			})
		).toEqual(['2026-11-10T09:00:00.000Z']);
		expect(await times({ action: 'invitation.sent', actor: '1' })).toEqual([]);
	});

	it('is for the coordination only', async () => {
		const error: unknown = await listAuditEvents(t.ctx(ANONYMOUS), filter()).catch(
			(e: unknown) => e
		);
		expect(isDomainError(error) && error.code).toBe('FORBIDDEN');
	});
});

describe('paging', () => {
	it('walks 120 events in pages of 50 without gaps or repeats, ties in time broken by id', async () => {
		const ids: number[] = [];
		for (let i = 0; i < 120; i++) {
			// Three events per millisecond-exact instant, so many share a timestamp.
			const when = new Date(Date.UTC(2025, 0, 1, 0, 0, Math.floor(i / 3))).toISOString();
			ids.push(
				await recordAuditEvent(
					t.db,
					{ ...base, action: 'auth.password.changed', actorPersonId: 77 },
					at(when)
				)
			);
		}
		const seen: number[] = [];
		let query: Record<string, string> = { actor: '77' };
		const sizes: number[] = [];
		for (;;) {
			const page = await listAuditEvents(system(), filter(query));
			sizes.push(page.items.length);
			seen.push(...page.items.map((item) => item.id));
			if (!page.nextCursor) break;
			query = { actor: '77', before: page.nextCursor };
		}
		expect(sizes).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 20]);
		expect(seen).toEqual([...ids].reverse());
	});

	it('has no next page when the last page is exactly full', async () => {
		for (let i = 0; i < AUDIT_PAGE_SIZE; i++) {
			await recordAuditEvent(
				t.db,
				{ ...base, action: 'auth.signed_out', actorPersonId: 88 },
				at('2025-02-01T00:00:00.000Z')
			);
		}
		const page = await listAuditEvents(system(), filter({ actor: '88' }));
		expect(page.items).toHaveLength(AUDIT_PAGE_SIZE);
		expect(page.nextCursor).toBeNull();
	});
});

describe('purgeAuditEvents', () => {
	it('deletes what is older than the retention and records that it did', async () => {
		const before = await t.db.selectFrom('audit_event').select('occurred_at').execute();
		const old = before.filter((row) => row.occurred_at < '2025-11-25T12:00:00.000Z').length;
		expect(old).toBeGreaterThan(0);

		expect(await purgeAuditEvents(system(), 365)).toBe(old);
		const after = await t.db
			.selectFrom('audit_event')
			.select(['occurred_at', 'action', 'actor_label', 'details_json'])
			.execute();
		expect(after.every((row) => row.occurred_at >= '2025-11-25T12:00:00.000Z')).toBe(true);
		expect(after).toHaveLength(before.length - old + 1);
		expect(after.find((row) => row.action === 'audit.purged')).toEqual({
			occurred_at: '2026-11-25T12:00:00.000Z',
			action: 'audit.purged',
			actor_label: 'system:test',
			details_json: { olderThanDays: 365, cutoff: '2025-11-25T12:00:00.000Z', deleted: old }
		});

		// Nothing more to delete: nothing recorded either.
		expect(await purgeAuditEvents(system(), 365)).toBe(0);
		expect(await t.db.selectFrom('audit_event').select('id').execute()).toHaveLength(after.length);
	});

	it('keeps events when their municipality is deleted', async () => {
		const id = await insertMunicipality('08317099', 'Weg');
		await recordAuditEvent(t.db, { ...base, municipalityId: id }, at('2026-11-25T00:00:00.000Z'));
		await t.db.deleteFrom('municipality').where('id', '=', id).execute();
		const rows = await t.db
			.selectFrom('audit_event')
			.select('municipality_id')
			.where('occurred_at', '=', '2026-11-25T00:00:00.000Z')
			.execute();
		expect(rows).toEqual([{ municipality_id: null }]);
	});

	it('is for the system only and wants whole days', async () => {
		const forbidden: unknown = await purgeAuditEvents(t.ctx(ANONYMOUS), 30).catch(
			(e: unknown) => e
		);
		expect(isDomainError(forbidden) && forbidden.code).toBe('FORBIDDEN');
		const invalid: unknown = await purgeAuditEvents(system(), 0.5).catch((e: unknown) => e);
		expect(isDomainError(invalid) && invalid.code).toBe('INVALID');
	});
});

describe('listAuditMunicipalities', () => {
	it('offers the municipalities the log mentions, by name, to the coordination only', async () => {
		await insertMunicipality('08317098', 'Nie erwähnt');
		expect(await listAuditMunicipalities(system())).toEqual([
			{ id: municipalities.achern, name: 'Achern' },
			{ id: municipalities.oberkirch, name: 'Oberkirch' }
		]);
		const error: unknown = await listAuditMunicipalities(t.ctx(ANONYMOUS)).catch((e: unknown) => e);
		expect(isDomainError(error) && error.code).toBe('FORBIDDEN');
	});
});
