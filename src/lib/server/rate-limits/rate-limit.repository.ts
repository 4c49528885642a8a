/** SQL of the rate limits. Queries only; the arithmetic lives in rate-limit.bucket.ts. */
import { PostgresAdapter } from 'kysely';
import type { Db, Tx } from '../db';
import type { Bucket } from './rate-limit.bucket';

const columns = [
	'count',
	'window_started_at',
	'blocked_until',
	'block_count',
	'expires_at'
] as const;

/**
 * The bucket of `key`, locked until the transaction ends. A missing row is first inserted as
 * already expired (the arithmetic treats it as absent), so that there always is a row to lock:
 * on PostgreSQL the insert waits for a concurrent insert of the same key and `for update` for a
 * concurrent update; on SQLite the insert, being a write, takes the database's write lock at the
 * start of the transaction, before anything is read.
 */
export async function lockBucket(tx: Tx, key: string, nowIso: string): Promise<Bucket> {
	await tx
		.insertInto('rate_limit_bucket')
		.values({
			key,
			count: 0,
			window_started_at: nowIso,
			blocked_until: null,
			block_count: 0,
			expires_at: nowIso,
			updated_at: nowIso
		})
		.onConflict((conflict) => conflict.column('key').doNothing())
		.execute();
	let query = tx.selectFrom('rate_limit_bucket').select(columns).where('key', '=', key);
	if (tx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
	const row = await query.executeTakeFirstOrThrow();
	return {
		count: row.count,
		windowStartedAt: new Date(row.window_started_at),
		blockedUntil: row.blocked_until === null ? null : new Date(row.blocked_until),
		blockCount: row.block_count,
		expiresAt: new Date(row.expires_at)
	};
}

export async function saveBucket(tx: Tx, key: string, bucket: Bucket, nowIso: string) {
	await tx
		.updateTable('rate_limit_bucket')
		.set({
			count: bucket.count,
			window_started_at: bucket.windowStartedAt.toISOString(),
			blocked_until: bucket.blockedUntil?.toISOString() ?? null,
			block_count: bucket.blockCount,
			expires_at: bucket.expiresAt.toISOString(),
			updated_at: nowIso
		})
		.where('key', '=', key)
		.execute();
}

export async function deleteBucket(db: Db, key: string): Promise<boolean> {
	const result = await db.deleteFrom('rate_limit_bucket').where('key', '=', key).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Takes one call back, in one statement (no lock needed). */
export async function decrementBucket(db: Db, key: string, nowIso: string): Promise<boolean> {
	const result = await db
		.updateTable('rate_limit_bucket')
		.set((eb) => ({ count: eb('count', '-', 1), updated_at: nowIso }))
		.where('key', '=', key)
		.where('count', '>', 0)
		.where('expires_at', '>', nowIso)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function deleteExpiredBuckets(db: Db, nowIso: string): Promise<number> {
	const result = await db
		.deleteFrom('rate_limit_bucket')
		.where('expires_at', '<=', nowIso)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The stored state of one key, for tests and operators' diagnostics. */
export function findBucket(db: Db, key: string) {
	return db
		.selectFrom('rate_limit_bucket')
		.select(['key', ...columns, 'updated_at'])
		.where('key', '=', key)
		.executeTakeFirst();
}
