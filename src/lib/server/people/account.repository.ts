/**
 * SQL of the account export (GDPR Art. 15/20) and the account deletion (Art. 17). Explicit
 * column lists: password hash, two-factor key and token hashes are never selected here.
 */
import type { Db } from '../db';

export function findPersonForExport(db: Db, personId: number) {
	return db
		.selectFrom('person')
		.select([
			'id',
			'email',
			'email_verified_at',
			'display_name',
			'job_title',
			'phone',
			'about',
			'email_visibility',
			'phone_visibility',
			'is_listed',
			'is_coordinator',
			'notification_settings_json',
			'two_factor_enabled_at',
			'created_at',
			'updated_at',
			'last_sign_in_at',
			'deleted_at'
		])
		.where('id', '=', personId)
		.executeTakeFirst();
}

/** Sessions without their ids: an id (a token's hash) is of no use to the person. */
export function findSessionsForExport(db: Db, personId: number) {
	return db
		.selectFrom('session')
		.select(['created_at', 'last_seen_at', 'expires_at', 'ip_address', 'user_agent'])
		.where('person_id', '=', personId)
		.orderBy('created_at')
		.execute();
}

/** Audit events the person caused or that concern them. */
export function findAuditEventsForExport(db: Db, personId: number) {
	return db
		.selectFrom('audit_event')
		.select([
			'occurred_at',
			'action',
			'actor_label',
			'subject_type',
			'subject_id',
			'ip_address',
			'user_agent',
			'details_json'
		])
		.where((eb) =>
			eb.or([
				eb('actor_person_id', '=', personId),
				eb.and([eb('subject_type', '=', 'person'), eb('subject_id', '=', personId)])
			])
		)
		.orderBy('occurred_at')
		.orderBy('id')
		.execute();
}

/**
 * Mails to the person's address, without bodies: a body may hold a link that still works (a
 * password reset), and a downloaded file is easily passed on.
 */
export function findMailsForExport(db: Db, email: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['subject', 'status', 'created_at', 'sent_at'])
		.where('to_address', '=', email)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

export function findApiTokensForExport(db: Db, personId: number) {
	return db
		.selectFrom('api_token')
		.select([
			'name',
			'token_prefix',
			'scope',
			'created_at',
			'expires_at',
			'last_used_at',
			'revoked_at'
		])
		.where('person_id', '=', personId)
		.orderBy('created_at')
		.execute();
}

/** Invitations the person sent: the invitee's address is someone else's data and stays out. */
export function findInvitationsSentForExport(db: Db, personId: number) {
	return db
		.selectFrom('invitation')
		.select(['role', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
		.where('invited_by_person_id', '=', personId)
		.orderBy('created_at')
		.execute();
}

export async function countUnusedBackupCodes(db: Db, personId: number): Promise<number> {
	const row = await db
		.selectFrom('backup_code')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('person_id', '=', personId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export function findPersonForDeletion(db: Db, personId: number) {
	return db
		.selectFrom('person')
		.select(['id', 'email', 'password_hash', 'is_coordinator', 'deleted_at'])
		.where('id', '=', personId)
		.executeTakeFirst();
}

export async function countOtherActiveCoordinators(db: Db, personId: number): Promise<number> {
	const row = await db
		.selectFrom('person')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('is_coordinator', '=', true)
		.where('deleted_at', 'is', null)
		.where('id', '<>', personId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Empties the person's row down to what authored content needs: its id and a marker name. */
export async function anonymisePerson(
	db: Db,
	personId: number,
	values: { displayName: string; email: string; nowIso: string }
) {
	await db
		.updateTable('person')
		.set({
			email: values.email,
			email_verified_at: null,
			display_name: values.displayName,
			name_sort: '',
			job_title: null,
			password_hash: null,
			is_coordinator: false,
			phone: null,
			about: null,
			email_visibility: 'hidden',
			phone_visibility: 'hidden',
			is_listed: false,
			notification_settings_json: '{}',
			two_factor_secret: null,
			two_factor_enabled_at: null,
			two_factor_last_step: null,
			last_sign_in_at: null,
			deleted_at: values.nowIso,
			updated_at: values.nowIso
		})
		.where('id', '=', personId)
		.execute();
}

/** Rows that belong to the person alone and go with the account. */
export async function deletePersonalRows(db: Db, personId: number) {
	for (const table of [
		'person_expertise',
		'person_topic',
		'person_municipality',
		'session',
		'account_token',
		'backup_code',
		'sign_in_challenge',
		'api_token',
		// A former member is nobody's contact any more; authored content keeps its author.
		'project_contact'
	] as const) {
		await db.deleteFrom(table).where('person_id', '=', personId).execute();
	}
	await db
		.updateTable('adoption')
		.set({ contact_person_id: null })
		.where('contact_person_id', '=', personId)
		.execute();
}

/** The catalogue as it concerns the person: what they created, where they are the contact. */
export async function findCatalogueForExport(db: Db, personId: number) {
	const [created, contactOf, adoptionContactOf, reuseRequests, attachments, revisions] =
		await Promise.all([
			db
				.selectFrom('project')
				.select(['id', 'title', 'created_at'])
				.where('created_by_person_id', '=', personId)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('project_contact')
				.innerJoin('project', 'project.id', 'project_contact.project_id')
				.select(['project.id', 'project.title'])
				.where('project_contact.person_id', '=', personId)
				.orderBy('project.id')
				.execute(),
			db
				.selectFrom('adoption')
				.innerJoin('product', 'product.id', 'adoption.product_id')
				.innerJoin('municipality', 'municipality.id', 'adoption.municipality_id')
				.select(['product.name as product', 'municipality.ags', 'adoption.stage'])
				.where('adoption.contact_person_id', '=', personId)
				.orderBy('adoption.id')
				.execute(),
			db
				.selectFrom('reuse_request')
				.select(['id', 'project_id', 'product_id', 'message', 'status', 'created_at'])
				.where('requested_by_person_id', '=', personId)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('attachment')
				.select(['id', 'project_id', 'file_name', 'created_at'])
				.where('uploaded_by_person_id', '=', personId)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('project_revision')
				.select(['project_id', 'action', 'changed_at'])
				.where('person_id', '=', personId)
				.orderBy('id')
				.execute()
		]);
	return { created, contactOf, adoptionContactOf, reuseRequests, attachments, revisions };
}

/**
 * Invitations to the person's address keep their history (who invited whom into which
 * municipality) but lose the address; open ones are withdrawn.
 */
export async function anonymiseInvitationsTo(
	db: Db,
	personId: number,
	oldEmail: string,
	placeholder: string,
	nowIso: string
) {
	await db
		.updateTable('invitation')
		.set({ email: placeholder, display_name: null })
		.where((eb) => eb.or([eb('email', '=', oldEmail), eb('accepted_person_id', '=', personId)]))
		.execute();
	await db
		.updateTable('invitation')
		.set({ revoked_at: nowIso })
		.where('email', '=', placeholder)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.execute();
}

/** Unsent mail to the old address is dropped; sent mail keeps its record without the address. */
export async function forgetMailTo(db: Db, oldEmail: string, placeholder: string) {
	await db
		.deleteFrom('mail_outbox')
		.where('to_address', '=', oldEmail)
		.where('status', 'in', ['pending', 'failed'])
		.execute();
	await db
		.updateTable('mail_outbox')
		.set({ to_address: placeholder })
		.where('to_address', '=', oldEmail)
		.execute();
}
