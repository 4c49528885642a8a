/**
 * The sections of a person's data export. Every module that stores something about a person
 * adds one section here (its key is stable: people compare exports over time). A section
 * receives the transaction of the export and returns plain JSON data; it must never return
 * secrets (password hashes, two-factor keys, token hashes).
 */
import type { Db } from '../db';
import {
	countUnusedBackupCodes,
	findApiTokensForExport,
	findCatalogueForExport,
	findAuditEventsForExport,
	findInvitationsSentForExport,
	findMailsForExport,
	findPersonForExport,
	findSessionsForExport
} from './account.repository';
import { findExpertiseOf, findMembershipsOf, findTopicsOf } from './person.repository';
import { parseNotificationSettings } from './person.schema';

export interface AccountExportSection {
	/** Key of the section in the exported JSON. */
	key: string;
	collect(db: Db, person: { id: number; email: string }): Promise<unknown>;
}

const profile: AccountExportSection = {
	key: 'profile',
	async collect(db, { id }) {
		const row = await findPersonForExport(db, id);
		if (!row) return null;
		const [expertise, topics] = await Promise.all([
			findExpertiseOf(db, [id]),
			findTopicsOf(db, [id])
		]);
		return {
			id: row.id,
			email: row.email,
			emailVerifiedAt: row.email_verified_at,
			displayName: row.display_name,
			jobTitle: row.job_title,
			phone: row.phone,
			about: row.about,
			expertise: expertise.map((e) => e.tag),
			topics: topics.map((t) => t.topic),
			emailVisibility: row.email_visibility,
			phoneVisibility: row.phone_visibility,
			isListedInDirectory: row.is_listed,
			isCoordinator: row.is_coordinator,
			createdAt: row.created_at,
			updatedAt: row.updated_at,
			lastSignInAt: row.last_sign_in_at
		};
	}
};

const notificationSettings: AccountExportSection = {
	key: 'notificationSettings',
	async collect(db, { id }) {
		const row = await findPersonForExport(db, id);
		return parseNotificationSettings(row?.notification_settings_json);
	}
};

const memberships: AccountExportSection = {
	key: 'memberships',
	async collect(db, { id }) {
		const rows = await findMembershipsOf(db, [id]);
		return rows.map((row) => ({ ags: row.ags, municipality: row.name, role: row.role }));
	}
};

const sessions: AccountExportSection = {
	key: 'sessions',
	async collect(db, { id }) {
		const rows = await findSessionsForExport(db, id);
		return rows.map((row) => ({
			createdAt: row.created_at,
			lastSeenAt: row.last_seen_at,
			expiresAt: row.expires_at,
			ipAddress: row.ip_address,
			userAgent: row.user_agent
		}));
	}
};

const security: AccountExportSection = {
	key: 'security',
	async collect(db, { id }) {
		const [row, backupCodes, apiTokens] = await Promise.all([
			findPersonForExport(db, id),
			countUnusedBackupCodes(db, id),
			findApiTokensForExport(db, id)
		]);
		return {
			twoFactorEnabledAt: row?.two_factor_enabled_at ?? null,
			unusedBackupCodes: backupCodes,
			apiTokens: apiTokens.map((token) => ({
				name: token.name,
				prefix: token.token_prefix,
				scope: token.scope,
				createdAt: token.created_at,
				expiresAt: token.expires_at,
				lastUsedAt: token.last_used_at,
				revokedAt: token.revoked_at
			}))
		};
	}
};

const invitationsSent: AccountExportSection = {
	key: 'invitationsSent',
	async collect(db, { id }) {
		const rows = await findInvitationsSentForExport(db, id);
		return rows.map((row) => ({
			role: row.role,
			createdAt: row.created_at,
			expiresAt: row.expires_at,
			acceptedAt: row.accepted_at,
			revokedAt: row.revoked_at
		}));
	}
};

const auditEvents: AccountExportSection = {
	key: 'auditEvents',
	async collect(db, { id }) {
		const rows = await findAuditEventsForExport(db, id);
		return rows.map((row) => ({
			occurredAt: row.occurred_at,
			action: row.action,
			actor: row.actor_label,
			subject: row.subject_type === null ? null : { type: row.subject_type, id: row.subject_id },
			ipAddress: row.ip_address,
			userAgent: row.user_agent,
			details: row.details_json
		}));
	}
};

const mails: AccountExportSection = {
	key: 'mails',
	async collect(db, { email }) {
		const rows = await findMailsForExport(db, email);
		return rows.map((row) => ({
			subject: row.subject,
			status: row.status,
			createdAt: row.created_at,
			sentAt: row.sent_at
		}));
	}
};

const catalogue: AccountExportSection = {
	key: 'catalogue',
	async collect(db, { id }) {
		const rows = await findCatalogueForExport(db, id);
		return {
			projectsCreated: rows.created.map((row) => ({
				id: row.id,
				title: row.title,
				createdAt: row.created_at
			})),
			projectContactOf: rows.contactOf.map((row) => ({ id: row.id, title: row.title })),
			productContactOf: rows.adoptionContactOf.map((row) => ({
				product: row.product,
				ags: row.ags,
				stage: row.stage
			})),
			reuseRequests: rows.reuseRequests.map((row) => ({
				id: row.id,
				projectId: row.project_id,
				productId: row.product_id,
				message: row.message,
				status: row.status,
				createdAt: row.created_at
			})),
			attachmentsUploaded: rows.attachments.map((row) => ({
				id: row.id,
				projectId: row.project_id,
				fileName: row.file_name,
				createdAt: row.created_at
			})),
			projectEdits: rows.revisions.map((row) => ({
				projectId: row.project_id,
				action: row.action,
				changedAt: row.changed_at
			}))
		};
	}
};

/** In the order they appear in the file. Later modules (projects, ideas, …) append theirs. */
export const ACCOUNT_EXPORT_SECTIONS: readonly AccountExportSection[] = [
	profile,
	memberships,
	notificationSettings,
	security,
	sessions,
	invitationsSent,
	auditEvents,
	mails,
	catalogue
];
