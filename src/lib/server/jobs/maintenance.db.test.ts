import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { useTestDatabase } from '../../../../tests/support/database';
import { recordAuditEvent } from '../audit';
import { systemContext } from '../context';
import { maintenanceTasks, runMaintenance } from './maintenance';

const t = useTestDatabase();
const NOW = new Date('2026-11-25T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const silent = pino({ level: 'silent' });

async function addPerson(): Promise<number> {
	const row = await t.db
		.insertInto('person')
		.values({
			email: 'wartung@example.de',
			display_name: 'Wartung',
			is_coordinator: false,
			updated_at: NOW.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function addSession(personId: number, id: string, expiresAt: string) {
	await t.db
		.insertInto('session')
		.values({
			id: id.repeat(64),
			person_id: personId,
			created_at: daysAgo(40),
			last_seen_at: daysAgo(1),
			expires_at: expiresAt,
			idle_expires_at: expiresAt,
			ip_address: null,
			user_agent: null
		})
		.execute();
}

async function addMail(status: 'sent' | 'pending', sentAt: string | null, id: string) {
	await t.db
		.insertInto('mail_outbox')
		.values({
			to_address: 'a@example.de',
			subject: 'Betreff',
			text_body: 'Text',
			html_body: null,
			headers_json: '{}',
			message_id: `<${id}@example.de>`,
			status,
			attempts: 1,
			next_attempt_at: daysAgo(60),
			locked_until: null,
			last_error: null,
			sent_at: sentAt,
			dedupe_key: null
		})
		.execute();
}

describe('runMaintenance', () => {
	it('removes what has expired or is past retention and keeps everything else', async () => {
		const personId = await addPerson();
		await addSession(personId, 'a', daysAgo(1));
		await addSession(personId, 'b', daysAgo(-1));
		await addMail('sent', daysAgo(31), 'old');
		await addMail('sent', daysAgo(29), 'recent');
		// Unsent mail is never dropped, however old.
		await addMail('pending', null, 'waiting');
		const old = systemContext(t.db, 'test', () => new Date(daysAgo(200)));
		await recordAuditEvent(t.db, { action: 'account.created', actorLabel: 'alt' }, old);
		const fresh = systemContext(t.db, 'test', () => new Date(daysAgo(10)));
		await recordAuditEvent(t.db, { action: 'account.created', actorLabel: 'neu' }, fresh);

		const ctx = systemContext(t.db, 'maintenance', () => NOW);
		const removed = await runMaintenance(
			ctx,
			maintenanceTasks({ auditRetentionDays: 180 }),
			silent
		);

		expect(removed).toMatchObject({ sessions: 1, mail: 1, audit: 1 });
		const sessions = await t.db.selectFrom('session').select('id').execute();
		expect(sessions.map((s) => s.id[0])).toEqual(['b']);
		const mails = await t.db.selectFrom('mail_outbox').select('message_id').execute();
		expect(mails.map((m) => m.message_id).sort()).toEqual([
			'<recent@example.de>',
			'<waiting@example.de>'
		]);
		const events = await t.db.selectFrom('audit_event').select(['action', 'actor_label']).execute();
		// The purge leaves a note of itself.
		expect(events.map((e) => e.actor_label).sort()).toEqual(['neu', 'system:maintenance']);
	});

	it('runs the remaining tasks when one fails', async () => {
		const ctx = systemContext(t.db, 'maintenance', () => NOW);
		const ran: string[] = [];
		const removed = await runMaintenance(
			ctx,
			[
				{ name: 'broken', run: () => Promise.reject(new Error('kaputt')) },
				{
					name: 'fine',
					run: () => {
						ran.push('fine');
						return Promise.resolve(2);
					}
				}
			],
			silent
		);
		expect(removed).toEqual({ broken: -1, fine: 2 });
		expect(ran).toEqual(['fine']);
	});
});
