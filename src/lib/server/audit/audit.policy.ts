/**
 * Who may see and prune the audit log. Written against the least an actor must tell, which
 * `Actor` in context.ts satisfies (see docs/decisions/0010-rate-limits-and-audit-log.md).
 */

export type AuditLogActor =
	{ kind: 'anonymous' } | { kind: 'system' } | { kind: 'person'; isCoordinator: boolean };

/**
 * Only the coordination reads the log: it holds addresses, failed sign-ins and who changed whose
 * rights. The system (CLI, jobs) may too; it runs with the operator's full access anyway.
 */
export function canReadAuditLog(actor: AuditLogActor): boolean {
	switch (actor.kind) {
		case 'system':
			return true;
		case 'person':
			return actor.isCoordinator;
		case 'anonymous':
			return false;
	}
}

/** Deleting old entries is the retention job's business, not a person's: it erases evidence. */
export function canPurgeAuditLog(actor: AuditLogActor): boolean {
	return actor.kind === 'system';
}
