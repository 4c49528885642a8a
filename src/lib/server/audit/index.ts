export {
	AUDIT_RETENTION_DAYS,
	auditActorOf,
	listAuditEvents,
	listAuditMunicipalities,
	purgeAuditEvents,
	recordAuditEvent,
	type AuditEventInput,
	type AuditEventPage,
	type AuditEventView
} from './audit.service';
export {
	AUDIT_PAGE_SIZE,
	emailActorLabel,
	formatAuditCursor,
	ListAuditEventsSchema,
	parseAuditFilter,
	type AuditActorQuery,
	type AuditFilter,
	type ListAuditEventsInput
} from './audit.schema';
export {
	AUDIT_ACTION_CODES,
	AUDIT_ACTIONS,
	auditActionLabel,
	isAuditAction,
	type AuditAction
} from './audit.actions';
export { canPurgeAuditLog, canReadAuditLog, type AuditLogActor } from './audit.policy';
export { NETWORK_TIME_ZONE } from './day-range';
