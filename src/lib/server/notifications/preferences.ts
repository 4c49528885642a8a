/**
 * A person's choice of notification mails (decision 0027): per event, a daily or weekly digest,
 * or none. In-app notifications are always made. One-click unsubscribe switches mail off by a
 * token signed with the installation secret (decision 0014), so nothing secret is stored.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Db, Tx } from '../db';
import type { NotificationMailMode } from '../db/schema';
import { keyedHash } from '../secrets';

export const MAIL_MODES = [
	'event',
	'daily',
	'weekly',
	'none'
] as const satisfies readonly NotificationMailMode[];
/** Without a stored choice: a mail per event, for what the person chose to follow. */
export const DEFAULT_MAIL_MODE: NotificationMailMode = 'event';

export function isMailMode(value: unknown): value is NotificationMailMode {
	return typeof value === 'string' && (MAIL_MODES as readonly string[]).includes(value);
}

export async function findMailMode(db: Db | Tx, personId: number): Promise<NotificationMailMode> {
	const row = await db
		.selectFrom('notification_preference')
		.select('mail_mode')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return row?.mail_mode ?? DEFAULT_MAIL_MODE;
}

export async function storeMailMode(
	db: Db | Tx,
	personId: number,
	mode: NotificationMailMode,
	nowIso: string
): Promise<void> {
	await db
		.insertInto('notification_preference')
		.values({ person_id: personId, mail_mode: mode, updated_at: nowIso })
		.onConflict((oc) => oc.column('person_id').doUpdateSet({ mail_mode: mode, updated_at: nowIso }))
		.execute();
}

const UNSUBSCRIBE_PURPOSE = 'notification-unsubscribe';

/** `<person id>.<signature>`: the same for a person every time, unforgeable without the key. */
export function unsubscribeToken(personId: number): string {
	return `${personId}.${keyedHash(UNSUBSCRIBE_PURPOSE, String(personId)).slice(0, 43)}`;
}

/** The person a token stands for, or null when it is malformed or not signed by us. */
export function personOfUnsubscribeToken(token: unknown): number | null {
	if (typeof token !== 'string' || token.length > 80) return null;
	const match = /^([1-9]\d{0,9})\.([0-9a-f]{43})$/.exec(token);
	if (!match?.[1] || !match[2]) return null;
	const personId = Number(match[1]);
	const expected = Buffer.from(unsubscribeToken(personId));
	const given = Buffer.from(token);
	return expected.length === given.length && timingSafeEqual(expected, given) ? personId : null;
}
