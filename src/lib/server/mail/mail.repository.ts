/** SQL of the mail outbox. Queries only; retry rules live in the service. */
import { PostgresAdapter } from 'kysely';
import { json, type Db, type Tx } from '../db';

export interface NewOutboxMail {
	toAddress: string;
	subject: string;
	textBody: string;
	htmlBody: string | null;
	headers: Record<string, string>;
	messageId: string;
	dedupeKey: string | null;
	/** ISO timestamp: when it was queued, and when it is first due. */
	now: string;
}

const claimedColumns = [
	'id',
	'to_address',
	'subject',
	'text_body',
	'html_body',
	'headers_json',
	'message_id',
	'attempts',
	'next_attempt_at'
] as const;

export type ClaimedMail = Awaited<ReturnType<typeof claimDueMail>>[number];

/**
 * Inserts a mail in the caller's connection or transaction. With a dedupe key that is already
 * queued nothing is inserted and `undefined` returned; ON CONFLICT rather than a caught unique
 * violation, because on PostgreSQL a failed statement would abort the caller's transaction.
 */
export function insertOutboxMail(db: Db | Tx, mail: NewOutboxMail) {
	return db
		.insertInto('mail_outbox')
		.values({
			to_address: mail.toAddress,
			subject: mail.subject,
			text_body: mail.textBody,
			html_body: mail.htmlBody,
			headers_json: json(mail.headers),
			message_id: mail.messageId,
			status: 'pending',
			attempts: 0,
			next_attempt_at: mail.now,
			created_at: mail.now,
			dedupe_key: mail.dedupeKey
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.returning(['id', 'message_id'])
		.executeTakeFirst();
}

export function findOutboxMailByDedupeKey(db: Db | Tx, dedupeKey: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['id', 'message_id', 'status'])
		.where('dedupe_key', '=', dedupeKey)
		.executeTakeFirst();
}

function claimable(db: Db, now: string, limit: number) {
	return db
		.selectFrom('mail_outbox')
		.select('id')
		.where((eb) =>
			eb.or([
				eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
				// A worker that claimed the mail and then died: its lease has run out.
				eb.and([eb('status', '=', 'sending'), eb('locked_until', '<=', now)])
			])
		)
		.orderBy('next_attempt_at')
		.orderBy('id')
		.limit(limit);
}

/**
 * Claims up to `limit` due mails for one worker: marks them `sending` with a lease until
 * `lockedUntil` and counts the attempt. No two workers ever get the same mail:
 * - PostgreSQL: the rows are selected `FOR UPDATE SKIP LOCKED` and updated in one short
 *   transaction, so a concurrent worker skips them and, once committed, no longer matches them.
 * - SQLite: one UPDATE … RETURNING holds the database's single write lock from reading to
 *   writing, so it is atomic by itself.
 */
export async function claimDueMail(
	db: Db,
	{ now, lockedUntil, limit }: { now: string; lockedUntil: string; limit: number }
) {
	const claim = (conn: Db | Tx, ids: number[] | ReturnType<typeof claimable>) =>
		conn
			.updateTable('mail_outbox')
			.set((eb) => ({
				status: 'sending',
				locked_until: lockedUntil,
				attempts: eb('attempts', '+', 1)
			}))
			.where('id', 'in', ids)
			.returning(claimedColumns)
			.execute();

	let rows;
	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		rows = await db.transaction().execute(async (tx) => {
			const locked = await claimable(tx, now, limit).forUpdate().skipLocked().execute();
			if (locked.length === 0) return [];
			return claim(
				tx,
				locked.map((row) => row.id)
			);
		});
	} else {
		rows = await claim(db, claimable(db, now, limit));
	}
	// RETURNING gives no order; send the oldest first.
	return rows.sort((a, b) =>
		a.next_attempt_at === b.next_attempt_at
			? a.id - b.id
			: a.next_attempt_at < b.next_attempt_at
				? -1
				: 1
	);
}

/**
 * A claim is identified by the mail's id and its attempt number: a worker whose lease ran out
 * and was taken over (the attempt number went up) changes nothing with the updates below.
 */
export interface Claim {
	id: number;
	attempt: number;
}

function updateClaimed(db: Db, claim: Claim) {
	return db
		.updateTable('mail_outbox')
		.where('id', '=', claim.id)
		.where('status', '=', 'sending')
		.where('attempts', '=', claim.attempt);
}

async function changed(query: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }) {
	const result = await query.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export function markOutboxMailSent(db: Db, claim: Claim, sentAt: string): Promise<boolean> {
	return changed(
		updateClaimed(db, claim).set({
			status: 'sent',
			sent_at: sentAt,
			locked_until: null,
			last_error: null
		})
	);
}

/**
 * Marks several claimed mails sent in one statement (one commit): the ids whose claim still held
 * come back; a claim taken over meanwhile (attempt number changed) is left alone.
 */
export async function markOutboxMailsSent(
	db: Db,
	claims: readonly Claim[],
	sentAt: string
): Promise<Set<number>> {
	if (claims.length === 0) return new Set();
	const rows = await db
		.updateTable('mail_outbox')
		.set({ status: 'sent', sent_at: sentAt, locked_until: null, last_error: null })
		.where('status', '=', 'sending')
		.where((eb) =>
			eb.or(claims.map((c) => eb.and([eb('id', '=', c.id), eb('attempts', '=', c.attempt)])))
		)
		.returning('id')
		.execute();
	return new Set(rows.map((row) => row.id));
}

export function scheduleOutboxRetry(
	db: Db,
	claim: Claim,
	{ nextAttemptAt, error }: { nextAttemptAt: string; error: string }
): Promise<boolean> {
	return changed(
		updateClaimed(db, claim).set({
			status: 'pending',
			next_attempt_at: nextAttemptAt,
			locked_until: null,
			last_error: error
		})
	);
}

export function markOutboxMailFailed(db: Db, claim: Claim, error: string): Promise<boolean> {
	return changed(
		updateClaimed(db, claim).set({ status: 'failed', locked_until: null, last_error: error })
	);
}

/** Gives a claimed mail back untried (the attempt does not count): due again at once. */
export function releaseOutboxMail(db: Db, claim: Claim): Promise<boolean> {
	return changed(
		updateClaimed(db, claim).set((eb) => ({
			status: 'pending',
			locked_until: null,
			attempts: eb('attempts', '-', 1)
		}))
	);
}

/** Mails per status, for the worker's log and for operators. */
export function countOutboxMailByStatus(db: Db) {
	return db
		.selectFrom('mail_outbox')
		.select((eb) => ['status', eb.fn.countAll<number>().as('count')])
		.groupBy('status')
		.execute();
}

/**
 * Deletes mails that were sent, or given up on, before `cutoffIso`. Pending and sending mails
 * stay however old they are: nothing unsent is ever dropped.
 */
export async function deleteFinishedMailBefore(db: Db, cutoffIso: string): Promise<number> {
	const result = await db
		.deleteFrom('mail_outbox')
		.where((eb) =>
			eb.or([
				eb.and([eb('status', '=', 'sent'), eb('sent_at', '<', cutoffIso)]),
				eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<', cutoffIso)])
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
