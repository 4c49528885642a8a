/**
 * Who may see and prune the audit log. Written against the least an actor must tell: today's
 * `Actor` (anonymous or system) fits it, and so will a signed-in person once the actor carries
 * roles (see docs/decisions/0010-rate-limits-and-audit-log.md).
 */

/** The role of the network's coordination office (Netzwerkkoordination). */
export const COORDINATOR_ROLE = 'coordinator';

export type AuditLogActor =
	{ kind: 'anonymous' } | { kind: 'system' } | { kind: 'person'; roles: readonly string[] };

/**
 * Only the coordination reads the log: it holds addresses, failed sign-ins and who changed whose
 * rights. The system (CLI, jobs) may too; it runs with the operator's full access anyway.
 */
export function canReadAuditLog(actor: AuditLogActor): boolean {
	switch (actor.kind) {
		case 'system':
			return true;
		case 'person':
			return actor.roles.includes(COORDINATOR_ROLE);
		case 'anonymous':
			return false;
	}
}

/** Deleting old entries is the retention job's business, not a person's: it erases evidence. */
export function canPurgeAuditLog(actor: AuditLogActor): boolean {
	return actor.kind === 'system';
}
